// The pupil's report card through the real router (issue 13): a crafted class with marks, term
// marks and absences; the card of one pupil and of the whole class read back from the PDF (its
// text) and the XLSX (its cells) and compared with plain SQL over term_mark / mark / absence; the
// data's sha256 on every page, equal across the formats, stable across days, changed by the data;
// and the scope refusals. The wording expected is written out here, not taken from the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src-main/services/roster/xlsx';
import { cellText, type Cell } from '../../src-main/services/roster/table';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { pdfPages, pdfTable, type PdfPage } from '../helpers/pdf-text';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
const sql = () => app.services.sqlite;
const ins = (q: string, ...p: unknown[]) => Number(sql().prepare(q).run(...p).lastInsertRowid);

const FROM = '2026-09-01';
const TO = '2026-11-26';
let andreev: number, borisova: number, volkov: number;

beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
  await addUser(app, 'director', ['director']);
  [andreev, borisova, volkov] = sc.pupils;
  sql().prepare("UPDATE school SET name = 'ГБОУ СОШ № 1' WHERE id = 1").run();
  const name = (id: number, n: [string, string, string]) => sql().prepare('UPDATE person SET surname = ?, name = ?, patronymic = ? WHERE id = ?').run(...n, id);
  name(andreev, ['Андреев', 'Пётр', 'Ильич']);
  name(borisova, ['Борисова', 'Анна', 'Сергеевна']);
  name(volkov, ['Волков', 'Игорь', 'Олегович']);
  sql().prepare("UPDATE person SET surname = 'Иванова', name = 'Мария', patronymic = 'Петровна' WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)").run(sc.teacher);
  const lesson = (subject: number, date: string, slot: number, cancelled = 0) =>
    ins(
      'INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, cancelled) VALUES (?,?,?,?,?,?,?)',
      sc.g5a,
      subject,
      date,
      slot,
      subject === sc.rus ? sc.teacher : sc.other,
      subject === sc.rus ? sc.teacher : sc.other,
      cancelled,
    );
  const mark = (l: number, pupil: number, value: string, work = sc.wtAnswer, weight = 1, position = 0) =>
    ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,?)', l, pupil, position, value, work, weight);
  const absent = (l: number, pupil: number, reason: string) => ins('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)', l, pupil, reason);
  const r1 = lesson(sc.rus, '2026-09-03', 2);
  const r2 = lesson(sc.rus, '2026-09-07', 2);
  const r3 = lesson(sc.rus, '2026-10-01', 2);
  const r4 = lesson(sc.rus, '2026-11-09', 2);
  const r5 = lesson(sc.rus, '2026-11-12', 2);
  const r6 = lesson(sc.rus, '2026-11-16', 2);
  const rCancelled = lesson(sc.rus, '2026-11-19', 2, 1);
  const m1 = lesson(sc.math, '2026-09-03', 3);
  const m2 = lesson(sc.math, '2026-10-15', 3);
  const m3 = lesson(sc.math, '2026-11-12', 3);
  mark(r1, andreev, '5');
  mark(r2, andreev, '4', sc.wtControl, 2);
  mark(r3, andreev, '3');
  mark(r5, andreev, '5');
  mark(r5, andreev, '4', sc.wtAnswer, 1, 1);
  mark(rCancelled, andreev, '2'); // a cancelled lesson's mark is no mark
  mark(m1, andreev, '3');
  mark(m2, andreev, 'зач');
  mark(m2, andreev, '5', sc.wtAnswer, 1, 1);
  absent(r4, andreev, 'б');
  absent(r6, andreev, 'п');
  absent(m3, andreev, 'оп');
  absent(rCancelled, andreev, 'н');
  mark(r1, borisova, '4');
  mark(m1, borisova, '2');
  absent(r5, borisova, 'н');
  mark(r5, volkov, '5');
  const tm = (pupil: number, subject: number, term: number, value: string) =>
    ins('INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?,?,?,?,?)', pupil, sc.g5a, subject, term, value);
  tm(andreev, sc.rus, sc.q1, '4');
  tm(andreev, sc.math, sc.q1, '4');
  tm(borisova, sc.rus, sc.q1, '4');
  tm(borisova, sc.math, sc.q1, '3');
  await login();
});

async function login(logins = ['teacher', 'other', 'deputy', 'director']) {
  for (const l of logins)
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
}
afterAll(() => app.dispose());

type Req = { classId: number; pupilId: number | null; termId: number | null; from: string; to: string };
const card = (r: Partial<Req> = {}): Req & { kind: 'card' } => ({ kind: 'card', classId: sc.c5a, pupilId: andreev, termId: null, from: FROM, to: TO, ...r });

async function file(login: string, request: unknown, format: 'pdf' | 'xlsx') {
  return app.call<{ name: string; mime: string; data: string }>('reports.file', { request, format }, tokens[login]);
}
async function pdf(login: string, request: unknown): Promise<PdfPage[]> {
  const f = await file(login, request, 'pdf');
  expect(f.mime).toBe('application/pdf');
  return pdfPages(Buffer.from(f.data, 'base64'));
}
async function xlsxCells(login: string, request: unknown): Promise<Cell[][]> {
  const f = await file(login, request, 'xlsx');
  expect(f.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return readXlsx(Buffer.from(f.data, 'base64')).rows.map((r) => r.cells);
}
const xlsx = async (login: string, request: unknown) => (await xlsxCells(login, request)).map((r) => r.map(cellText));
const fail = async (login: string, request: unknown) => {
  const env = await app.router.call('reports.build', { request }, tokens[login]!);
  if (env.ok) throw new Error('should have failed');
  return env.error;
};

const FOOTER = /Стр\. (\d+) из (\d+)\. Напечатано (\d\d\.\d\d\.\d{4})\. SHA-256 исходных данных: ([0-9a-f]{64})$/;
const footerHash = (p: PdfPage) => FOOTER.exec(p.lines.at(-1) ?? '')?.[4];
const text = (p: PdfPage) => p.lines.join(' ').replace(/\s+/g, ' ');

/** Expected per subject by plain SQL: [subject, …term marks, current marks, average «4,33», missed]. */
function expectedRows(pupil: number, from: string, to: string, terms: number[]): string[][] {
  const subjects = sql()
    .prepare(
      `SELECT DISTINCT s.id, s.name FROM subject s WHERE s.id IN (SELECT subject_id FROM teaching_load WHERE group_id = ?)
         OR s.id IN (SELECT subject_id FROM term_mark WHERE pupil_id = ?) ORDER BY s.name`,
    )
    .all(sc.g5a, pupil) as { id: number; name: string }[];
  return subjects.map((s) => {
    const termMarks = terms.map(
      (t) => (sql().prepare('SELECT value FROM term_mark WHERE pupil_id = ? AND subject_id = ? AND term_id = ?').pluck().get(pupil, s.id, t) as string | undefined) ?? '',
    );
    const marks = sql()
      .prepare(
        `SELECT m.value, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id
          WHERE m.pupil_id = ? AND l.subject_id = ? AND l.cancelled = 0 AND l.date BETWEEN ? AND ? ORDER BY l.date, l.slot, m.position`,
      )
      .all(pupil, s.id, from, to) as { value: string; weight: number }[];
    const digits = marks.filter((m) => /^[1-5]$/.test(m.value));
    const avg = digits.length ? digits.reduce((a, m) => a + Number(m.value) * m.weight, 0) / digits.reduce((a, m) => a + m.weight, 0) : null;
    const missed = sql()
      .prepare(
        `SELECT COUNT(*) FROM absence a JOIN lesson l ON l.id = a.lesson_id
          WHERE a.pupil_id = ? AND l.subject_id = ? AND l.cancelled = 0 AND a.reason <> 'оп' AND l.date BETWEEN ? AND ?`,
      )
      .pluck()
      .get(pupil, s.id, from, to) as number;
    return [s.name, ...termMarks, marks.map((m) => m.value).join(' '), avg === null ? '' : avg.toFixed(2).replace('.', ','), String(missed)];
  });
}

describe('one pupil, the whole year', () => {
  it('prints the subjects × terms table, current marks, average and absences equal to plain SQL', async () => {
    const pages = await pdf('deputy', card());
    expect(pages).toHaveLength(1);
    const t = text(pages[0]!);
    expect(t).toContain('Табель успеваемости');
    expect(t).toContain('ГБОУ СОШ № 1');
    expect(t).toContain('5А класс, учебный год 2026/2027');
    expect(t).toContain('ученика 5А класса Андреева Петра Ильича');
    expect(t).toContain('Классный руководитель ________________ М. П. Иванова');
    // 1 ill, 1 unexcused; the late arrival is not a missed lesson; the cancelled lesson's «н» does not count.
    expect(t).toContain('Пропущено с 1 сентября по 26 ноября 2026 г.: 2 урока, из них по болезни — 1, без уважительной причины — 1; опозданий: 1.');
    expect(t).toContain('Отметки по датам');
    // Narrow columns wrap their headers between words, never inside one («Пропущ» + «ено»).
    const words = pages[0]!.fragments.map((f) => f.text.trim());
    expect(words.filter((w) => w === 'четв.')).toHaveLength(2);
    expect(words).toEqual(expect.arrayContaining(['Год', 'Средний', 'балл', 'Пропущено', 'уроков']));
    const rows = pdfTable(pages, ['Предмет']);
    const expected = expectedRows(andreev, FROM, TO, [sc.q1, sc.q2, sc.yearTerm]);
    expect(rows.slice(0, -1)).toEqual(expected);
    expect(expected[1]).toEqual(['Русский язык', '4', '', '', '5 4 3 5 4', '4,17', '2']);
    // Every digit mark of the range by its weight, worked out by hand: (5 + 4·2 + 3 + 5 + 4 + 3 + 5) / 8 = 4,125.
    expect(rows.at(-1)).toEqual(['Итого', '', '', '', '', '4,13', '2']);
  });

  it('writes the same numbers as numeric cells in the XLSX, and the chart as its data table', async () => {
    const cells = await xlsxCells('deputy', card());
    const rows = cells.map((r) => r.map(cellText));
    expect(rows[0]).toEqual(['Табель успеваемости']);
    // Numbers are numeric cells (they sum and sort), not text: the average and the absences.
    const rus = cells.find((r) => r[0] === 'Русский язык')!;
    expect(rus.slice(-2)).toEqual([{ num: 4.17, text: '4.17' }, { num: 2, text: '2' }]);
    const at = rows.findIndex((r) => r[0] === 'Предмет');
    expect(rows[at]).toEqual(['Предмет', '1 четв.', '2 четв.', 'Год', 'Текущие отметки', 'Средний балл', 'Пропущено уроков']);
    const expected = expectedRows(andreev, FROM, TO, [sc.q1, sc.q2, sc.yearTerm]);
    const body = rows.slice(at + 1, at + 1 + expected.length);
    // Empty cells are absent in the sheet: compare the non-empty ones, numbers as numbers (4,00 = 4).
    const norm = (r: string[]) => r.filter((c) => c !== '').map((c) => (/^\d+([.,]\d+)?$/.test(c) ? Number(c.replace(',', '.')) : c));
    expect(body.map(norm)).toEqual(expected.map(norm));
    // Chart data: per date with a digit mark, the mean of that day's digit marks.
    const c = rows.findIndex((r) => r[0] === 'Дата');
    const days = sql()
      .prepare(
        `SELECT l.date, AVG(CAST(m.value AS REAL)) AS mean FROM mark m JOIN lesson l ON l.id = m.lesson_id
          WHERE m.pupil_id = ? AND l.cancelled = 0 AND l.date BETWEEN ? AND ? AND m.value IN ('1','2','3','4','5') GROUP BY l.date ORDER BY l.date`,
      )
      .all(andreev, FROM, TO) as { date: string; mean: number }[];
    expect(rows.slice(c + 1, c + 1 + days.length).map((r) => [r[0], Number(r[1])])).toEqual(
      days.map((d) => [`${d.date.slice(8)}.${d.date.slice(5, 7)}`, Math.round(d.mean * 100) / 100]),
    );
  });
});

describe('the whole class, one term', () => {
  it('prints one pupil per page, in alphabetical order, names in the genitive', async () => {
    const request = card({ pupilId: null, termId: sc.q2, from: '2026-11-05', to: '2026-12-28' });
    const pages = await pdf('teacher', request);
    expect(pages.map((p) => /(учени(?:ка|цы) 5А класса [А-Яа-яё ]+?)(?= Предмет| Пропущено|$)/.exec(text(p))?.[1]?.trim())).toEqual([
      'ученика 5А класса Андреева Петра Ильича',
      'ученицы 5А класса Борисовой Анны Сергеевны',
      'ученика 5А класса Волкова Игоря Олеговича',
    ]);
    for (const [i, pupil] of [andreev, borisova, volkov].entries()) {
      const rows = pdfTable([pages[i]!], ['Предмет']);
      expect(rows.slice(0, -1)).toEqual(expectedRows(pupil, '2026-11-05', '2026-12-28', [sc.q2]));
    }
  });

});

describe('scope and input', () => {
  it('lets the deputy, the director and the class teacher build; a plain teacher is forbidden, even for an unknown class', async () => {
    for (const l of ['deputy', 'director', 'teacher']) await app.call('reports.build', { request: card() }, tokens[l]);
    for (const request of [card(), card({ classId: 999_999 }), card({ pupilId: null })]) {
      const e = await fail('other', request);
      expect(e.code).toBe('forbidden');
      expect(e.message).toMatch(/классному руководителю/);
    }
    // The class teacher of 5А does not lead 6Б.
    const c6b = sql().prepare('SELECT class_id FROM study_group WHERE id = ?').pluck().get(sc.g6b) as number;
    expect((await fail('teacher', card({ classId: c6b, pupilId: null }))).code).toBe('forbidden');
  });

  it('answers not_found for unknown ids and validation for bad periods', async () => {
    expect((await fail('deputy', card({ classId: 999_999 }))).code).toBe('not_found');
    expect((await fail('deputy', card({ pupilId: 999_999 }))).code).toBe('not_found');
    expect((await fail('deputy', card({ termId: 999_999 }))).code).toBe('not_found');
    for (const bad of [{ from: '2026-02-30' }, { to: '2026-13-01' }, { from: '2026-11-20', to: '2026-11-01' }, { from: '2025-09-01' }, { to: '2027-08-31' }])
      expect((await fail('deputy', card(bad))).code, JSON.stringify(bad)).toBe('validation');
  });

  it('lists the classes each may report on, with the whole-class flag', async () => {
    type C = { classes: { label: string; whole: boolean; pupils: { name: string }[] }[] };
    const get = async (l: string) => (await app.call<C>('reports.classes', {}, tokens[l])).classes.map((c) => [c.label, c.whole, c.pupils.length]);
    expect(await get('deputy')).toEqual([
      ['5А', true, 3],
      ['6Б', true, 0],
    ]);
    expect(await get('teacher')).toEqual([['5А', true, 3]]);
    expect(await get('other')).toEqual([
      ['5А', false, 3],
      ['6Б', false, 0],
    ]);
  });
});

// Last: it moves the clock a day on, which ends the other sessions.
describe('the sha256 of the source data', () => {
  it('carries the same sha256 on every page, in the XLSX and on the screen; another day the same, other data another', async () => {
    const request = card({ pupilId: null, termId: sc.q2, from: '2026-11-05', to: '2026-12-28' });
    const pages = await pdf('deputy', request);
    const hashes = new Set(pages.map(footerHash));
    expect(hashes.size).toBe(1);
    const [hash] = [...hashes];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await xlsx('deputy', request);
    expect(rows.at(-1)).toEqual(['SHA-256 исходных данных', hash]);
    const built = await app.call<{ sha256: string }>('reports.build', { request }, tokens.deputy);
    expect(built.sha256).toBe(hash);
    // A day later (the idle sessions have ended: sign in again).
    app.clock.advance(86_400_000);
    await login(['deputy']);
    expect((await app.call<{ sha256: string }>('reports.build', { request }, tokens.deputy)).sha256).toBe(hash);
    const l = sql().prepare("SELECT id FROM lesson WHERE date = '2026-11-16' AND subject_id = ?").pluck().get(sc.rus) as number;
    const id = ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,0,?,?,1)', l, volkov, '3', sc.wtAnswer);
    const changed = await pdf('deputy', request);
    expect(footerHash(changed[0]!)).not.toBe(hash);
    expect(new Set(changed.map(footerHash)).size).toBe(1);
    sql().prepare('DELETE FROM mark WHERE id = ?').run(id);
    expect((await app.call<{ sha256: string }>('reports.build', { request }, tokens.deputy)).sha256).toBe(hash);
  });
});
