// Reading a timetable file's rows, pure: the header names the columns (Russian or English), and
// each row gives class, group?, weekday (Пн / понедельник / 1), slot, subject, teacher, room?,
// from-date. Problems are per row, in Russian; the database look-ups come after (import.ts).
import { cellText, type Table } from '../roster/table';
import { parseDate } from '../roster/columns';

export type Field = 'className' | 'groupName' | 'weekday' | 'slot' | 'subject' | 'teacher' | 'room' | 'from';

const HEADERS: Record<Field, string[]> = {
  className: ['класс', 'class'],
  groupName: ['группа', 'group', 'подгруппа'],
  weekday: ['день', 'день недели', 'weekday', 'day'],
  slot: ['урок', 'номер урока', 'slot', 'lesson'],
  subject: ['предмет', 'subject'],
  teacher: ['учитель', 'преподаватель', 'teacher'],
  room: ['кабинет', 'room'],
  from: ['с', 'с даты', 'действует с', 'дата начала', 'from'],
};
const REQUIRED: Field[] = ['className', 'weekday', 'slot', 'subject', 'teacher', 'from'];
const LABEL: Record<Field, string> = {
  className: 'класс',
  groupName: 'группа',
  weekday: 'день недели',
  slot: 'урок',
  subject: 'предмет',
  teacher: 'учитель',
  room: 'кабинет',
  from: 'с даты',
};

const DAYS: [string, string][] = [
  ['пн', 'понедельник'],
  ['вт', 'вторник'],
  ['ср', 'среда'],
  ['чт', 'четверг'],
  ['пт', 'пятница'],
  ['сб', 'суббота'],
  ['вс', 'воскресенье'],
];

/** Пн, пн., понедельник, 1 → 1 … 7; null when it names no weekday. */
export function parseWeekday(text: string): number | null {
  const v = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^[1-7]$/.test(v)) return Number(v);
  const i = DAYS.findIndex(([short, long]) => v === short || v === long);
  return i < 0 ? null : i + 1;
}

export interface FileRow {
  line: number;
  className: string;
  groupName: string;
  weekday: number;
  slot: number;
  subject: string;
  teacher: string;
  room: string | null;
  from: string;
}

export interface ParsedFile {
  rows: FileRow[];
  errors: { line: number; message: string }[];
}

export function parseTimetableTable(table: Table): ParsedFile {
  const [head, ...body] = table.rows;
  const errors: ParsedFile['errors'] = [];
  if (!head) return { rows: [], errors: [{ line: 0, message: 'В файле нет строки заголовков' }] };
  const col = new Map<Field, number>();
  head.cells.forEach((c, i) => {
    const h = cellText(c).trim().toLowerCase();
    for (const [f, names] of Object.entries(HEADERS) as [Field, string[]][]) if (names.includes(h) && !col.has(f)) col.set(f, i);
  });
  const missing = REQUIRED.filter((f) => !col.has(f));
  if (missing.length)
    return { rows: [], errors: [{ line: head.line, message: `Нет столбцов: ${missing.map((f) => `«${LABEL[f]}»`).join(', ')}` }] };
  const rows: FileRow[] = [];
  for (const r of body) {
    const text = (f: Field) => (col.has(f) ? cellText(r.cells[col.get(f)!]).trim() : '');
    const problems: string[] = [];
    for (const f of REQUIRED) if (!text(f)) problems.push(`не заполнен столбец «${LABEL[f]}»`);
    const weekday = parseWeekday(text('weekday'));
    if (text('weekday') && weekday === null) problems.push(`«${text('weekday')}» — не день недели (Пн, понедельник или 1–7)`);
    const slotText = text('slot');
    const slot = /^\d{1,2}$/.test(slotText) ? Number(slotText) : NaN;
    if (slotText && !(slot >= 0 && slot <= 12)) problems.push(`номер урока «${slotText}» должен быть числом от 0 до 12`);
    const from = parseDate(col.has('from') ? r.cells[col.get('from')!] : undefined);
    if (text('from') && !from) problems.push(`«${text('from')}» — не дата (нужно ДД.ММ.ГГГГ)`);
    if (text('room').length > 40) problems.push('название кабинета длиннее 40 знаков');
    if (problems.length) {
      errors.push({ line: r.line, message: problems.join('; ') });
      continue;
    }
    rows.push({
      line: r.line,
      className: text('className'),
      groupName: text('groupName'),
      weekday: weekday!,
      slot,
      subject: text('subject'),
      teacher: text('teacher'),
      room: text('room') || null,
      from: from!,
    });
  }
  return { rows, errors };
}
