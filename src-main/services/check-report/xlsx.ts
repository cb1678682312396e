// The report as an XLSX workbook: one sheet «Справка» with the same sections as the PDF, the
// teacher × rule table as numbers (so the deputy can sum and sort), the remarks, and the sha256
// of the source data.
import { dotDate } from '../../../src-shared/dates';
import { HASH_LABEL, writeWorkbook, type XCell, type XRow } from '../xlsx/write';
import { RULE_IDS, RULES } from '../../../src-shared/check/rules';
import { sourceHash } from '../pdf/source';
import { type ReportData } from './data';
import { initialsFirst, methodRu, periodRu, PURPOSE, recheckOn, resultRu, scopeRu, STATE_RU, surnameFirst, TITLE, formatRuDate } from './text';

/** Header row of the teacher × rule table: «Учитель», then «R1. Не записана тема урока» … for EVERY rule, «Всего». */
export const TABLE_HEAD = ['Учитель', ...RULE_IDS.map((r) => `${r}. ${RULES[r].ru}`), 'Всего'];
export const REMARKS_HEAD = ['№', 'Учитель', 'Класс', 'Предмет', 'Правило', 'Замечание', 'Срок устранения', 'Состояние', 'Ответ учителя'];

export function reportXlsx(d: ReportData): Uint8Array {
  const rows: XRow[] = [];
  const line = (...cells: XCell[]) => rows.push({ cells });
  const bold = (...cells: XCell[]) => rows.push({ cells, bold: true });
  bold(TITLE);
  line(d.school);
  if (d.check.status === 'draft') line('Проект: замечания ещё не выданы');
  line('Учебный год', d.check.year);
  line('Проверяемый период', periodRu(d.check.dateFrom, d.check.dateTo));
  line('Дата проверки', formatRuDate(d.check.ranOn));
  if (d.check.issuedAt) line('Замечания выданы', formatRuDate(d.check.issuedAt));
  line('Охват', scopeRu(d.scope));
  line('Цель', PURPOSE.replace(/^Цель проверки: /, ''));
  line('Метод', methodRu(d, RULE_IDS.length).replace(/^Метод проверки: /, ''));
  if (d.check.portalNote) line('Сверка с дневником', d.check.portalNote);
  line('Результат', resultRu(d));
  line();
  // Every rule is a column (zeros included): the sheet is for sorting and summing, its layout stays the same.
  bold('Нарушения по учителям и правилам (без снятых при просмотре)');
  bold(...TABLE_HEAD);
  for (const t of d.table)
    line(t.person ? surnameFirst(t.person) : 'Ответственный не указан', ...RULE_IDS.map((r) => t.counts[r] ?? 0), t.total);
  bold('Итого', ...RULE_IDS.map((r) => d.totals[r] ?? 0), d.findings);
  line();
  bold('Замечания и сроки их устранения');
  bold(...REMARKS_HEAD);
  d.remarks.forEach((r, i) =>
    line(i + 1, surnameFirst(r.teacher), r.group ?? '', r.subject ?? '', r.rule ?? 'вручную', r.text, dotDate(r.deadline), STATE_RU[r.state], r.reply ?? ''),
  );
  if (d.remarks.length === 0) line('Замечания не выдавались');
  line();
  line('Выводы', d.check.conclusions.trim() || '—');
  const on = recheckOn(d);
  line('Повторная проверка', on ? formatRuDate(on) : 'не назначена');
  line('Заместитель директора по УВР', `________________ / ${initialsFirst(d.check.deputy)} /`);
  line();
  bold('Со справкой ознакомлены:');
  for (const t of d.teachers) line(surnameFirst(t.person), '________________', '«___» ____________ 20___ г.');
  line();
  line(HASH_LABEL, sourceHash(d));
  return writeWorkbook('Справка', rows, [28, ...RULE_IDS.map(() => 14), 10]);
}

