// The printed class journal through the real router (issue 13): one journal's spreads and a
// whole class's year. The PDF is read back (text by position, drawing operators for the crossed
// cells) and compared with plain SQL over the lessons, marks and absences crafted here; the
// layout expected (25 columns a page, a term's column after its last lesson) is the paper
// journal's, written out here from the issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { pdfPages, pdfTable, type PdfFragment, type PdfPage } from '../helpers/pdf-text';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
const sql = () => app.services.sqlite;
const ins = (q: string, ...p: unknown[]) =>
  Number(
    sql()
      .prepare(q)
      .run(...p).lastInsertRowid,
  );

const PUPILS = ['Андреев Пётр', 'Борисова Анна', 'Волков Игорь'];
const TEACHER = 'Иванова М. П.';
const OTHER = 'Сидоров И. А.';

/** Mondays and Thursdays of September to December, without the autumn holidays (25.10–04.11). */
function lessonDates(): string[] {
  const out: string[] = [];
  for (let d = new Date('2026-09-01T00:00:00Z'); d < new Date('2026-12-25T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
    const iso = d.toISOString().slice(0, 10);
    if ((d.getUTCDay() === 1 || d.getUTCDay() === 4) && !(iso >= '2026-10-25' && iso <= '2026-11-04')) out.push(iso);
  }
  return out;
}

beforeAll(async () => {
  app = createTestApp('2026-12-26T09:00:00Z');
  sc = await buildTinySchool(app);
  const name = (staff: number, n: [string, string, string]) =>
    sql()
      .prepare('UPDATE person SET surname = ?, name = ?, patronymic = ? WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)')
      .run(...n, staff);
  name(sc.teacher, ['Иванова', 'Мария', 'Петровна']);
  name(sc.other, ['Сидоров', 'Илья', 'Андреевич']);
  const [andreev, borisova, volkov] = sc.pupils;
  const ids = [andreev, borisova, volkov];
  lessonDates().forEach((date, i) => {
    const sub = i === 7;
    const control = i === 5;
    const l = ins(
      `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, topic, homework, work_type_id)
       VALUES (?,?,?,2,?,?,1,?,?,?)`,
      sc.g5a,
      sc.rus,
      date,
      sc.teacher,
      sub ? sc.other : sc.teacher,
      `Тема ${i + 1}`,
      i % 4 === 3 ? null : `Упр. ${100 + i}`,
      control ? sc.wtControl : null,
    );
    ids.forEach((p, k) => {
      const inside = p === volkov ? date >= '2026-11-10' : p === borisova ? date <= '2026-11-15' : true;
      if (!inside) return;
      if ((i + k) % 3 === 0)
        ins(
          'INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,0,?,?,1)',
          l,
          p,
          String(((i * 3 + k) % 4) + 2),
          control ? sc.wtControl : sc.wtAnswer,
        );
      if (i % 7 === 0 && (i + k) % 3 === 0)
        ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,1,?,?,1)', l, p, '4', sc.wtAnswer);
      if ((i + k) % 5 === 1)
        ins('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)', l, p, ['н', 'б', 'у', 'п', 'оп'][i % 5]);
    });
  });
  // Lessons that have no column on paper: one not held, one cancelled.
  ins("INSERT INTO lesson (group_id, subject_id, date, slot, held, topic) VALUES (?,?,'2026-09-02',3,0,'Не проведён')", sc.g5a, sc.rus);
  ins("INSERT INTO lesson (group_id, subject_id, date, slot, cancelled, topic) VALUES (?,?,'2026-09-03',4,1,'Отменён')", sc.g5a, sc.rus);
  const tm = (p: number, term: number, v: string) =>
    ins('INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?,?,?,?,?)', p, sc.g5a, sc.rus, term, v);
  tm(andreev, sc.q1, '4');
  tm(borisova, sc.q1, '3');
  tm(andreev, sc.yearTerm, '5');
  for (const l of ['teacher', 'other', 'deputy'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

async function printed(login: string, method: string, input: unknown): Promise<PdfPage[]> {
  const f = await app.call<{ name: string; mime: string; data: string }>(method, input, tokens[login]);
  expect(f.mime).toBe('application/pdf');
  expect(f.name).toMatch(/^[\w.-]+\.pdf$/);
  return pdfPages(Buffer.from(f.data, 'base64'));
}

const failure = async (login: string, method: string, input: unknown) => {
  const env = await app.router.call(method, input, tokens[login]!);
  if (env.ok) throw new Error(`${method} should have failed`);
  return env.error.code;
};

interface Column {
  head: string;
  lesson?: number;
}

/** The columns the paper journal has, from plain SQL: held lessons in order, each term's column after its last lesson. */
function expectedColumns(): Column[] {
  const lessons = sql()
    .prepare('SELECT id, date FROM lesson WHERE group_id = ? AND subject_id = ? AND held = 1 AND cancelled = 0 ORDER BY date, slot, part')
    .all(sc.g5a, sc.rus) as { id: number; date: string }[];
  const cols: Column[] = [];
  let q1 = false;
  for (const l of lessons) {
    if (!q1 && l.date > '2026-10-24') {
      cols.push({ head: 'I четв.' });
      q1 = true;
    }
    cols.push({ head: String(Number(l.date.slice(8))), lesson: l.id });
  }
  // The second quarter ends 28.12, after the last lesson; then the year.
  cols.push({ head: 'II четв.' }, { head: 'Год' });
  return cols;
}

/** lesson → pupil → what the cell shows: «б», «5», «5/4», «н/5». */
function expectedCells(): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  const put = (l: number, p: number, v: string) => out.set(l, (out.get(l) ?? new Map()).set(p, v));
  for (const r of sql()
    .prepare(
      "SELECT lesson_id, pupil_id, group_concat(value, '/') AS v FROM (SELECT * FROM mark ORDER BY lesson_id, pupil_id, position) GROUP BY lesson_id, pupil_id",
    )
    .all() as { lesson_id: number; pupil_id: number; v: string }[])
    put(r.lesson_id, r.pupil_id, r.v);
  for (const a of sql().prepare('SELECT lesson_id, pupil_id, reason FROM absence').all() as {
    lesson_id: number;
    pupil_id: number;
    reason: string;
  }[]) {
    const m = out.get(a.lesson_id)?.get(a.pupil_id);
    put(a.lesson_id, a.pupil_id, m ? `${a.reason}/${m}` : a.reason);
  }
  return out;
}

/**
 * A left page's grid read back by position: the header's cells (day numbers, term titles) give
 * the columns; each pupil's name gives a row; every other text is the cell it falls in.
 */
function leftGrid(page: PdfPage): { heads: string[]; rows: Map<string, string[]> } {
  const fr = page.fragments;
  const nameFrags = fr.filter((f) => PUPILS.includes(f.text));
  const top = Math.max(...nameFrags.map((f) => f.y));
  const numberHead = fr.find((f) => f.text === '№')!;
  // Header texts: between the «№» and the first pupil, right of the names.
  const nameRight = Math.max(...nameFrags.map((f) => f.x)) + 60;
  const header = fr.filter((f) => f.y > top + 4 && f.y <= numberHead.y + 12 && f.x > nameRight && !/^[а-я]+$/.test(f.text));
  // A term's title is two lines («I» over «четв.»): join what shares a column.
  const cols: { x: number; texts: PdfFragment[] }[] = [];
  for (const f of header.sort((a, b) => a.x - b.x)) {
    const near = cols.find((c) => Math.abs(c.x - f.x) < 8);
    if (near) near.texts.push(f);
    else cols.push({ x: f.x, texts: [f] });
  }
  const heads = cols.map((c) =>
    c.texts
      .sort((a, b) => b.y - a.y)
      .map((f) => f.text)
      .join(' '),
  );
  const width = cols.length > 1 ? (cols.at(-1)!.x - cols[0]!.x) / (cols.length - 1) : 20;
  const rows = new Map<string, string[]>();
  for (const n of nameFrags) {
    const cells = cols.map(() => '');
    for (const f of fr)
      if (Math.abs(f.y - n.y) < 4 && f.x > nameRight) {
        const i = cols.findIndex((c) => f.x >= c.x - width / 2 && f.x < c.x + width / 2);
        if (i >= 0) cells[i] = f.text;
      }
    rows.set(n.text, cells);
  }
  return { heads, rows };
}

/** Diagonal strokes on a page: the crossed-out cells («x y m x' y' l» with both coordinates changing). */
const diagonals = (page: PdfPage) =>
  [...page.content.matchAll(/([\d.-]+) ([\d.-]+) m\s+([\d.-]+) ([\d.-]+) l/g)].filter((m) => m[1] !== m[3] && m[2] !== m[4]).length;

const footerHash = (p: PdfPage) => /SHA-256 исходных данных: ([0-9a-f]{64})$/.exec(p.lines.at(-1) ?? '')?.[1];

describe("one journal's pages", () => {
  it('prints the year as spreads of 25 columns: each cell, the term marks and the crossed cells equal the journal', async () => {
    const pages = await printed('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus });
    const cols = expectedColumns();
    const spreads = Math.ceil(cols.length / 25);
    // A cover page, then left and right pages of each spread.
    expect(pages).toHaveLength(1 + 2 * spreads);
    const lefts = pages.filter((_, i) => i % 2 === 1);
    const grid = lefts.map(leftGrid);
    expect(grid.flatMap((g) => g.heads)).toEqual(cols.map((c) => c.head));
    expect(lefts[0]!.text).toContain('сентябрь');
    expect(lefts[0]!.text).toContain('Русский язык · 5А · учитель Иванова М. П.');

    const cells = expectedCells();
    const termMarks: Record<string, Record<string, string>> = {
      'Андреев Пётр': { 'I четв.': '4', Год: '5' },
      'Борисова Анна': { 'I четв.': '3' },
    };
    PUPILS.forEach((name, k) => {
      const printedRow = grid.flatMap((g) => g.rows.get(name) ?? g.heads.map(() => ''));
      const want = cols.map((c) =>
        c.lesson === undefined ? (termMarks[name]?.[c.head] ?? '') : (cells.get(c.lesson)?.get(sc.pupils[k]!) ?? ''),
      );
      expect(printedRow, name).toEqual(want);
    });
    // Bold, as the caption: the control work's marks and the term marks, nothing else.
    const bold = lefts[0]!.fragments.find((f) => f.text.startsWith('Русский язык · 5А'))!.font;
    const boldMarks = lefts.flatMap((p) => p.fragments.filter((f) => f.font === bold && /^(н\/)?[1-5](\/[1-5])*$/.test(f.text)).map((f) => f.text));
    const control = sql().prepare('SELECT id FROM lesson WHERE work_type_id = ?').pluck().get(sc.wtControl) as number;
    // The cells of the control lesson that hold marks (an absence alone is not a mark).
    const controlMarks = [...(cells.get(control)?.values() ?? [])].filter((v) => /\d/.test(v));
    expect(controlMarks.length).toBeGreaterThan(0);
    expect(boldMarks.sort()).toEqual([...controlMarks, '4', '3', '5'].sort());
    // Волков came on 10.11 and Борисова left on 15.11: their cells outside the stay are crossed.
    const outside = sql()
      .prepare(
        `SELECT count(*) FROM lesson l, group_member m WHERE l.group_id = ? AND l.subject_id = ? AND l.held = 1 AND l.cancelled = 0
           AND m.group_id = l.group_id AND (l.date < m.from_date OR (m.to_date IS NOT NULL AND l.date > m.to_date))`,
      )
      .pluck()
      .get(sc.g5a, sc.rus) as number;
    expect(outside).toBeGreaterThan(10);
    expect(lefts.reduce((n, p) => n + diagonals(p), 0)).toBe(outside);
  });

  it('lists on the right pages each column: date, topic with the control work, homework and who taught it', async () => {
    const pages = await printed('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus });
    const rows = pdfTable(pages, ['Дата', 'Что пройдено на уроке', 'Домашнее задание', 'Учитель']);
    const lessons = sql()
      .prepare(
        `SELECT l.date, l.topic, l.homework, l.actual_teacher_id <> l.planned_teacher_id AS sub, w.is_control FROM lesson l LEFT JOIN work_type w ON w.id = l.work_type_id
          WHERE l.group_id = ? AND l.subject_id = ? AND l.held = 1 AND l.cancelled = 0 ORDER BY l.date, l.slot`,
      )
      .all(sc.g5a, sc.rus) as { date: string; topic: string; homework: string | null; sub: number; is_control: number | null }[];
    const want = expectedColumns().map((c) => {
      if (c.lesson === undefined)
        return [
          c.head,
          { 'I четв.': 'Отметки за I четверть', 'II четв.': 'Отметки за II четверть', Год: 'Отметки за год' }[c.head]!,
          '',
          '',
        ];
      const l = lessons.shift()!;
      return [
        `${l.date.slice(8)}.${l.date.slice(5, 7)}`,
        l.is_control ? `${l.topic} (Контрольная работа)` : l.topic,
        l.homework ?? '',
        l.sub ? `${OTHER} замена` : TEACHER,
      ];
    });
    expect(rows).toEqual(want);
  });

  it('prints one term only, with the same sum for the same data and another after an edit', async () => {
    const input = { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1 };
    const pages = await printed('teacher', 'print.journal', input);
    const heads = pages.filter((_, i) => i % 2 === 1).flatMap((p) => leftGrid(p).heads);
    expect(heads.at(-1)).toBe('I четв.');
    expect(heads).toHaveLength(expectedColumns().findIndex((c) => c.head === 'I четв.') + 1);
    const sums = new Set(pages.map(footerHash));
    expect(sums.size).toBe(1);
    expect([...sums][0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set((await printed('deputy', 'print.journal', input)).map(footerHash))).toEqual(sums);
    const m = sql()
      .prepare("SELECT m.id, m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date <= '2026-10-24' LIMIT 1")
      .get() as { id: number; value: string };
    sql()
      .prepare('UPDATE mark SET value = ? WHERE id = ?')
      .run(m.value === '5' ? '4' : '5', m.id);
    try {
      expect(footerHash((await printed('deputy', 'print.journal', input))[0]!)).not.toBe([...sums][0]);
    } finally {
      sql().prepare('UPDATE mark SET value = ? WHERE id = ?').run(m.value, m.id);
    }
  });

  it('puts a spread on one A3 landscape sheet', async () => {
    const a4 = await printed('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus });
    const a3 = await printed('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, size: 'A3' });
    expect(a3).toHaveLength(1 + (a4.length - 1) / 2);
    expect(a3[1]!.text).toContain('левая страница');
    expect(a3[1]!.text).toContain('правая страница');
  });

  it('prints only journals the caller may read, and says what is wrong with the input', async () => {
    // Сидоров teaches mathematics in 5А, not Russian (he substituted one Russian lesson in the
    // first quarter, so he reads that quarter only); the class teacher reads both.
    expect(await failure('other', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 })).toBe('forbidden');
    expect((await printed('other', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1 })).length).toBeGreaterThan(0);
    expect((await printed('other', 'print.journal', { groupId: sc.g5a, subjectId: sc.math })).length).toBeGreaterThan(0);
    expect((await printed('teacher', 'print.journal', { groupId: sc.g5a, subjectId: sc.math })).length).toBeGreaterThan(0);
    expect(await failure('deputy', 'print.journal', { groupId: 99999, subjectId: sc.rus })).toBe('not_found');
    expect(await failure('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, termId: 99999 })).toBe('not_found');
    expect(await failure('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, from: '2026-10-01', to: '2026-09-01' })).toBe(
      'validation',
    );
    expect(await failure('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, from: '2026-09-31', to: '2026-10-01' })).toBe(
      'validation',
    );
    expect(
      await failure('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1, from: '2026-09-01', to: '2026-10-01' }),
    ).toBe('validation');
    expect(await failure('deputy', 'print.journal', { groupId: sc.g5a, subjectId: sc.rus, size: 'A5' })).toBe('validation');
  });
});

describe("a class's year", () => {
  async function book(login: string, classId: number) {
    const { jobId } = await app.call<{ jobId: string }>('print.classYearStart', { classId }, tokens[login]);
    const deadline = Date.now() + 60_000;
    const seen: number[] = [];
    for (;;) {
      const job = await app.call<{ state: string; done: number; total: number; file: { data: string } | null; error: string | null }>(
        'print.classYearJob',
        { jobId },
        tokens[login],
      );
      seen.push(job.done);
      if (job.state !== 'running') {
        expect(job.error).toBeNull();
        expect(job.state).toBe('done');
        expect(job.done).toBe(job.total);
        return { jobId, pages: pdfPages(Buffer.from(job.file!.data, 'base64')), seen };
      }
      if (Date.now() > deadline) throw new Error('the print did not finish in a minute');
      await new Promise((r) => setImmediate(r));
    }
  }

  it('prints the title, the contents with the right pages, every subject and the remarks, as a job with progress', async () => {
    const check = ins(
      `INSERT INTO journal_check (year_id, date_from, date_to, scope, status, created_by, created_at, ran_at, issued_at)
       VALUES (?, '2026-11-01', '2026-11-30', '{"classIds":[],"teacherIds":[],"subjectIds":[]}', 'issued', ?, '2026-12-01T07:00:00Z', '2026-12-01T07:00:00Z', '2026-12-01T07:00:00Z')`,
      sc.year,
      sc.deputy,
    );
    const remark = (text: string, state: string) =>
      ins(
        `INSERT INTO remark (check_id, teacher_id, group_id, subject_id, text, deadline, state, created_by, created_at, state_at)
         VALUES (?,?,?,?,?,'2026-12-08',?,?,'2026-12-01T07:00:00Z','2026-12-01T07:00:00Z')`,
        check,
        sc.teacher,
        sc.g5a,
        sc.rus,
        text,
        state,
        sc.deputy,
      );
    remark('Запишите темы уроков за 12 и 16 ноября', 'open');
    remark('Черновик замечания', 'draft');
    const { pages, seen } = await book('teacher', sc.c5a);
    expect(seen.length).toBeGreaterThan(0);
    const title = pages[0]!.text;
    expect(title).toContain('КЛАССНЫЙ ЖУРНАЛ');
    expect(title).toContain('5А класса');
    expect(title).toContain('2026–2027 учебный год');
    expect(title).toContain('Классный руководитель: Иванова Мария Петровна');
    // The contents: each subject's caption with the page where its first spread starts.
    const contents = pages[1]!.lines.filter((l) => /\t\d+$/.test(l)).map((l) => l.split('\t') as [string, string]);
    expect(contents.map(([t]) => t)).toEqual([
      'Математика · 5А · учитель Сидоров И. А.',
      'Русский язык · 5А · учитель Иванова М. П.',
      'Учёт посещаемости обучающихся',
      'Сводная ведомость учёта успеваемости обучающихся',
      'Замечания по итогам проверок классного журнала',
    ]);
    // Each section's first page starts with its title (the sheets add the class and the month).
    for (const [t, page] of contents) expect(pages[Number(page) - 1]!.lines[0]!.split('\t')[0]!.startsWith(t), `${t} on page ${page}`).toBe(true);
    const last = pages.at(-1)!.text.replace(/\s+/g, ' ');
    expect(last).toContain('Запишите темы уроков за 12 и 16 ноября');
    expect(last).not.toContain('Черновик замечания');
    expect(new Set(pages.map(footerHash)).size).toBe(1);
  });

  it("refuses a class's year to whom it is not theirs, and another user's job", async () => {
    const classes = async (login: string) => (await app.call<{ classes: { name: string }[] }>('print.classes', {}, tokens[login])).classes.map((c) => c.name);
    expect(await classes('teacher')).toEqual(['5А']);
    expect(await classes('other')).toEqual([]);
    expect(await classes('deputy')).toEqual(['5А', '6Б']);
    expect(await failure('other', 'print.classYearStart', { classId: sc.c5a })).toBe('forbidden');
    // A class that does not exist is refused as not the caller's, before any lookup.
    expect(await failure('other', 'print.classYearStart', { classId: 99999 })).toBe('forbidden');
    expect(await failure('deputy', 'print.classYearStart', { classId: 99999 })).toBe('not_found');
    const { jobId } = await app.call<{ jobId: string }>('print.classYearStart', { classId: sc.c5a }, tokens.deputy);
    expect(await failure('teacher', 'print.classYearJob', { jobId })).toBe('not_found');
    expect(await failure('deputy', 'print.classYearJob', { jobId: 'zz' })).toBe('validation');
  });
});
