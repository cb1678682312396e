// «Итоги успеваемости» through the real router, on a crafted school whose term marks and current
// marks are written straight into the tables. Expected numbers: the 5/4/3/2 counts from plain SQL
// over term_mark, the shares and means from a table written out by hand below (the report's
// definitions: quality = 4 and 5 of the assessed, success = no 2/1/«н/а»; a class's shares per pupil).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printed, reportHarness, table, type Harness, type ReportJson } from '../helpers/reports-b';
import { pdfTable } from '../helpers/pdf-text';

let h: Harness;
let half: number;
const q1 = () => ({ kind: 'term', termId: h.sc.q1 });
const nov = { kind: 'dates', from: '2026-11-01', to: '2026-11-25' };

beforeAll(async () => {
  h = await reportHarness();
  const { sc, termMark } = h;
  const { andreev: a, borisova: b, grigoriev: g, dmitrieva: d, egorov: e, zhukova: z, volkov: v } = sc.p;
  // I quarter: Russian 5/4/3/2; maths 4/н/а/5/4 in 5А; maths 3/5 in 6Б. Волков joined after it.
  for (const [p, r, m] of [
    [a, '5', '4'],
    [b, '4', 'н/а'],
    [g, '3', '5'],
    [d, '2', '4'],
  ] as const) {
    termMark(p, sc.g5a, sc.rus, sc.q1, r);
    termMark(p, sc.g5a, sc.math, sc.q1, m);
  }
  termMark(e, sc.g6b, sc.math, sc.q1, '3');
  termMark(z, sc.g6b, sc.math, sc.q1, '5');
  termMark(a, sc.g5a, sc.rus, sc.q2, '2'); // another term: never counted in I quarter

  // November, Russian in 5А (weights in brackets), rounded at 0.6:
  // Андреев 5(1), 4(2) → 13/3 = 4.33 → 4; Борисова 4 → 4; Григорьев 3, 4 → 3.5 → 3;
  // Волков 5(2), 4(1) → 4.67 → 5; Дмитриева 5, 4 → 4.5 → 4 (at the ordinary 0.5 Григорьев gets 4 and Дмитриева 5).
  const l1 = h.lesson(sc.g5a, sc.rus, '2026-11-09', 2);
  const l2 = h.lesson(sc.g5a, sc.rus, '2026-11-12', 2);
  const l3 = h.lesson(sc.g5a, sc.rus, '2026-11-16', 2);
  h.mark(l1, a, '5');
  h.mark(l1, b, '4');
  h.mark(l1, g, '3');
  h.mark(l2, a, '4', 2);
  h.mark(l2, v, '5', 2);
  h.mark(l2, g, '4');
  h.mark(l2, d, '5');
  h.mark(l3, v, '4');
  h.mark(l3, d, '4');
  // Outside the period, and a cancelled lesson: neither counts.
  h.mark(h.lesson(sc.g5a, sc.rus, '2026-10-19', 2), g, '2');
  h.mark(h.lesson(sc.g5a, sc.rus, '2026-11-19', 5, { cancelled: true }), d, '2');
  half = h.ins("INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?, 'half', 1, '2026-09-01', '2026-12-28', 10, 11)", sc.year);
});
afterAll(() => h?.dispose());

const STATS = ['Учеников', 'С отметкой', '«5»', '«4»', '«3»', '«2»', 'н/а', 'Качество, %', 'Успеваемость, %', 'Средний балл'];
/** [pupils, assessed, 5, 4, 3, 2, н/а, quality %, success %, average] printed as the report prints them. */
const row = (n: [number, number, number, number, number, number, number], q: number | null, s: number | null, avg: number | null) => [
  ...n.map(String),
  printed(q, 1),
  printed(s, 1),
  printed(avg, 2),
];
const cellsOf = (cells: (string | number | null)[], digits: number[]) => cells.map((c, i) => (typeof c === 'number' ? printed(c, digits[i] ?? 0) : (c ?? '')));
const DIGITS = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2];

/** Counts of term marks by value for a journal and term, by plain SQL. */
function sqlCounts(group: number, subject: number, term: number): Record<string, number> {
  const rows = h.app.services.sqlite
    .prepare('SELECT value, COUNT(*) AS n FROM term_mark WHERE group_id = ? AND subject_id = ? AND term_id = ? GROUP BY value')
    .all(group, subject, term) as { value: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

describe('a class for a term (term marks)', () => {
  let r: ReportJson;
  beforeAll(async () => {
    r = await h.build('deputy', { kind: 'results', classId: h.sc.c5a, period: q1() });
  });

  it('prints per subject the counts of plain SQL and the hand-computed shares, and the class total per pupil', () => {
    const rus = sqlCounts(h.sc.g5a, h.sc.rus, h.sc.q1);
    const math = sqlCounts(h.sc.g5a, h.sc.math, h.sc.q1);
    expect(rus).toEqual({ '5': 1, '4': 1, '3': 1, '2': 1 });
    expect(math).toEqual({ '5': 1, '4': 2, 'н/а': 1 });
    const t = table(r, 'По предметам');
    expect(t.columns.map((c) => c.title)).toEqual(['Предмет', 'Учитель', ...STATS]);
    expect(t.rows.map((x) => cellsOf(x.slice(2), DIGITS))).toEqual([
      // Математика: 4, н/а, 5, 4 → quality 3/4, success 3/4, mean of 4, 5, 4
      row([4, 4, 1, 2, 0, 0, 1], 75, 75, 13 / 3),
      // Русский язык: 5, 4, 3, 2 → quality 2/4, success 3/4, mean 3.5
      row([4, 4, 1, 1, 1, 1, 0], 50, 75, 3.5),
    ]);
    expect(t.rows.map((x) => x.slice(0, 2))).toEqual([
      ['Математика', 'Сидоров И. А.'],
      ['Русский язык', 'Иванова М. П.'],
    ]);
    // Per pupil: Андреев 5,4 (quality, success); Борисова 4,н/а (neither); Григорьев 3,5 (success);
    // Дмитриева 2,4 (neither) → quality 1/4, success 2/4; mean of the 7 digit marks 27/7.
    expect(t.total!.slice(0, 1)).toEqual(['Итого по классу']);
    expect(cellsOf(t.total!.slice(2), DIGITS)).toEqual(row([4, 4, 2, 3, 1, 1, 1], 25, 50, 27 / 7));
  });

  it('has a row per teacher, the distribution chart and the definitions', () => {
    const t = table(r, 'По учителям');
    expect(t.rows.map((x) => [x[0], x[1], ...cellsOf(x.slice(2), DIGITS)])).toEqual([
      ['Иванова М. П.', 'Русский язык (5А)', ...row([4, 4, 1, 1, 1, 1, 0], 50, 75, 3.5)],
      ['Сидоров И. А.', 'Математика (5А)', ...row([4, 4, 1, 2, 0, 0, 1], 75, 75, 13 / 3)],
    ]);
    const chart = r.blocks.find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({ chart: 'bars', categories: ['«5»', '«4»', '«3»', '«2»', 'н/а'], series: [{ values: [2, 3, 1, 1, 1] }] });
    expect(r.title).toBe('Итоги успеваемости');
    expect(r.subtitle).toEqual([
      'ГБОУ СОШ № 1',
      '5А класс, классный руководитель Иванова Мария Петровна',
      'Период: I четверть 2026/2027 учебного года (с 1 сентября по 24 октября 2026 г.)',
      'По отметкам за период',
    ]);
    const text = r.blocks.find((b) => b.kind === 'text');
    expect(text && text.kind === 'text' && text.text).toContain('Качество — доля учеников с «4» и «5» среди получивших отметку');
  });

  it('prints the same numbers in the PDF and the XLSX, with the data sum on every page', async () => {
    const request = { kind: 'results', classId: h.sc.c5a, period: q1() };
    const pages = await h.pdf('deputy', request);
    const rows = pdfTable(pages, ['Предмет', 'Учитель']);
    expect(rows.find((x) => x[0] === 'Русский язык')).toEqual(['Русский язык', 'Иванова М. П.', ...row([4, 4, 1, 1, 1, 1, 0], 50, 75, 3.5)]);
    expect(rows.find((x) => x[0] === 'Итого по классу')).toEqual(['Итого по классу', '', ...row([4, 4, 2, 3, 1, 1, 1], 25, 50, 27 / 7)]);
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('Итоги успеваемости');
    expect(text).toContain(`SHA-256 исходных данных: ${r.sha256}`);
    const cells = await h.xlsx('deputy', request);
    const math = cells.find((x) => x[0] === 'Математика')!;
    expect(math.slice(1, 12)).toEqual(['Сидоров И. А.', '4', '4', '1', '2', '0', '0', '1', '75', '75', '4.33']);
    expect(cells.find((x) => x[0] === 'Итого по классу')!.slice(2, 12)).toEqual(['4', '4', '2', '3', '1', '1', '1', '25', '50', '3.86']);
  });
});

describe('a class for dates (current marks rounded by the school threshold)', () => {
  it('rounds each pupil\'s weighted mean at 0.6, ignoring other dates and cancelled lessons', async () => {
    const r = await h.build('teacher', { kind: 'results', classId: h.sc.c5a, period: nov });
    const t = table(r, 'По предметам');
    const rus = t.rows.find((x) => x[0] === 'Русский язык')!;
    // 4, 4, 3, 5, 4 → quality 4/5, success 5/5, mean 20/5.
    expect(cellsOf(rus.slice(2), DIGITS)).toEqual(row([5, 5, 1, 3, 1, 0, 0], 80, 100, 4));
    const math = t.rows.find((x) => x[0] === 'Математика')!;
    expect(cellsOf(math.slice(2), DIGITS)).toEqual(row([5, 0, 0, 0, 0, 0, 0], null, null, null));
    expect(r.subtitle.at(-1)).toBe('По текущим отметкам за период');
    expect(r.subtitle).toContain('Период: с 1 по 25 ноября 2026 г.');
  });

  it('follows the school setting: at 0.5 Григорьев\'s 3.5 and Дмитриева\'s 4.5 round up', async () => {
    const s = h.app.services.sqlite;
    const before = s.prepare('SELECT settings FROM school WHERE id = 1').pluck().get() as string;
    s.prepare('UPDATE school SET settings = ? WHERE id = 1').run(JSON.stringify({ ...JSON.parse(before), markRoundingThreshold: 0.5 }));
    try {
      const r = await h.build('deputy', { kind: 'results', classId: h.sc.c5a, period: nov });
      const rus = table(r, 'По предметам').rows.find((x) => x[0] === 'Русский язык')!;
      // 4, 4, 4, 5, 5 → quality 5/5, mean 22/5.
      expect(cellsOf(rus.slice(2), DIGITS)).toEqual(row([5, 5, 2, 3, 0, 0, 0], 100, 100, 4.4));
    } finally {
      s.prepare('UPDATE school SET settings = ? WHERE id = 1').run(before);
    }
  });
});

describe('the whole school', () => {
  it('has a row per class and the school total per pupil', async () => {
    const r = await h.build('director', { kind: 'results', classId: null, period: q1() });
    const t = table(r, 'По классам');
    expect(t.rows.map((x) => [x[0], x[1], ...cellsOf(x.slice(2), DIGITS)])).toEqual([
      ['5А', 'Иванова М. П.', ...row([4, 4, 2, 3, 1, 1, 1], 25, 50, 27 / 7)],
      // Егоров 3, Жукова 5
      ['6Б', '—', ...row([2, 2, 1, 0, 1, 0, 0], 50, 100, 4)],
    ]);
    // Quality: Андреев, Жукова of 6; success: Андреев, Григорьев, Егоров, Жукова; mean 35/9.
    expect(t.total!.slice(0, 2)).toEqual(['Итого', 'по школе']);
    expect(cellsOf(t.total!.slice(2), DIGITS)).toEqual(row([6, 6, 3, 3, 2, 1, 1], 100 / 3, 200 / 3, 35 / 9));
    const subjects = table(r, 'По предметам');
    // Maths across 5А and 6Б: 4, н/а, 5, 4, 3, 5.
    expect(cellsOf(subjects.rows.find((x) => x[0] === 'Математика')!.slice(1), DIGITS)).toEqual(row([6, 6, 2, 2, 1, 0, 1], 200 / 3, 250 / 3, 4.2));
    expect(r.fileBase).toBe('itogi-shkola-2026-09-01_2026-10-24');
  });
});

describe('scope', () => {
  it('gives a subject teacher only their own journals of the class', async () => {
    const r = await h.build('other', { kind: 'results', classId: h.sc.c5a, period: q1() });
    const t = table(r, 'По предметам');
    expect(t.rows.map((x) => x[0])).toEqual(['Математика']);
    // Over maths alone: Андреев 4, Борисова н/а, Григорьев 5, Дмитриева 4 → 3/4 and 3/4.
    expect(cellsOf(t.total!.slice(2), DIGITS)).toEqual(row([4, 4, 1, 2, 0, 0, 1], 75, 75, 13 / 3));
    expect(r.subtitle).toContain('Только предметы и группы учителя Сидорова Ильи Андреевича');
  });

  it('refuses what the caller may not see, before telling whether the class exists', async () => {
    const forbidden = [
      ['other', null],
      ['teacher', null],
      ['teacher', h.sc.c6b],
      ['other', 999_999],
    ] as const;
    for (const [login, classId] of forbidden) {
      const e = await h.fail(login, { kind: 'results', classId, period: q1() });
      expect(e.code, `${login} → ${classId}`).toBe('forbidden');
    }
    expect((await h.fail('admin', { kind: 'results', classId: h.sc.c5a, period: q1() })).code).toBe('forbidden');
    expect((await h.fail('deputy', { kind: 'results', classId: 999_999, period: q1() })).code).toBe('not_found');
    expect((await h.fail('deputy', { kind: 'results', classId: h.sc.c5a, period: { kind: 'term', termId: 999_999 } })).code).toBe('not_found');
  });

  it('says what is wrong with a period', async () => {
    const wrongGrade = await h.fail('deputy', { kind: 'results', classId: h.sc.c5a, period: { kind: 'term', termId: half } });
    expect(wrongGrade.code).toBe('validation');
    expect(wrongGrade.message).toContain('не относится к 5 классу');
    const outside = await h.fail('deputy', { kind: 'results', classId: h.sc.c5a, period: { kind: 'dates', from: '2026-08-01', to: '2026-09-10' } });
    expect(outside.code).toBe('validation');
    const reversed = await h.fail('deputy', { kind: 'results', classId: h.sc.c5a, period: { kind: 'dates', from: '2026-11-10', to: '2026-11-01' } });
    expect(reversed.code).toBe('validation');
  });
});
