// The two pages of a paper class journal's spread, drawn into a box: the left page (pupils ×
// up to 25 date columns: marks, «н» and reasons, term marks, crossed cells outside a pupil's
// stay) and the right page (one row per column: date, what the lesson covered, homework, who
// taught it). A4 puts them on two pages; A3 landscape side by side on one sheet.
import { regular } from '../pdf/doc';
import type { BookJournal } from './book-data';
import { COLUMNS_PER_PAGE, monthRuns, type SpreadColumn } from './spreads';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A journal's cells as flat arrays (lesson × pupil), built once per journal for all its pages. */
export interface CellGrid {
  text: (string | undefined)[];
  /** 1: a control work's mark (printed bold). */
  bold: Uint8Array;
  /** term id → marks by pupil index */
  term: Map<number, (string | undefined)[]>;
  /** For each pupil, lesson index → inside the pupil's stay. */
  inside: (lesson: number, pupil: number) => boolean;
}

export function cellGrid(j: BookJournal): CellGrid {
  const n = j.pupils.length;
  const text: (string | undefined)[] = new Array(j.lessons.length * n);
  const bold = new Uint8Array(j.lessons.length * n);
  for (const [l, p, v, c] of j.marks) {
    text[l * n + p] = v;
    if (c) bold[l * n + p] = 1;
  }
  // An absence with a make-up mark: «н/5».
  for (const [l, p, r] of j.absences) text[l * n + p] = text[l * n + p] ? `${r}/${text[l * n + p]}` : r;
  const term = new Map<number, (string | undefined)[]>();
  for (const [t, p, v] of j.termMarks) {
    let row = term.get(t);
    if (!row) term.set(t, (row = new Array(n)));
    row[p] = v;
  }
  const inside = (l: number, p: number) => {
    const date = j.lessons[l]!.date;
    return j.pupils[p]!.stays.some((s) => s.from <= date && (s.to === null || date <= s.to));
  };
  return { text, bold, term, inside };
}

export const LEGEND =
  'Жирным — отметки за контрольные работы; н — отсутствовал(а), б — по болезни, у — по уважительной причине, п — без уважительной причины, ' +
  'оп — опоздание; «н/5» — отметка за отработку; перечёркнуто — вне группы.';
const LEGEND_H = 18;
const HEAD_FONT = 7;
const CELL_FONT = 7.5;
const NUM_W = 14;
const NAME_W = 112;

/** Text centred in a cell, shrunk to fit its width; no line breaking (the fast path of pdfkit). */
function centred(doc: PDFKit.PDFDocument, text: string, x: number, y: number, w: number, h: number, size: number): void {
  doc.fontSize(size);
  let tw = doc.widthOfString(text);
  if (tw > w - 1.5) {
    doc.fontSize((size * (w - 1.5)) / tw);
    tw = w - 1.5;
  }
  doc.text(text, x + (w - tw) / 2, y + (h - doc.currentLineHeight()) / 2 + 0.5, { lineBreak: false });
}

/** «Математика · 5А · учитель Петрова А. И.», over both pages. */
export function journalCaption(j: BookJournal): string {
  const who = j.teachers.length === 0 ? '' : ` · ${j.teachers.length === 1 ? 'учитель' : 'учителя'} ${j.teachers.join(', ')}`;
  return `${j.subject} · ${j.group}${who}`;
}

function caption(doc: PDFKit.PDFDocument, box: Box, left: string, right: string): number {
  doc.font('bold').fontSize(9).text(left, box.x, box.y, { lineBreak: false });
  doc.font(regular(doc)).fontSize(7);
  doc.text(right, box.x + box.w - doc.widthOfString(right), box.y + 1.5, { lineBreak: false });
  return box.y + 16;
}

export function drawLeftPage(
  doc: PDFKit.PDFDocument,
  box: Box,
  j: BookJournal,
  g: CellGrid,
  cols: SpreadColumn[],
  pageLabel: string,
): void {
  let y = caption(doc, box, journalCaption(j), pageLabel);
  const colW = (box.w - NUM_W - NAME_W) / COLUMNS_PER_PAGE;
  const headH = 11;
  const rows = Math.max(j.pupils.length, 1);
  // Room is kept under the grid for the legend's two lines.
  const rowH = Math.max(8, Math.min(16, (box.y + box.h - y - 2 * headH - LEGEND_H) / rows));
  const x0 = box.x + NUM_W + NAME_W;
  const right = x0 + colW * cols.length;
  const bottom = y + 2 * headH + rowH * j.pupils.length;
  doc.lineWidth(0.4).strokeColor('black');

  // Header: the months over the day numbers; № and the name column span both rows.
  doc.font(regular(doc));
  centred(doc, '№', box.x, y, NUM_W, 2 * headH, HEAD_FONT);
  centred(doc, 'Фамилия, имя обучающегося', box.x + NUM_W, y, NAME_W, 2 * headH, HEAD_FONT);
  for (const run of monthRuns(cols)) {
    const x = x0 + run.start * colW;
    if (run.title) centred(doc, run.title, x, y, run.count * colW, headH, HEAD_FONT);
    doc.moveTo(x, y).lineTo(x, y + headH);
  }
  cols.forEach((c, i) => {
    const x = x0 + i * colW;
    if (c.kind === 'lesson') centred(doc, String(Number(c.date.slice(8))), x, y + headH, colW, headH, HEAD_FONT);
    else {
      // «I четв.» on two lines: the number over the kind.
      doc.font('bold');
      const [a, b] = c.title.split(' ');
      if (b) {
        centred(doc, a!, x, y, colW, headH, HEAD_FONT);
        centred(doc, b, x, y + headH, colW, headH, 6);
      } else centred(doc, a!, x, y, colW, 2 * headH, 6);
      doc.font(regular(doc));
    }
  });
  doc.moveTo(x0, y + headH).lineTo(right, y + headH);
  y += 2 * headH;

  // Rows: number, name, cells.
  j.pupils.forEach((p, pi) => {
    const ry = y + pi * rowH;
    centred(doc, String(pi + 1), box.x, ry, NUM_W, rowH, CELL_FONT);
    doc.fontSize(CELL_FONT);
    const name = fitName(doc, p.name, NAME_W - 4);
    doc.text(name, box.x + NUM_W + 2, ry + (rowH - doc.currentLineHeight()) / 2 + 0.5, { lineBreak: false });
    cols.forEach((c, ci) => {
      const x = x0 + ci * colW;
      if (c.kind === 'term') {
        const v = g.term.get(c.termId)?.[pi];
        if (v) {
          doc.font('bold');
          centred(doc, v, x, ry, colW, rowH, CELL_FONT);
          doc.font(regular(doc));
        }
        return;
      }
      if (!g.inside(c.lesson, pi)) {
        // Outside the pupil's stay in the group: crossed out, as on paper.
        doc.moveTo(x, ry + rowH).lineTo(x + colW, ry);
        return;
      }
      const k = c.lesson * j.pupils.length + pi;
      const v = g.text[k];
      if (!v) return;
      if (g.bold[k]) doc.font('bold');
      centred(doc, v, x, ry, colW, rowH, CELL_FONT);
      if (g.bold[k]) doc.font(regular(doc));
    });
  });

  // What the paper conventions mean, under the grid (the reader of an archived print has no app).
  doc.font(regular(doc)).fontSize(6).text(LEGEND, box.x, bottom + 4, { width: box.w, lineGap: 0 });

  // The grid, drawn once as lines (cheaper than a rectangle per cell).
  const top = y - 2 * headH;
  for (let i = 0; i <= j.pupils.length; i++) doc.moveTo(box.x, y + i * rowH).lineTo(right, y + i * rowH);
  doc.moveTo(box.x, top).lineTo(right, top);
  for (const x of [box.x, box.x + NUM_W, x0]) doc.moveTo(x, top).lineTo(x, bottom);
  for (let i = 1; i <= cols.length; i++) doc.moveTo(x0 + i * colW, top + headH).lineTo(x0 + i * colW, bottom);
  doc.stroke();
}

/** A name cut to the column with «…» (rare: long double surnames). */
function fitName(doc: PDFKit.PDFDocument, name: string, w: number): string {
  if (doc.widthOfString(name) <= w) return name;
  let s = name;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > w) s = s.slice(0, -1);
  return `${s}…`;
}

const dayMonth = (date: string) => `${date.slice(8)}.${date.slice(5, 7)}`;

export function drawRightPage(doc: PDFKit.PDFDocument, box: Box, j: BookJournal, cols: SpreadColumn[], pageLabel: string): void {
  let y = caption(doc, box, journalCaption(j), pageLabel);
  const dateW = 30;
  const teacherW = 78;
  const textW = (box.w - dateW - teacherW) / 2;
  const headH = 22;
  const rowH = (box.y + box.h - y - headH) / COLUMNS_PER_PAGE;
  const xs = [box.x, box.x + dateW, box.x + dateW + textW, box.x + dateW + 2 * textW, box.x + box.w];
  doc.font(regular(doc));
  doc.fontSize(HEAD_FONT + 0.5);
  ['Дата', 'Что пройдено на уроке', 'Домашнее задание', 'Учитель'].forEach((t, i) =>
    doc.text(t, xs[i]! + 2, y + (headH - doc.currentLineHeight()) / 2, { lineBreak: false }),
  );
  y += headH;
  doc.fontSize(6.5);
  cols.forEach((c, i) => {
    const ry = y + i * rowH;
    const cell = (text: string, col: number) =>
      doc.text(text, xs[col]! + 2, ry + 1.5, { width: xs[col + 1]! - xs[col]! - 4, height: rowH - 2, ellipsis: true, lineGap: -0.5 });
    if (c.kind === 'term') {
      doc.font('bold');
      doc.text(c.title, xs[0]! + 2, ry + 1.5, { lineBreak: false });
      cell(c.long, 1);
      doc.font(regular(doc));
      return;
    }
    const l = j.lessons[c.lesson]!;
    doc.text(dayMonth(l.date), xs[0]! + 2, ry + 1.5, { lineBreak: false });
    const topic = [l.topic, l.control ? `(${l.control})` : null].filter(Boolean).join(' ');
    if (topic) cell(topic, 1);
    if (l.homework) cell(l.homework, 2);
    if (l.teacher) cell(l.substitute ? `${l.teacher}\nзамена` : l.teacher, 3);
  });
  const bottom = y + COLUMNS_PER_PAGE * rowH;
  doc.lineWidth(0.4);
  for (let i = -1; i <= COLUMNS_PER_PAGE; i++) {
    const ly = i < 0 ? y - headH : y + i * rowH;
    doc.moveTo(box.x, ly).lineTo(box.x + box.w, ly);
  }
  for (const x of xs) doc.moveTo(x, y - headH).lineTo(x, bottom);
  doc.stroke();
}
