// The «Справка по итогам проверки электронного классного журнала» and a teacher's one-page list
// of remarks, as A4 PDFs. Everything printed comes from ReportData / TeacherListData, whose
// sha256 each page carries.
import { dotDate } from '../../../src-shared/dates';
import { fullNameIn } from '../forms/names';
import { RULES } from '../../../src-shared/check/rules';
import type { Services } from '../context';
import { sourceHash } from '../pdf/source';
import { type ReportData, type ReportRemark, type TeacherListData } from './data';
import { contentWidth, ensureSpace, newDoc, regular, table, tableHeight, type Column } from '../pdf/doc';
import { guessGender } from '../privacy/declension';
import {
  formatRuDate,
  initialsFirst,
  methodRu,
  periodRu,
  PURPOSE,
  recheckOn,
  resultRu,
  scopeRu,
  sentence,
  STATE_RU,
  surnameFirst,
  TITLE,
} from './text';

const SIGN = '________________';
const DATE_BLANK = '«___» ____________ 20___ г.';

const place = (r: ReportRemark) => [r.group, r.subject].filter(Boolean).join(', ') || '—';

function heading(doc: PDFKit.PDFDocument, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.6).font('bold').fontSize(11).text(text).font(regular(doc)).fontSize(10).moveDown(0.2);
}

function para(doc: PDFKit.PDFDocument, text: string): void {
  doc.font(regular(doc)).fontSize(10).text(text, { align: 'justify', lineGap: 1.5 }).moveDown(0.3);
}

function ruleTable(doc: PDFKit.PDFDocument, d: ReportData): void {
  const w = contentWidth(doc);
  const nameW = 150;
  const totalW = 40;
  const ruleW = Math.min(40, (w - nameW - totalW) / Math.max(1, d.rules.length));
  const cols: Column[] = [
    { title: 'Учитель', width: nameW },
    ...d.rules.map((r): Column => ({ title: r, width: ruleW, align: 'center' })),
    { title: 'Всего', width: totalW, align: 'center' },
  ];
  const cell = (n: number | undefined) => (n ? String(n) : '—');
  const rows = d.table.map((t) => [t.person ? surnameFirst(t.person) : 'Ответственный не указан', ...d.rules.map((r) => cell(t.counts[r])), String(t.total)]);
  rows.push(['Итого', ...d.rules.map((r) => cell(d.totals[r])), String(d.findings)]);
  doc.fontSize(8);
  table(doc, cols, rows, { boldLast: true });
  doc.moveDown(0.4).fontSize(8).text(`Обозначения: ${d.rules.map((r) => `${r} — ${RULES[r].ru.toLowerCase()}`).join('; ')}.`, { lineGap: 1 });
}

function remarkTable(doc: PDFKit.PDFDocument, remarks: ReportRemark[], withTeacher: boolean): void {
  const w = contentWidth(doc);
  const cols: Column[] = [
    { title: '№', width: 22 },
    ...(withTeacher ? [{ title: 'Учитель', width: 84 }] : []),
    { title: 'Класс, предмет', width: 76 },
    { title: 'Замечание', width: 0 },
    { title: 'Срок', width: 56 },
    { title: 'Состояние', width: 66 },
  ];
  const text = cols.find((c) => c.title === 'Замечание')!;
  text.width = w - cols.reduce((s, c) => s + c.width, 0);
  const rows = remarks.map((r, i) => [
    String(i + 1),
    ...(withTeacher ? [surnameFirst(r.teacher)] : []),
    place(r),
    r.reply ? `${r.text}\nОтвет учителя: ${r.reply}` : r.text,
    dotDate(r.deadline),
    STATE_RU[r.state],
  ]);
  table(doc, cols, rows);
}

export async function reportPdf(s: Services, d: ReportData): Promise<Buffer> {
  const { doc, finish } = newDoc(s, TITLE, d.school);
  doc.fontSize(10).text(d.school, { align: 'center' }).moveDown(0.8);
  doc.font('bold').fontSize(13).text(TITLE, { align: 'center' });
  if (d.check.status === 'draft') doc.font(regular(doc)).fontSize(10).text('(проект: замечания ещё не выданы)', { align: 'center' });
  doc.moveDown(1).font(regular(doc)).fontSize(10);

  para(doc, `Учебный год: ${d.check.year}. Проверяемый период: ${sentence(periodRu(d.check.dateFrom, d.check.dateTo))}`);
  para(doc, `Дата проверки: ${sentence(formatRuDate(d.check.ranOn))}${d.check.issuedAt ? ` Замечания выданы ${sentence(formatRuDate(d.check.issuedAt))}` : ''}`);
  para(doc, `Объект проверки: электронные классные журналы; охват: ${scopeRu(d.scope)}.`);
  para(doc, PURPOSE);
  para(doc, methodRu(d, Object.keys(RULES).length));
  // The check service's note says itself why the diary was not compared («Выгрузка на портал не настроена…»).
  if (d.check.portalNote) para(doc, sentence(d.check.portalNote));

  heading(doc, 'Результаты проверки');
  para(doc, resultRu(d));
  if (d.findings > 0) {
    para(doc, 'Количество нарушений по учителям и правилам (без снятых при просмотре):');
    ruleTable(doc, d);
  }

  heading(doc, 'Замечания и сроки их устранения');
  if (d.remarks.length === 0) para(doc, 'Замечания не выдавались.');
  else {
    doc.fontSize(8);
    remarkTable(doc, d.remarks, true);
  }

  heading(doc, 'Выводы');
  if (d.check.conclusions.trim()) para(doc, d.check.conclusions.trim());
  else for (let i = 0; i < 3; i++) doc.text('_'.repeat(90)).moveDown(0.3);

  const on = recheckOn(d);
  doc.moveDown(0.5);
  para(doc, on ? `Повторная проверка: ${sentence(formatRuDate(on))}` : 'Срок повторной проверки не назначен.');

  ensureSpace(doc, 60);
  doc.moveDown(1.2).fontSize(10).text(`Заместитель директора по УВР ${SIGN} / ${initialsFirst(d.check.deputy)} /`);
  doc.moveDown(1.2);
  ensureSpace(doc, 40);
  doc.font('bold').text('Со справкой ознакомлены:').font(regular(doc)).moveDown(0.5);
  for (const t of d.teachers) {
    ensureSpace(doc, 24);
    doc.text(`${surnameFirst(t.person)}   ${SIGN}   ${DATE_BLANK}`).moveDown(0.6);
  }
  return finish(sourceHash(d));
}

/** The teacher's list on ONE page: the table's font shrinks until it fits (down to 6 pt, then it runs on). */
export async function teacherListPdf(s: Services, d: TeacherListData): Promise<Buffer> {
  const title = 'Замечания по итогам проверки электронного классного журнала';
  const { doc, finish } = newDoc(s, title, d.school);
  doc.fontSize(9).text(d.school, { align: 'center' }).moveDown(0.6);
  doc.font('bold').fontSize(12).text(title, { align: 'center' });
  doc.font(regular(doc)).fontSize(10).text(`учителю ${fullNameIn(d.teacher, 'dative')}`, { align: 'center' }).moveDown(0.8);
  doc.text(`Проверяемый период: ${sentence(periodRu(d.check.dateFrom, d.check.dateTo))} Дата проверки: ${sentence(formatRuDate(d.check.ranOn))}`).moveDown(0.6);

  if (d.remarks.length === 0) doc.text('Замечаний нет.').moveDown(0.6);
  else {
    const tail = 110; // the signature lines below the table
    const room = doc.page.height - doc.page.margins.bottom - doc.y - tail;
    let size = 10;
    const probe = (f: number) => {
      doc.fontSize(f);
      return tableHeight(doc, listCols(doc), listRows(d.remarks));
    };
    while (size > 6 && probe(size) > room) size -= 0.5;
    doc.fontSize(size);
    table(doc, listCols(doc), listRows(d.remarks));
    doc.moveDown(0.8);
  }
  doc.fontSize(10).text('Исправленные записи отметьте в журнале кнопкой «Исправлено» у замечания.').moveDown(1.2);
  const got = guessGender(d.teacher) === 'female' ? 'получила' : guessGender(d.teacher) === 'male' ? 'получил' : 'получил(а)';
  doc.text(`Замечания ${got}: ${SIGN} / ${initialsFirst(d.teacher)} /   ${DATE_BLANK}`).moveDown(1.2);
  doc.text(`Заместитель директора по УВР ${SIGN} / ${initialsFirst(d.check.deputy)} /`);
  return finish(sourceHash(d));
}

function listCols(doc: PDFKit.PDFDocument): Column[] {
  const w = contentWidth(doc);
  return [
    { title: '№', width: 24 },
    { title: 'Класс, предмет', width: 90 },
    { title: 'Замечание', width: w - 24 - 90 - 76 - 80 },
    { title: 'Срок', width: 76 },
    { title: 'Состояние', width: 80 },
  ];
}

function listRows(remarks: ReportRemark[]): string[][] {
  return remarks.map((r, i) => [String(i + 1), place(r), r.reply ? `${r.text}\nОтвет: ${r.reply}` : r.text, dotDate(r.deadline), STATE_RU[r.state]]);
}
