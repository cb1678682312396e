// Reading a plan from a table (CSV or XLSX): the header row names the columns № / Тема / Часы /
// Вид контроля in any order; each later row is one topic. Pure: per-row errors in Russian, the
// way the teacher fixes them in the spreadsheet.
import { PLAN_HOURS_MAX, PLAN_TOPIC_MAX, PLAN_TOPICS_MAX } from '../../../src-shared/rpc/plan';
import { cellText, type Cell, type Table } from '../roster/table';

export interface ImportRow {
  line: number;
  topic: string;
  hours: number | null;
  workTypeId: number | null;
}
export interface RowError {
  line: number;
  message: string;
}

type Column = 'number' | 'topic' | 'hours' | 'control';

/** How many rows from the top may come before the header (a title, a teacher's name, a blank line). */
const HEADER_SEARCH = 5;

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[\s.:]+/g, ' ').trim();

function columnOf(title: string): Column | null {
  const h = norm(title);
  if (h === '№' || h === 'n' || h === 'номер' || /^№ ?(п ?\/ ?п|урока)?$/.test(h) || h === 'номер урока') return 'number';
  if (/^тема( урока)?$/.test(h) || h === 'название темы' || h === 'содержание') return 'topic';
  if (/^(кол-?во |количество )?час(ы|ов)?$/.test(h)) return 'hours';
  if (/^вид (контроля|работы)$/.test(h) || h === 'контроль' || h === 'контрольная работа') return 'control';
  return null;
}

/** A cell's number: a spreadsheet number, or text like "2" or "1,5" (null: not a number). */
function numberOf(c: Cell | undefined): number | null {
  if (c !== undefined && typeof c !== 'string') return c.num;
  const s = cellText(c).trim().replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

export function readPlanRows(table: Table, workTypes: readonly { id: number; name: string }[]): { rows: ImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  if (table.rows.length === 0) return { rows: [], errors: [{ line: 0, message: 'В файле нет ни одной строки' }] };
  // A plan file often starts with its title («КТП по русскому языку, 5 класс»): the header is
  // the first of the top rows that names a «Тема» column.
  const at = table.rows.slice(0, HEADER_SEARCH).findIndex((r) => r.cells.some((c) => columnOf(cellText(c)) === 'topic'));
  if (at < 0)
    return {
      rows: [],
      errors: [{ line: table.rows[0]!.line, message: 'Не найдена колонка «Тема»: первая строка должна содержать заголовки № / Тема / Часы / Вид контроля' }],
    };
  const head = table.rows[at]!;
  const body = table.rows.slice(at + 1);
  const cols = new Map<Column, number>();
  head.cells.forEach((c, i) => {
    const col = columnOf(cellText(c));
    if (col && !cols.has(col)) cols.set(col, i);
  });
  const topicAt = cols.get('topic')!;
  if (body.length === 0) errors.push({ line: head.line, message: 'Под заголовком нет ни одной темы' });
  if (body.length > PLAN_TOPICS_MAX) errors.push({ line: 0, message: `В плане больше ${PLAN_TOPICS_MAX} тем: разделите файл` });
  const typeByName = new Map(workTypes.map((w) => [norm(w.name), w.id]));
  const typeNames = workTypes.map((w) => `«${w.name}»`).join(', ');
  const rows: ImportRow[] = [];
  for (const r of body) {
    const problems: string[] = [];
    const topic = cellText(r.cells[topicAt]).replace(/\s+/g, ' ').trim();
    if (!topic) problems.push('тема не указана');
    else if (topic.length > PLAN_TOPIC_MAX) problems.push(`тема длиннее ${PLAN_TOPIC_MAX} символов`);
    let hours: number | null = 1;
    const hoursAt = cols.get('hours');
    const hoursText = hoursAt === undefined ? '' : cellText(r.cells[hoursAt]).trim();
    if (hoursText !== '') {
      hours = numberOf(r.cells[hoursAt!]);
      if (hours === null) problems.push(`часы «${hoursText}» — не число: укажите число уроков от 1 до ${PLAN_HOURS_MAX}`);
      else if (hours <= 0 || hours > PLAN_HOURS_MAX) problems.push(`часы ${hoursText}: укажите число уроков от 1 до ${PLAN_HOURS_MAX}`);
      else if (!Number.isInteger(hours)) problems.push(`часы ${hoursText}: тема занимает целое число уроков`);
    }
    let workTypeId: number | null = null;
    const controlAt = cols.get('control');
    const control = controlAt === undefined ? '' : cellText(r.cells[controlAt]).replace(/\s+/g, ' ').trim();
    if (control !== '' && control !== '-' && control !== '—') {
      workTypeId = typeByName.get(norm(control)) ?? null;
      if (workTypeId === null) problems.push(`неизвестный вид контроля «${control}»: допустимы ${typeNames}`);
    }
    for (const message of problems) errors.push({ line: r.line, message: `Строка ${r.line}: ${message}` });
    rows.push({ line: r.line, topic, hours, workTypeId });
  }
  return { rows, errors };
}
