// The crafted school of the class results, attendance and teacher report tests: the tiny school
// (5А: Иванова teaches Russian and leads the class, Сидоров teaches maths in 5А and 6Б) with two
// more pupils in 5А and two in 6Б, real names for the staff, and helpers to write lessons, marks,
// absences and term marks straight into the tables and to read the report files back.
import { readXlsx } from '../../src-main/services/roster/xlsx';
import { cellText, type Cell } from '../../src-main/services/roster/table';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from './app';
import { pdfPages, type PdfPage } from './pdf-text';
import { buildTinySchool, type TinySchool } from './school';

export interface ReportSchool extends TinySchool {
  director: number;
  c6b: number;
  /** 5А: Андреев, Борисова (left 15.11), Волков (joined 10.11), Григорьев, Дмитриева. */
  p: { andreev: number; borisova: number; volkov: number; grigoriev: number; dmitrieva: number; egorov: number; zhukova: number };
}

export interface Harness {
  app: TestApp;
  sc: ReportSchool;
  ins(q: string, ...p: unknown[]): number;
  lesson(group: number, subject: number, date: string, slot: number, o?: { planned?: number | null; actual?: number | null; held?: boolean; cancelled?: boolean; topic?: string; homework?: string; part?: number }): number;
  mark(lesson: number, pupil: number, value: string, weight?: number, position?: number): void;
  absence(lesson: number, pupil: number, reason: string): void;
  termMark(pupil: number, group: number, subject: number, term: number, value: string): void;
  token(login: string): string;
  build<T = ReportJson>(login: string, request: unknown): Promise<T>;
  fail(login: string, request: unknown): Promise<{ code: string; message: string }>;
  pdf(login: string, request: unknown): Promise<PdfPage[]>;
  xlsx(login: string, request: unknown): Promise<string[][]>;
  dispose(): void;
}

export interface ReportJson {
  title: string;
  subtitle: string[];
  blocks: ({ kind: 'table'; title?: string; columns: { title: string }[]; rows: (string | number | null)[][]; total?: (string | number | null)[] } | { kind: 'chart'; title: string; categories: string[]; series: { name: string; values: (number | null)[] }[] } | { kind: 'text'; text: string } | { kind: 'break' })[];
  fileBase: string;
  sha256: string;
}

export async function reportHarness(now = '2026-11-26T07:00:00Z'): Promise<Harness> {
  const app = createTestApp(now);
  const tiny = await buildTinySchool(app);
  const s = app.services.sqlite;
  const ins = (q: string, ...p: unknown[]) => Number(s.prepare(q).run(...p).lastInsertRowid);
  const director = await addUser(app, 'director', ['director']);
  const rename = (staff: number, full: [string, string, string]) =>
    s.prepare('UPDATE person SET surname = ?, name = ?, patronymic = ? WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)').run(...full, staff);
  rename(tiny.teacher, ['Иванова', 'Мария', 'Петровна']);
  rename(tiny.other, ['Сидоров', 'Илья', 'Андреевич']);
  rename(tiny.deputy, ['Кузнецова', 'Ольга', 'Викторовна']);
  s.prepare("UPDATE school SET name = 'ГБОУ СОШ № 1' WHERE id = 1").run();
  const c6b = Number(s.prepare('SELECT class_id FROM study_group WHERE id = ?').pluck().get(tiny.g6b));
  const pupil = (surname: string, name: string, cls: number, group: number) => {
    const id = ins('INSERT INTO person (surname, name, birth_date) VALUES (?,?,?)', surname, name, '2015-03-01');
    ins("INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,'2026-09-01')", id, cls);
    ins("INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,'2026-09-01')", id, group);
    return id;
  };
  const [andreev, borisova, volkov] = tiny.pupils;
  const sc: ReportSchool = {
    ...tiny,
    director,
    c6b,
    p: {
      andreev,
      borisova,
      volkov,
      grigoriev: pupil('Григорьев', 'Олег', tiny.c5a, tiny.g5a),
      dmitrieva: pupil('Дмитриева', 'Нина', tiny.c5a, tiny.g5a),
      egorov: pupil('Егоров', 'Павел', c6b, tiny.g6b),
      zhukova: pupil('Жукова', 'Вера', c6b, tiny.g6b),
    },
  };
  const tokens: Record<string, string> = {};
  for (const l of ['teacher', 'other', 'deputy', 'director', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  const h: Harness = {
    app,
    sc,
    ins,
    lesson: (group, subject, date, slot, o = {}) => {
      const teacher = subject === tiny.rus ? tiny.teacher : tiny.other;
      return ins(
        `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, cancelled, topic, homework, part)
         VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
        group,
        subject,
        date,
        slot,
        o.planned === undefined ? teacher : o.planned,
        o.actual ?? null,
        o.held === false ? 0 : 1,
        o.cancelled ? 1 : 0,
        o.topic ?? null,
        o.homework ?? null,
        o.part ?? 0,
      );
    },
    mark: (lesson, pupil, value, weight = 1, position = 0) => {
      ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,?)', lesson, pupil, position, value, tiny.wtAnswer, weight);
    },
    absence: (lesson, pupil, reason) => {
      ins('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)', lesson, pupil, reason);
    },
    termMark: (pupil, group, subject, term, value) => {
      ins('INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?,?,?,?,?)', pupil, group, subject, term, value);
    },
    token: (l) => tokens[l]!,
    build: (login, request) => app.call('reports.build', { request }, tokens[login]),
    fail: async (login, request) => {
      const env = await app.router.call('reports.build', { request }, tokens[login]!);
      if (env.ok) throw new Error('the report should have been refused');
      return env.error;
    },
    pdf: async (login, request) => {
      const file = await app.call<{ name: string; mime: string; data: string }>('reports.file', { request, format: 'pdf' }, tokens[login]);
      if (file.mime !== 'application/pdf') throw new Error(file.mime);
      return pdfPages(Buffer.from(file.data, 'base64'));
    },
    xlsx: async (login, request) => {
      const file = await app.call<{ name: string; mime: string; data: string }>('reports.file', { request, format: 'xlsx' }, tokens[login]);
      return readXlsx(Buffer.from(file.data, 'base64')).rows.map((r) => r.cells.map((c: Cell) => cellText(c)));
    },
    dispose: () => app.dispose(),
  };
  return h;
}

/** The table block with this title. */
export function table(r: ReportJson, title: string) {
  const b = r.blocks.find((x) => x.kind === 'table' && x.title === title);
  if (!b || b.kind !== 'table') throw new Error(`no table «${title}» in ${r.blocks.map((x) => (x.kind === 'table' ? x.title : x.kind)).join(', ')}`);
  return b;
}

/** A number as the renderers print it: the column's decimals with a comma; null as empty. */
export const printed = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '' : v.toFixed(digits).replace('.', ','));
