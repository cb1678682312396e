// One model for every report (issue 13): main builds it from the database; the screen, the PDF
// and the XLSX are three renderings of the same model, so they cannot disagree. The model is
// plain data (JSON over RPC), validated by zod at the boundary.
import { z } from 'zod';

/** A table cell: text, a number (percentages and averages as numbers, formatted by the renderer), or empty. */
export const ReportCell = z.union([z.string(), z.number(), z.null()]);
export type ReportCell = z.infer<typeof ReportCell>;

export const ReportColumn = z.strictObject({
  title: z.string(),
  align: z.enum(['left', 'center', 'right']).optional(),
  /** Relative width (default 1): the PDF shares the page width by these. */
  width: z.number().positive().optional(),
  /** Decimal places for numbers in this column (default 0). */
  digits: z.number().int().min(0).max(3).optional(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportTable = z.strictObject({
  kind: z.literal('table'),
  title: z.string().optional(),
  columns: z.array(ReportColumn).min(1),
  rows: z.array(z.array(ReportCell)),
  /** A bold last row («Итого»), kept apart so sorting on the screen never moves it. */
  total: z.array(ReportCell).optional(),
});
export type ReportTable = z.infer<typeof ReportTable>;

/**
 * A chart where a picture says more: bars (a class's marks distribution, one bar per category
 * and series) or a line (a pupil's marks over time; categories are the dates).
 */
export const ReportChart = z.strictObject({
  kind: z.literal('chart'),
  chart: z.enum(['bars', 'line']),
  title: z.string(),
  /** What the categories are («Дата», «Отметка»): the header of the chart's data table in the XLSX. */
  categoryTitle: z.string().optional(),
  categories: z.array(z.string()),
  series: z.array(z.strictObject({ name: z.string(), values: z.array(z.number().nullable()) })).min(1),
  /** The value axis: from 0 to this (marks: 5; counts: omitted, taken from the data). */
  max: z.number().positive().optional(),
});
export type ReportChart = z.infer<typeof ReportChart>;

export const ReportText = z.strictObject({
  kind: z.literal('text'),
  text: z.string(),
  /** 'heading': bold; 'signature': a signature line («Классный руководитель ________ И. О. Фамилия»). */
  style: z.enum(['plain', 'heading', 'signature']).optional(),
});

/** Starts a new page in the PDF (one pupil's report card per page; the title and subtitle repeat); a gap in the XLSX. */
export const ReportBreak = z.strictObject({ kind: z.literal('break') });

export const ReportBlock = z.discriminatedUnion('kind', [ReportTable, ReportChart, ReportText, ReportBreak]);
export type ReportBlock = z.infer<typeof ReportBlock>;

export const Report = z.strictObject({
  /** The document's title, as printed («Табель успеваемости», «Итоги успеваемости класса»). */
  title: z.string(),
  /** Lines under the title: the school's full name, the class or teacher, the period. */
  subtitle: z.array(z.string()),
  blocks: z.array(ReportBlock),
  /** A4 portrait unless the tables need landscape. */
  layout: z.enum(['portrait', 'landscape']),
  /** ASCII file name without extension, e.g. «tabel-5A-2026-09-01_2026-10-26». */
  fileBase: z.string(),
  /** sha256 of the data the report was built from (DESIGN.md §11): printed on every page. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Report = z.infer<typeof Report>;

export const ReportFormat = z.enum(['pdf', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;
