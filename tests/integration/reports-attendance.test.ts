// «Посещаемость» through the real router on a crafted class: absences written straight into the
// tables; the per-reason counts checked against plain SQL, the excused/unexcused split and the
// days missed against a table written out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfTable } from '../helpers/pdf-text';
import { reportHarness, table, type Harness, type ReportJson } from '../helpers/reports-b';

let h: Harness;
const nov = { kind: 'dates', from: '2026-11-01', to: '2026-11-25' };
const REASONS = ['б', 'у', 'п', 'н', 'Всего', 'Уважит.', 'Неуважит.', 'оп'];

beforeAll(async () => {
  h = await reportHarness();
  const { sc } = h;
  const { andreev: a, borisova: b, volkov: v, grigoriev: g, dmitrieva: d, egorov: e } = sc.p;
  const L1 = h.lesson(sc.g5a, sc.rus, '2026-11-09', 2);
  const M1 = h.lesson(sc.g5a, sc.math, '2026-11-09', 3);
  const L2 = h.lesson(sc.g5a, sc.rus, '2026-11-12', 2);
  const M2 = h.lesson(sc.g5a, sc.math, '2026-11-12', 3);
  const L3 = h.lesson(sc.g5a, sc.rus, '2026-11-16', 2);
  h.absence(L1, a, 'б');
  h.absence(M1, a, 'б'); // the whole of 9 November: a day
  h.absence(L2, a, 'п');
  h.absence(L2, b, 'у');
  h.absence(M2, b, 'у'); // the whole of 12 November: a day
  h.absence(L3, v, 'н'); // the only lesson of 16 November: a day
  h.absence(L2, v, 'оп');
  h.absence(M2, g, 'п');
  h.absence(L2, g, 'оп');
  // Not counted: outside the period, a lesson not held, a cancelled one.
  h.absence(h.lesson(sc.g5a, sc.rus, '2026-10-19', 2), d, 'б');
  h.absence(h.lesson(sc.g5a, sc.rus, '2026-11-19', 2, { held: false }), d, 'б');
  h.absence(h.lesson(sc.g5a, sc.math, '2026-11-19', 3, { cancelled: true }), d, 'п');
  h.absence(h.lesson(sc.g6b, sc.math, '2026-11-12', 4), e, 'б');
});
afterAll(() => h?.dispose());

/** Absences of 5А's pupils per reason over held, not cancelled lessons in the period, by plain SQL. */
function sqlByReason(subject: number | null): Record<string, number> {
  const rows = h.app.services.sqlite
    .prepare(
      `SELECT a.reason, COUNT(*) AS n FROM absence a JOIN lesson l ON l.id = a.lesson_id
        WHERE l.group_id = ? AND l.held = 1 AND l.cancelled = 0 AND l.date BETWEEN '2026-11-01' AND '2026-11-25' AND (? IS NULL OR l.subject_id = ?)
        GROUP BY a.reason`,
    )
    .all(h.sc.g5a, subject, subject) as { reason: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

const EXPECTED = [
  // б, у, п, н, всего, уважит. (б+у), неуважит. (п+н), оп, дней
  ['Андреев Пётр', 2, 0, 1, 0, 3, 2, 1, 0, 1],
  ['Борисова Анна (по 15.11.2026)', 0, 2, 0, 0, 2, 2, 0, 0, 1],
  ['Волков Игорь (с 10.11.2026)', 0, 0, 0, 1, 1, 0, 1, 1, 1],
  ['Григорьев Олег', 0, 0, 1, 0, 1, 0, 1, 1, 0],
  ['Дмитриева Нина', 0, 0, 0, 0, 0, 0, 0, 0, 0],
];
const TOTAL = ['Итого', '', 2, 2, 2, 1, 7, 4, 3, 2, 3];

describe('a class', () => {
  let r: ReportJson;
  beforeAll(async () => {
    r = await h.build('teacher', { kind: 'attendance', classId: h.sc.c5a, period: nov });
  });

  it('counts lessons missed per pupil by reason, as plain SQL does, with excused, unexcused and days', () => {
    const bySql = sqlByReason(null);
    expect(bySql).toEqual({ б: 2, у: 2, п: 2, н: 1, оп: 2 });
    const t = table(r, 'Пропуски уроков по ученикам');
    expect(t.columns.map((c) => c.title)).toEqual(['№', 'Ученик', ...REASONS, 'Дней']);
    expect(t.rows).toEqual(EXPECTED.map((x, i) => [i + 1, ...x]));
    expect(t.total).toEqual(TOTAL);
    expect([t.total![2], t.total![3], t.total![4], t.total![5], t.total![9]]).toEqual([bySql['б'], bySql['у'], bySql['п'], bySql['н'], bySql['оп']]);
    expect(r.blocks.find((b) => b.kind === 'chart')).toMatchObject({ series: [{ values: [2, 2, 2, 1] }] });
    expect(r.subtitle).toEqual(['ГБОУ СОШ № 1', '5А класс, классный руководитель Иванова Мария Петровна', 'Период: с 1 по 25 ноября 2026 г.']);
  });

  it('prints the same table in the PDF and the XLSX', async () => {
    const request = { kind: 'attendance', classId: h.sc.c5a, period: nov };
    const rows = pdfTable(await h.pdf('deputy', request), ['№', 'Ученик']);
    expect(rows).toEqual([...EXPECTED.map((x, i) => [i + 1, ...x]), TOTAL].map((x) => x.map(String)));
    const cells = await h.xlsx('deputy', request);
    expect(cells.find((x) => x[1] === 'Андреев Пётр')).toEqual(['1', ...EXPECTED[0]!.map(String)]);
    expect(cells.find((x) => x[0] === 'Итого')!.slice(2)).toEqual(TOTAL.slice(2).map(String));
  });
});

describe('scope', () => {
  it('gives a subject teacher only the lessons of their own journals, without days', async () => {
    const r = await h.build('other', { kind: 'attendance', classId: h.sc.c5a, period: nov });
    const bySql = sqlByReason(h.sc.math);
    const t = table(r, 'Пропуски уроков по ученикам');
    expect(t.columns.map((c) => c.title)).toEqual(['№', 'Ученик', ...REASONS]);
    expect(t.total).toEqual(['Итого', '', bySql['б'] ?? 0, bySql['у'] ?? 0, bySql['п'] ?? 0, bySql['н'] ?? 0, 3, 2, 1, 0]);
    expect(t.rows[0]).toEqual([1, 'Андреев Пётр', 1, 0, 0, 0, 1, 1, 0, 0]);
    expect(r.subtitle).toContain('Только уроки учителя Сидорова Ильи Андреевича');
  });

  it('gives the deputy a row per class', async () => {
    const r = await h.build('deputy', { kind: 'attendance', classId: null, period: nov });
    const t = table(r, 'Пропуски уроков по классам');
    expect(t.rows).toEqual([
      ['5А', 'Иванова М. П.', 5, 2, 2, 2, 1, 7, 4, 3, 2, 3, 7 / 5],
      ['6Б', '—', 2, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1 / 2],
    ]);
    expect(t.total).toEqual(['Итого по школе', '', 7, 3, 2, 2, 1, 8, 5, 3, 2, 4, 8 / 7]);
  });

  it('refuses the whole school and other classes to teachers', async () => {
    for (const [login, classId] of [
      ['teacher', null],
      ['other', null],
      ['teacher', h.sc.c6b],
      ['admin', h.sc.c5a],
    ] as const)
      expect((await h.fail(login, { kind: 'attendance', classId, period: nov })).code, `${login} → ${classId}`).toBe('forbidden');
  });
});
