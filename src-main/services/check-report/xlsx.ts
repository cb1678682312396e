// The report as an XLSX workbook: one sheet «Справка» with the same sections as the PDF, the
// teacher × rule table as numbers (so the deputy can sum and sort), the remarks, and the sha256
// of the source data. A minimal SpreadsheetML writer: inline strings, numbers, a bold style.
import { dotDate } from '../../../src-shared/dates';
import { strToU8, zipSync } from 'fflate';
import { RULE_IDS, RULES } from '../../../src-shared/check/rules';
import { sourceHash } from '../pdf/source';
import { type ReportData } from './data';
import { initialsFirst, methodRu, periodRu, PURPOSE, recheckOn, resultRu, scopeRu, STATE_RU, surnameFirst, TITLE, formatRuDate } from './text';

export type XCell = string | number | null;
interface XRow {
  cells: XCell[];
  bold?: boolean;
}

// Characters XML 1.0 cannot carry at all (control codes other than tab and newlines) are dropped.
const esc = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MAX_CELL = 32_767;
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function writeWorkbook(sheetName: string, rows: XRow[], widths: number[]): Uint8Array {
  const body = rows
    .map((row, ri) => {
      const r = ri + 1;
      const style = row.bold ? ' s="1"' : '';
      const cells = row.cells
        .map((v, ci) => {
          if (v === null || v === '') return '';
          const ref = `${columnName(ci)}${r}`;
          if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
          // Excel refuses a workbook with a cell over 32 767 characters (long conclusions): cut, not fail.
          return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${esc(v.slice(0, MAX_CELL))}</t></is></c>`;
        })
        .join('');
      return `<row r="${r}">${cells}</row>`;
    })
    .join('');
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `${XML}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="0" fontId="1" xfId="0" applyFont="1"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${body}</sheetData></worksheet>`,
    ),
  });
}

/** Header row of the teacher × rule table: «Учитель», then «R1. Не записана тема урока» … for EVERY rule, «Всего». */
export const TABLE_HEAD = ['Учитель', ...RULE_IDS.map((r) => `${r}. ${RULES[r].ru}`), 'Всего'];
export const REMARKS_HEAD = ['№', 'Учитель', 'Класс', 'Предмет', 'Правило', 'Замечание', 'Срок устранения', 'Состояние', 'Ответ учителя'];
export const HASH_LABEL = 'SHA-256 исходных данных';

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

