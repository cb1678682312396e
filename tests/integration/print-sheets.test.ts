// The class-wide printed sheets through the real router: the summary sheet («сводная ведомость
// учёта успеваемости») of a class and of the whole school, and a class's attendance sheet, as
// PDF and XLSX. The files are read back (PDF text through its own ToUnicode maps, XLSX cells
// through the roster reader) and compared with plain SQL over term_mark / pupil_decision /
// absence rows crafted here; the paper conventions expected (cell «1+1у», «—» outside a stay,
// a late is not a missed lesson, decisions in the pupil's gender) are written out from the design.
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src-main/services/roster/xlsx';
import { cellText, type Cell } from '../../src-main/services/roster/table';
import { schoolSummaryPdf } from '../../src-main/services/print/summary-school';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { pdfPages, pdfTable, type PdfPage } from '../helpers/pdf-text';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let c6b: number;
const tokens: Record<string, string> = {};
const sql = () => app.services.sqlite;
const ins = (q: string, ...p: unknown[]) => Number(sql().prepare(q).run(...p).lastInsertRowid);

type File = { name: string; mime: string; data: string };
const call = (login: string, method: string, input: unknown) => app.call<File>(method, input, tokens[login]);
const fail = async (login: string, method: string, input: unknown) => {
  const env = await app.router.call(method, input, tokens[login]!);
  if (env.ok) throw new Error(`${method} should have failed`);
  return env.error;
};

async function pdf(login: string, method: string, input: unknown): Promise<PdfPage[]> {
  const file = await call(login, method, input);
  expect(file.mime).toBe('application/pdf');
  expect(file.name).toMatch(/^[\w.-]+\.pdf$/);
  return pdfPages(Buffer.from(file.data, 'base64'));
}

async function xlsxRows(login: string, method: string, input: unknown): Promise<string[][]> {
  const file = await call(login, method, input);
  expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return readXlsx(Buffer.from(file.data, 'base64')).rows.map((r) => r.cells.map((c: Cell) => cellText(c)));
}

const FOOTER = /^Стр\. (\d+) из (\d+)\. Напечатано (\d\d\.\d\d\.\d{4})\. SHA-256 исходных данных: ([0-9a-f]{64})$/;
function footerHashes(pages: PdfPage[]): string[] {
  return pages.map((p, i) => {
    const m = FOOTER.exec(p.lines.at(-1) ?? '');
    expect(m, `page ${i + 1} ends with its footer: ${p.lines.at(-1)}`).not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([i + 1, pages.length]);
    return m![4]!;
  });
}
const xlsxHash = (rows: string[][]) => rows.find((r) => r[0] === 'SHA-256 исходных данных')![1]!;

// Names as printed: «Фамилия Имя».
const ANDREEV = 'Андреев Пётр';
const BORISOVA = 'Борисова Анна';
const VOLKOV = 'Волков Игорь';

beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
  await addUser(app, 'director', ['director']);
  c6b = sql().prepare('SELECT class_id FROM study_group WHERE id = ?').pluck().get(sc.g6b) as number;
  sql().prepare("UPDATE school SET name = 'ГБОУ СОШ № 1' WHERE id = 1").run();
  // Grade 5 gets an exam and a final mark here too, so their columns are exercised.
  for (const kind of ['exam', 'final'])
    ins("INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?, ?, 1, '2027-05-20', '2027-05-31', 5, 5)", sc.year, kind);
  const [andreev, borisova, volkov] = sc.pupils;
  const termId = (kind: string, n = 1) => sql().prepare('SELECT id FROM term WHERE kind = ? AND number = ? AND year_id = ?').pluck().get(kind, n, sc.year) as number;
  const tm = (pupil: number, subject: number, term: number, value: string) =>
    ins('INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?,?,?,?,?)', pupil, sc.g5a, subject, term, value);
  tm(andreev, sc.rus, sc.q1, '5');
  tm(andreev, sc.rus, sc.q2, '4');
  tm(andreev, sc.rus, sc.yearTerm, '4');
  tm(andreev, sc.rus, termId('exam'), '5');
  tm(andreev, sc.rus, termId('final'), '5');
  tm(andreev, sc.math, sc.q1, '3');
  tm(andreev, sc.math, sc.q2, 'незач');
  tm(borisova, sc.rus, sc.q1, '2');
  tm(borisova, sc.math, sc.q1, 'зач');
  tm(volkov, sc.math, sc.q2, '5');
  const decide = (pupil: number, decision: string, n: string, date: string) =>
    ins(
      'INSERT INTO pupil_decision (year_id, pupil_id, from_class_id, to_class_id, decision, council_number, council_date) VALUES (?,?,?,NULL,?,?,?)',
      sc.year,
      pupil,
      sc.c5a,
      decision,
      n,
      date,
    );
  decide(andreev, 'promoted', '7', '2027-05-28');
  decide(volkov, 'conditional', '7', '2027-05-28');

  // Lessons of 5А (whole class) and absences: slot 2 Russian, slot 3 maths.
  const lesson = (date: string, subject: number, slot: number, opts: { cancelled?: number; held?: number; part?: number } = {}) =>
    ins(
      'INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, cancelled, part) VALUES (?,?,?,?,?,?,?,?,?)',
      sc.g5a,
      subject,
      date,
      slot,
      sc.teacher,
      sc.teacher,
      opts.held ?? 1,
      opts.cancelled ?? 0,
      opts.part ?? 0,
    );
  const absent = (l: number, pupil: number, reason: string) => ins('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)', l, pupil, reason);
  const sep7 = lesson('2026-09-07', sc.rus, 2);
  absent(sep7, andreev, 'п');
  absent(sep7, borisova, 'б');
  const oct1r = lesson('2026-10-01', sc.rus, 2);
  absent(oct1r, andreev, 'оп'); // a late: not a missed lesson
  const oct1m = lesson('2026-10-01', sc.math, 3);
  absent(oct1m, borisova, 'у');
  absent(oct1m, andreev, 'н');
  const nov12r = lesson('2026-11-12', sc.rus, 2);
  const nov12m = lesson('2026-11-12', sc.math, 3);
  absent(nov12r, andreev, 'б');
  absent(nov12m, andreev, 'н');
  absent(nov12r, borisova, 'у');
  absent(nov12m, borisova, 'у');
  absent(nov12r, volkov, 'п');
  // Not held / cancelled lessons carry no missed lesson.
  absent(lesson('2026-11-19', sc.rus, 2, { cancelled: 1 }), andreev, 'н');
  absent(lesson('2026-11-19', sc.math, 3, { held: 0 }), andreev, 'п');
  await login();
});

async function login() {
  for (const l of ['teacher', 'other', 'deputy', 'director', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
}
afterAll(() => app.dispose());

/** pupil → period label → mark, for one subject, by plain SQL over term_mark and term. */
function expectedMarks(subjectId: number): Map<number, Map<string, string>> {
  const rows = sql()
    .prepare(
      `SELECT tm.pupil_id, t.kind, t.number, tm.value FROM term_mark tm JOIN term t ON t.id = tm.term_id
        WHERE tm.subject_id = ? AND tm.group_id IN (SELECT id FROM study_group WHERE class_id = ?)`,
    )
    .all(subjectId, sc.c5a) as { pupil_id: number; kind: string; number: number; value: string }[];
  const label = (k: string, n: number) => ({ quarter: `${n} ч.`, half: `${n} п/г`, year: 'год', exam: 'экз.', final: 'итог.' })[k] ?? k;
  const out = new Map<number, Map<string, string>>();
  for (const r of rows) out.set(r.pupil_id, (out.get(r.pupil_id) ?? new Map()).set(label(r.kind, r.number), r.value));
  return out;
}

describe('the summary sheet', () => {
  it('prints every pupil × subject × period as term_mark holds it, and the decisions', async () => {
    const pages = await pdf('deputy', 'print.summarySheets', { classId: sc.c5a, format: 'pdf' });
    const lines = pages.flatMap((p) => p.lines);
    expect(lines[0]).toBe('Сводная ведомость учёта успеваемости обучающихся 5А класса за 2026/2027 учебный год');
    const head = lines.find((l) => l.startsWith('№\tОбучающийся'))!.split('\t');
    const periods = ['1 ч.', '2 ч.', 'год', 'экз.', 'итог.'];
    expect(head).toEqual(['№', 'Обучающийся', ...periods, ...periods, 'Решение педагогического совета']);
    // Subjects over their columns, by short name, in the order of the columns.
    const subjects = lines[lines.indexOf(head.join('\t')) - 1]!.split('\t');
    expect(subjects).toEqual(['Рус', 'Мат']);
    const rows = pdfTable(pages, ['№', 'Обучающийся']);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['1', ANDREEV],
      ['2', BORISOVA],
      ['3', VOLKOV],
    ]);
    const ids = sc.pupils;
    const bySubject = [expectedMarks(sc.rus), expectedMarks(sc.math)];
    rows.forEach((r, i) => {
      bySubject.forEach((exp, k) => {
        const printed = r.slice(2 + k * periods.length, 2 + (k + 1) * periods.length);
        expect(printed, `${r[1]}, ${subjects[k]}`).toEqual(periods.map((p) => exp.get(ids[i]!)?.get(p) ?? ''));
      });
    });
    expect(rows.map((r) => r.at(-1))).toEqual([
      'переведён в 6 класс (педсовет № 7 от 28.05.2027)',
      'выбыла 15.11.2026',
      'переведён условно в 6 класс (педсовет № 7 от 28.05.2027)',
    ]);
    expect(lines.join('\n')).toContain('Рус — Русский язык; Мат — Математика');
  });

  it('the XLSX holds the same marks (digits as numbers) and decisions, the same sha256 as the PDF', async () => {
    const rows = await xlsxRows('teacher', 'print.summarySheets', { classId: sc.c5a, format: 'xlsx' });
    const at = rows.findIndex((r) => r[0] === '№');
    expect(rows[at - 1]!.filter(Boolean)).toEqual(['Русский язык', 'Математика']);
    const body = rows.slice(at + 1, at + 4);
    expect(body.map((r) => r[1])).toEqual([ANDREEV, BORISOVA, VOLKOV]);
    const rus = expectedMarks(sc.rus);
    expect(body[0]!.slice(2, 7)).toEqual(['1 ч.', '2 ч.', 'год', 'экз.', 'итог.'].map((p) => rus.get(sc.pupils[0])?.get(p) ?? ''));
    expect(body[0]![12]).toBe('переведён в 6 класс (педсовет № 7 от 28.05.2027)');
    const pages = await pdf('teacher', 'print.summarySheets', { classId: sc.c5a, format: 'pdf' });
    expect(new Set(footerHashes(pages))).toEqual(new Set([xlsxHash(rows)]));
  });

  it('sha256: the same on another day, another after a term mark changes', { timeout: 90_000 }, async () => {
    const hash = async () => new Set(footerHashes(await pdf('deputy', 'print.summarySheets', { classId: sc.c5a, format: 'pdf' })));
    const first = await hash();
    expect(first.size).toBe(1);
    app.clock.advance(26 * 3600_000);
    await login();
    expect(await hash()).toEqual(first);
    const id = sql().prepare("SELECT id FROM term_mark WHERE value = 'незач'").pluck().get() as number;
    sql().prepare("UPDATE term_mark SET value = 'зач' WHERE id = ?").run(id);
    try {
      const changed = await hash();
      expect(changed.size).toBe(1);
      expect(changed).not.toEqual(first);
    } finally {
      sql().prepare("UPDATE term_mark SET value = 'незач' WHERE id = ?").run(id);
      app.clock.advance(-26 * 3600_000);
      await login();
    }
  });

  it("the whole school: a title page with the contents, every class's sheet, one sheet per class in the XLSX", async () => {
    const pages = await pdf('director', 'print.summarySheets', { format: 'pdf' });
    const title = pages[0]!.text;
    expect(title).toContain('Сводные ведомости учёта успеваемости обучающихся');
    expect(title).toContain('2026/2027 учебный год');
    const contents = pages[0]!.lines.filter((l) => /класс\tстр\. \d+$/.test(l)).join('\n');
    const start5a = Number(/5А класс\tстр\. (\d+)/.exec(contents)![1]);
    const start6b = Number(/6Б класс\tстр\. (\d+)/.exec(contents)![1]);
    expect(pages[start5a - 1]!.lines[0]).toContain('5А класса');
    expect(pages[start6b - 1]!.lines[0]).toContain('6Б класса');
    const hashes = new Set(footerHashes(pages));
    expect(hashes.size).toBe(1);
    // The archive's entry point prints the same data: the same sum.
    const direct = await schoolSummaryPdf(app.services, sc.year);
    expect(hashes).toEqual(new Set([direct.sha256]));
    const file = await call('deputy', 'print.summarySheets', { yearId: sc.year, format: 'xlsx' });
    const zip = unzipSync(Buffer.from(file.data, 'base64'));
    const names = [...strFromU8(zip['xl/workbook.xml']!).matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['5А', '6Б']);
    expect(readXlsx(Buffer.from(file.data, 'base64')).rows.some((r) => r.cells.map((c) => cellText(c)).includes(direct.sha256))).toBe(true);
  });
});

/** pupil → date → [unexcused, excused, late] by plain SQL over absence (held lessons of 5А's groups). */
function expectedDays(): Map<number, Map<string, [number, number, number]>> {
  const rows = sql()
    .prepare(
      `SELECT a.pupil_id, l.date, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
        WHERE l.group_id IN (SELECT id FROM study_group WHERE class_id = ?) AND l.held = 1 AND l.cancelled = 0 AND l.part = 0`,
    )
    .all(sc.c5a) as { pupil_id: number; date: string; reason: string }[];
  const out = new Map<number, Map<string, [number, number, number]>>();
  for (const r of rows) {
    const byDay = out.get(r.pupil_id) ?? new Map<string, [number, number, number]>();
    out.set(r.pupil_id, byDay);
    const c = byDay.get(r.date) ?? [0, 0, 0];
    byDay.set(r.date, c);
    c[r.reason === 'оп' ? 2 : r.reason === 'б' || r.reason === 'у' ? 1 : 0]++;
  }
  return out;
}

describe('the attendance sheet', () => {
  const MONTHS: Record<string, string> = { 'Сентябрь 2026': '2026-09', 'Октябрь 2026': '2026-10', 'Ноябрь 2026': '2026-11' };

  it('prints one table per month up to today: cells and counts equal plain SQL over absence, «—» outside a stay', async () => {
    const pages = await pdf('teacher', 'print.attendanceSheet', { classId: sc.c5a, format: 'pdf' });
    const expected = expectedDays();
    const seen: string[] = [];
    const year = pages.at(-1)!;
    expect(year.lines[0]).toBe('Учёт посещаемости обучающихся 5А класса: итого за учебный год');
    for (const page of pages.slice(0, -1)) {
      const title = /^Учёт посещаемости обучающихся 5А класса: (.+)$/.exec(page.lines[0]!);
      expect(title, page.lines[0]).not.toBeNull();
      const month = MONTHS[title![1]!]!;
      seen.push(month);
      const head = page.lines.find((l) => l.startsWith('№\tОбучающийся'))!.split('\t');
      expect(head.slice(-4)).toEqual(['пропущ.', 'уваж.', 'неуваж.', 'опозд.']);
      const days = head.slice(2, -4).map((d) => `${month}-${d.padStart(2, '0')}`);
      // Every weekday of the month inside a quarter (no holidays in this calendar), and only those.
      for (const d of days) expect([1, 2, 3, 4, 5]).toContain(new Date(`${d}T12:00:00Z`).getUTCDay());
      const rows = pdfTable([page], ['№', 'Обучающийся']);
      expect(rows.map((r) => r[1])).toEqual([ANDREEV, BORISOVA, VOLKOV, '']);
      expect(rows[3]![0]).toBe('Итого по классу');
      const stays = sql().prepare('SELECT pupil_id, from_date, to_date FROM enrolment WHERE class_id = ?').all(sc.c5a) as { pupil_id: number; from_date: string; to_date: string | null }[];
      const perDay = days.map(() => 0);
      const sums = [0, 0, 0, 0];
      sc.pupils.forEach((pupil, i) => {
        const row = rows[i]!;
        const stay = stays.find((s) => s.pupil_id === pupil)!;
        let [un, ex, late] = [0, 0, 0];
        days.forEach((d, k) => {
          const [u, e, l] = expected.get(pupil)?.get(d) ?? [0, 0, 0];
          un += u;
          ex += e;
          late += l;
          perDay[k]! += u + e;
          const inside = stay.from_date <= d && (stay.to_date === null || stay.to_date >= d);
          const cell = e === 0 ? (u ? String(u) : '') : u ? `${u}+${e}у` : `${e}у`;
          expect(row[2 + k], `${row[1]} ${d}`).toBe(cell || (inside ? '' : '—'));
        });
        expect(row.slice(-4), `${row[1]} ${month}`).toEqual([un + ex, ex, un, late].map(String));
        [un + ex, ex, un, late].forEach((n, k) => (sums[k]! += n));
      });
      const total = rows[3]!;
      expect(total.slice(2, -4)).toEqual(perDay.map((n) => (n ? String(n) : '')));
      expect(total.slice(-4)).toEqual(sums.map(String));
    }
    expect(seen).toEqual(['2026-09', '2026-10', '2026-11']);

    // The year's table: per pupil the missed lessons of each month and the year's counts.
    const head = year.lines.find((l) => l.startsWith('№\tОбучающийся'))!.split('\t');
    expect(head.slice(2)).toEqual(['сен', 'окт', 'ноя', 'пропущ.', 'уваж.', 'неуваж.', 'опозд.']);
    const rows = pdfTable([year], ['№', 'Обучающийся']);
    sc.pupils.forEach((pupil, i) => {
      const days = [...(expected.get(pupil) ?? new Map<string, [number, number, number]>())];
      const month = (m: string) => days.filter(([d]) => d.startsWith(m)).reduce((a, [, [u, e]]) => a + u + e, 0);
      const sum = (k: number) => days.reduce((a, [, c]) => a + c[k]!, 0);
      expect(rows[i]!.slice(2), rows[i]![1]).toEqual(
        [month('2026-09'), month('2026-10'), month('2026-11'), sum(0) + sum(1), sum(1), sum(0), sum(2)].map(String),
      );
    });
    expect(rows[3]![0]).toBe('Итого по классу');
  });

  it('the conventions written out: «1+1у», a late apart, crossed days of the pupil who left and the one who joined', async () => {
    const pages = await pdf('deputy', 'print.attendanceSheet', { classId: sc.c5a, format: 'pdf' });
    const nov = pages.find((p) => p.lines[0]!.endsWith('Ноябрь 2026'))!;
    const head = nov.lines.find((l) => l.startsWith('№\tОбучающийся'))!.split('\t');
    const rows = pdfTable([nov], ['№', 'Обучающийся']);
    const cell = (row: number, day: number) => rows[row]![head.indexOf(String(day))];
    expect(cell(0, 12)).toBe('1+1у');
    expect(cell(1, 12)).toBe('2у');
    expect(cell(2, 12)).toBe('1');
    expect(cell(0, 19)).toBe(''); // cancelled and not-held lessons: nothing missed
    expect(cell(1, 13)).toBe('');
    expect([16, 17, 30].map((d) => cell(1, d))).toEqual(['—', '—', '—']); // Борисова left on the 15th
    expect([5, 6, 9].map((d) => cell(2, d))).toEqual(['—', '—', '—']); // Волков joined on the 10th
    expect(cell(2, 10)).toBe('');
    expect(rows[0]!.slice(-4)).toEqual(['2', '1', '1', '0']);
    const oct = pdfTable([pages.find((p) => p.lines[0]!.endsWith('Октябрь 2026'))!], ['№', 'Обучающийся']);
    expect(oct[0]!.slice(-4)).toEqual(['1', '0', '1', '1']); // «н» unexcused, «оп» only a late
    expect(nov.text).toContain('Опоздания (оп) пропуском урока не считаются');
  });

  it('the XLSX: one sheet per month with the same counts and the PDF’s sha256', async () => {
    const file = await call('deputy', 'print.attendanceSheet', { classId: sc.c5a, format: 'xlsx' });
    const zip = unzipSync(Buffer.from(file.data, 'base64'));
    const names = [...strFromU8(zip['xl/workbook.xml']!).matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['Сентябрь 2026', 'Октябрь 2026', 'Ноябрь 2026', 'Итого за год']);
    const rows = readXlsx(Buffer.from(file.data, 'base64')).rows.map((r) => r.cells.map((c: Cell) => cellText(c)));
    const andreev = rows.find((r) => r[1] === ANDREEV)!;
    expect(andreev.slice(-4)).toEqual(['1', '0', '1', '0']); // September: one «п»
    const pages = await pdf('deputy', 'print.attendanceSheet', { classId: sc.c5a, format: 'pdf' });
    expect(new Set(footerHashes(pages))).toEqual(new Set([xlsxHash(rows)]));
  });
});

describe('scope', () => {
  it('a class teacher prints their own class only; a teacher nothing; the whole school is the deputy’s and the director’s', async () => {
    const refused = [
      ['other', 'print.summarySheets', { classId: sc.c5a, format: 'pdf' }],
      ['other', 'print.attendanceSheet', { classId: sc.c5a, format: 'xlsx' }],
      ['other', 'print.summarySheets', { format: 'pdf' }],
      ['teacher', 'print.summarySheets', { classId: c6b, format: 'pdf' }],
      ['teacher', 'print.attendanceSheet', { classId: c6b, format: 'pdf' }],
      ['teacher', 'print.summarySheets', { yearId: sc.year, format: 'xlsx' }],
      // An id that does not exist is refused alike: a class teacher cannot probe ids.
      ['teacher', 'print.attendanceSheet', { classId: 99_999, format: 'pdf' }],
      ['admin', 'print.summarySheets', { classId: sc.c5a, format: 'pdf' }],
    ] as const;
    for (const [login, method, input] of refused) {
      const e = await fail(login, method, input);
      expect(e.code, `${login} ${method} ${JSON.stringify(input)}`).toBe('forbidden');
      expect(e.message).toMatch(/[А-Яа-я]/);
    }
    expect((await fail('deputy', 'print.attendanceSheet', { classId: 99_999, format: 'pdf' })).code).toBe('not_found');
    expect((await fail('deputy', 'print.summarySheets', { yearId: 99_999, format: 'pdf' })).code).toBe('not_found');
    expect((await fail('deputy', 'print.summarySheets', { classId: sc.c5a, yearId: 99_999, format: 'pdf' })).code).toBe('validation');
    expect((await fail('deputy', 'print.summarySheets', { classId: sc.c5a, format: 'docx' })).code).toBe('validation');
    expect((await call('teacher', 'print.attendanceSheet', { classId: sc.c5a, format: 'pdf' })).mime).toBe('application/pdf');
  });

  it('lists the classes each may print', async () => {
    const list = (login: string) => app.call<{ wholeSchool: boolean; classes: { id: number; label: string }[] }>('print.sheetClasses', {}, tokens[login]);
    expect(await list('deputy')).toMatchObject({ wholeSchool: true, classes: [{ id: sc.c5a, label: '5А' }, { id: c6b, label: '6Б' }] });
    expect(await list('teacher')).toMatchObject({ wholeSchool: false, classes: [{ id: sc.c5a, label: '5А' }] });
    expect(await list('other')).toMatchObject({ wholeSchool: false, classes: [] });
  });
});
