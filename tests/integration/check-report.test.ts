// The check's report through the real router: «Справка по итогам проверки электронного классного
// журнала» as PDF and XLSX, and a teacher's one-page list. The files are read back (the PDF's
// text through its own ToUnicode maps, the XLSX through the roster reader) and compared with
// plain SQL over journal_check / check_finding / remark rows crafted here; the wording expected
// is written out from the design, not taken from the report's code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src-main/services/roster/xlsx';
import { cellText, type Cell } from '../../src-main/services/roster/table';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { pdfPages, pdfTable, type PdfPage } from '../helpers/pdf-text';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let director: number;
let checkId: number;
let otherCheck: number;
const tokens: Record<string, string> = {};

const sql = () => app.services.sqlite;
const ins = (q: string, ...p: unknown[]) => Number(sql().prepare(q).run(...p).lastInsertRowid);

/** Printed names the design asks for: «Фамилия И. О.» in tables, «И. О. Фамилия» under a signature. */
const NAMES: Record<string, { full: [string, string, string]; short: string; sign: string }> = {
  teacher: { full: ['Иванова', 'Мария', 'Петровна'], short: 'Иванова М. П.', sign: 'М. П. Иванова' },
  other: { full: ['Сидоров', 'Илья', 'Андреевич'], short: 'Сидоров И. А.', sign: 'И. А. Сидоров' },
  deputy: { full: ['Кузнецова', 'Ольга', 'Викторовна'], short: 'Кузнецова О. В.', sign: 'О. В. Кузнецова' },
};

function finding(check: number, rule: string, key: string, teacherId: number | null, opts: { dismissed?: boolean; lessonDate?: string } = {}) {
  const severity = ['R2', 'R3', 'R6', 'R7', 'R16'].includes(rule) ? 'warning' : ['R8', 'R11', 'R12', 'R15'].includes(rule) ? 'info' : 'error';
  return ins(
    `INSERT INTO check_finding (check_id, rule, severity, key, teacher_id, group_id, subject_id, date, text, detail, dismissed_reason, dismissed_by, dismissed_at)
     VALUES (?,?,?,?,?,?,?,?,?, '{}', ?, ?, ?)`,
    check,
    rule,
    severity,
    key,
    teacherId,
    sc.g5a,
    sc.rus,
    opts.lessonDate ?? '2026-11-12',
    `5А, Русский язык, урок 12.11.2026: ${rule}`,
    opts.dismissed ? 'Урок перенесён приказом' : null,
    opts.dismissed ? sc.deputy : null,
    opts.dismissed ? '2026-11-26T07:00:00Z' : null,
  );
}

function remark(check: number, teacherId: number, text: string, deadline: string, state: string, opts: { rule?: string; reply?: string; subject?: number } = {}) {
  return ins(
    `INSERT INTO remark (check_id, rule, finding_key, teacher_id, group_id, subject_id, text, deadline, state, reply, created_by, created_at, state_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    check,
    opts.rule ?? null,
    opts.rule ? `${opts.rule}:x${text.length}` : null,
    teacherId,
    sc.g5a,
    opts.subject ?? sc.rus,
    text,
    deadline,
    state,
    opts.reply ?? null,
    sc.deputy,
    '2026-11-26T07:00:00Z',
    '2026-11-26T07:00:00Z',
  );
}

beforeAll(async () => {
  // 23:56 on 26 November in Moscow: one test prints again after midnight.
  app = createTestApp('2026-11-26T20:56:00Z');
  sc = await buildTinySchool(app);
  director = await addUser(app, 'director', ['director']);
  for (const [login, n] of Object.entries(NAMES)) {
    const staff = login === 'teacher' ? sc.teacher : login === 'other' ? sc.other : sc.deputy;
    sql().prepare('UPDATE person SET surname = ?, name = ?, patronymic = ? WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)').run(...n.full, staff);
  }
  sql().prepare("UPDATE school SET name = 'ГБОУ СОШ № 1' WHERE id = 1").run();
  const check = (from: string, to: string, scope: string, status: string, conclusions: string, recheck: string | null) =>
    ins(
      `INSERT INTO journal_check (year_id, date_from, date_to, scope, status, created_by, created_at, ran_at, issued_at, conclusions, recheck_on)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      sc.year,
      from,
      to,
      scope,
      status,
      sc.deputy,
      '2026-11-25T21:30:00Z',
      '2026-11-25T21:30:00Z', // 00:30 on the 26th in Moscow: the check's date is the 26th
      status === 'issued' ? '2026-11-26T07:00:00Z' : null,
      conclusions,
      recheck,
    );
  checkId = check('2026-11-01', '2026-11-25', JSON.stringify({ classIds: [sc.c5a], teacherIds: [], subjectIds: [] }), 'issued', 'Журналы 5А ведутся в целом удовлетворительно.', '2026-12-07');
  otherCheck = check('2026-10-01', '2026-10-31', JSON.stringify({ classIds: [], teacherIds: [], subjectIds: [] }), 'draft', '', null);
  sql().prepare("UPDATE journal_check SET portal_note = 'Выгрузка на портал не настроена: сверка с электронным дневником не выполнялась' WHERE id = ?").run(otherCheck);

  // Иванова: R1 ×3 (+1 dismissed), R2 ×2, R16 ×1; Сидоров: R1 ×1, R7 ×4, R10 ×1; nobody: R18 ×1.
  for (let i = 0; i < 3; i++) finding(checkId, 'R1', `R1:l${i}`, sc.teacher);
  finding(checkId, 'R1', 'R1:l99', sc.teacher, { dismissed: true });
  for (let i = 0; i < 2; i++) finding(checkId, 'R2', `R2:l${i}`, sc.teacher);
  finding(checkId, 'R16', 'R16:a1', sc.teacher);
  finding(checkId, 'R1', 'R1:l50', sc.other);
  for (let i = 0; i < 4; i++) finding(checkId, 'R7', `R7:p${i}`, sc.other);
  finding(checkId, 'R10', 'R10:c1', sc.other);
  finding(checkId, 'R18', 'R18:d1', null);
  // Another check's findings must not leak into this report.
  for (let i = 0; i < 5; i++) finding(otherCheck, 'R4', `R4:j${i}`, sc.teacher);

  remark(checkId, sc.teacher, 'Запишите темы уроков 12.11 и 16.11', '2026-12-03', 'open', { rule: 'R1' });
  remark(checkId, sc.teacher, 'Внесите домашние задания', '2026-12-01', 'fixed', { rule: 'R2', reply: 'Задания внесены' });
  remark(checkId, sc.other, 'Проверьте накопляемость отметок в 5А', '2026-12-05', 'acknowledged', { subject: sc.math });
  remark(checkId, sc.other, 'Черновик: уточнить отметку Андреева', '2026-12-05', 'draft', { rule: 'R10', subject: sc.math });
  remark(otherCheck, sc.teacher, 'Замечание другой проверки', '2026-11-10', 'draft');

  await login();
});

async function login() {
  for (const l of ['teacher', 'other', 'deputy', 'director'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
}
afterAll(() => app.dispose());

const call = <T = { name: string; mime: string; data: string }>(login: string, method: string, input: unknown) =>
  app.call<T>(method, input, tokens[login]);
const fail = async (login: string, method: string, input: unknown) => {
  const env = await app.router.call(method, input, tokens[login]!);
  if (env.ok) throw new Error(`${method} should have failed`);
  return env.error;
};

async function pdf(login: string, method: string, input: unknown): Promise<PdfPage[]> {
  const file = await call(login, method, input);
  expect(file.mime).toBe('application/pdf');
  const bytes = Buffer.from(file.data, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return pdfPages(bytes);
}

async function xlsx(input: unknown): Promise<string[][]> {
  const file = await call('deputy', 'checkReport.xlsx', input);
  expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return readXlsx(Buffer.from(file.data, 'base64')).rows.map((r) => r.cells.map((c: Cell) => cellText(c)));
}

/** teacher → rule → count of the check's undismissed findings, by plain SQL. */
function expectedTable(check: number): Map<number | null, Map<string, number>> {
  const rows = sql()
    .prepare('SELECT teacher_id, rule, count(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_reason IS NULL GROUP BY teacher_id, rule')
    .all(check) as { teacher_id: number | null; rule: string; n: number }[];
  const out = new Map<number | null, Map<string, number>>();
  for (const r of rows) out.set(r.teacher_id, (out.get(r.teacher_id) ?? new Map()).set(r.rule, r.n));
  return out;
}

const printedName = (teacherId: number | null) =>
  teacherId === sc.teacher ? NAMES.teacher!.short : teacherId === sc.other ? NAMES.other!.short : 'Ответственный не указан';

/** The deputy's report of the crafted check, built once for the tests that only read it. */
let deputyReport: Promise<PdfPage[]> | null = null;
const report = () => (deputyReport ??= pdf('deputy', 'checkReport.pdf', { checkId }));

const FOOTER = /^Стр\. (\d+) из (\d+)\. Напечатано (\d\d\.\d\d\.\d{4})\. SHA-256 исходных данных: ([0-9a-f]{64})$/;
/** The print date is the school's date in Moscow (UTC+3 all year), whatever the machine's zone. */
const moscowDay = (at: Date) => new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('.');

function footers(pages: PdfPage[]): string[] {
  return pages.map((p, i) => {
    const m = FOOTER.exec(p.lines.at(-1) ?? '');
    expect(m, `page ${i + 1} ends with its footer: ${p.lines.at(-1)}`).not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([i + 1, pages.length]);
    expect(m![3]).toBe(moscowDay(app.clock.now));
    return m![4]!;
  });
}

describe('the report as PDF', () => {
  it('prints the teacher × rule table of undismissed findings, equal to plain SQL, with totals', async () => {
    const pages = await report();
    const lines = pages.flatMap((p) => p.lines);
    const head = lines.find((l) => l.startsWith('Учитель\t'))!.split('\t');
    expect(head.at(-1)).toBe('Всего');
    const rules = head.slice(1, -1);
    const expected = expectedTable(checkId);
    // Columns are the rules that have findings, in rule order.
    const present = [...new Set([...expected.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    expect(rules).toEqual(present);
    expect(rules).toEqual(['R1', 'R2', 'R7', 'R10', 'R16', 'R18']);
    for (const [teacherId, byRule] of expected) {
      const row = lines.find((l) => l.startsWith(`${printedName(teacherId)}\t`))!.split('\t');
      const printed = rules.map((_, i) => (row[i + 1] === '—' ? 0 : Number(row[i + 1])));
      expect(printed).toEqual(rules.map((r) => byRule.get(r) ?? 0));
      expect(Number(row.at(-1))).toBe([...byRule.values()].reduce((a, b) => a + b, 0));
    }
    const total = lines.find((l) => l.startsWith('Итого\t'))!.split('\t');
    const sums = rules.map((r) => sql().prepare('SELECT count(*) FROM check_finding WHERE check_id = ? AND rule = ? AND dismissed_reason IS NULL').pluck().get(checkId, r));
    expect(total.slice(1, -1).map(Number)).toEqual(sums);
    expect(Number(total.at(-1))).toBe(13); // 3 + 2 + 1 + 1 + 4 + 1 + 1 (the dismissed one and the other check's left out)
    // Teachers by name, the findings nobody answers for last.
    const order = lines.filter((l) => /^(Иванова|Сидоров|Ответственный)/.test(l) && l.includes('\t')).map((l) => l.split('\t')[0]);
    expect(order.slice(0, 3)).toEqual(['Иванова М. П.', 'Сидоров И. А.', 'Ответственный не указан']);
  });

  it('has every part of the справка in correct Russian: period, scope, method, result, conclusions, re-check, signatures', async () => {
    const text = (await report()).map((p) => p.text).join('\n');
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      'ГБОУ СОШ № 1',
      'Справка по итогам проверки электронного классного журнала',
      'Учебный год: 2026/2027. Проверяемый период: с 1 по 25 ноября 2026 г.',
      'Дата проверки: 26 ноября 2026 г. Замечания выданы 26 ноября 2026 г.',
      'охват: класс 5А.',
      'Цель проверки:',
      'Метод проверки: автоматическая проверка записей журнала и журнала изменений по 18 правилам с последующим просмотром результатов заместителем директора: снято 1 ложное срабатывание (с указанием причины); добавлено 1 замечание по итогам просмотра.',
      // 13 undismissed findings of 2 teachers; 3 remarks issued (the draft is not issued).
      'Выявлено 13 нарушений у 2 учителей; выдано 3 замечания.',
      'Обозначения: R1 — не записана тема урока; R2 — не записано домашнее задание;',
      'Выводы',
      'Журналы 5А ведутся в целом удовлетворительно.',
      'Повторная проверка: 7 декабря 2026 г.',
      `Заместитель директора по УВР ________________ / ${NAMES.deputy!.sign} /`,
      'Со справкой ознакомлены:',
    ])
      expect(flat).toContain(s);
    expect(flat).not.toContain('проект');
    // One signature line per teacher the report concerns, in name order.
    const acquainted = text.split('Со справкой ознакомлены:')[1]!.split('\n').filter((l) => l.includes('20___ г.'));
    expect(acquainted.map((l) => l.split(/\s{2,}|\t/)[0]!.trim())).toEqual([NAMES.teacher!.short, NAMES.other!.short]);
  });

  it('lists every remark of the check with its teacher, place, deadline and state, as plain SQL has them', async () => {
    const pages = await report();
    const table = pdfTable(pages, ['№', 'Учитель']);
    const db = sql()
      .prepare(
        `SELECT r.text, r.deadline, r.state, r.reply, r.teacher_id, g.name AS grp, s.name AS subject FROM remark r
           JOIN study_group g ON g.id = r.group_id JOIN subject s ON s.id = r.subject_id WHERE r.check_id = ?`,
      )
      .all(checkId) as { text: string; deadline: string; state: string; reply: string | null; teacher_id: number; grp: string; subject: string }[];
    const STATE: Record<string, string> = { draft: 'не выдано', open: 'выдано', acknowledged: 'принято', fixed: 'исправлено' };
    expect(db).toHaveLength(4);
    const expected = db.map((r) => [
      printedName(r.teacher_id),
      `${r.grp}, ${r.subject}`,
      r.reply ? `${r.text} Ответ учителя: ${r.reply}` : r.text,
      r.deadline.split('-').reverse().join('.'),
      STATE[r.state],
    ]);
    // Numbered 1…n, by teacher, then deadline.
    expect(table.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    expect(table.map((r) => r.slice(1))).toEqual(
      expected.sort((a, b) => a[0]!.localeCompare(b[0]!, 'ru') || a[3]!.split('.').reverse().join().localeCompare(b[3]!.split('.').reverse().join())),
    );
    expect(pages.map((p) => p.text).join('\n')).not.toContain('Замечание другой проверки');
  });

  it('carries the sha256 of its source data on every page: the same in the XLSX, unchanged by time, changed by the data', { timeout: 90_000 }, async () => {
    // 25 more remarks push the report onto a second page.
    const extra = Array.from({ length: 25 }, (_, i) =>
      remark(checkId, sc.other, `Проверьте запись ${i + 1}: тема урока, домашнее задание и отметки должны быть внесены в день урока`, '2026-12-05', 'open', { rule: 'R1' }),
    );
    try {
      const pages = await pdf('deputy', 'checkReport.pdf', { checkId });
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const hashes = footers(pages);
      expect(new Set(hashes).size).toBe(1);
      // The remarks' table repeats its header on the next page.
      expect(pages[1]!.lines.some((l) => l.startsWith('№\tУчитель\tКласс,'))).toBe(true);
      expect(pdfTable(pages, ['№', 'Учитель']).map((r) => r[0])).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
      const sheet = await xlsx({ checkId });
      expect(sheet.find((r) => r[0] === 'SHA-256 исходных данных')?.[1]).toBe(hashes[0]);

      // Printed again on the next school day (23:56 → 00:02 in Moscow, within the sessions' idle
      // time): the same data gives the same sum.
      app.clock.advance(6 * 60_000);
      expect(footers(await pdf('director', 'checkReport.pdf', { checkId }))[0]).toBe(hashes[0]);

      sql().prepare("UPDATE check_finding SET dismissed_reason = 'Ошибка правила', dismissed_by = ?, dismissed_at = '2026-11-29T07:00:00Z' WHERE check_id = ? AND key = 'R10:c1'").run(sc.deputy, checkId);
      const after = await pdf('deputy', 'checkReport.pdf', { checkId });
      expect(footers(after)[0]).not.toBe(hashes[0]);
      expect(after.flatMap((p) => p.lines).find((l) => l.startsWith('Итого\t'))!.split('\t').at(-1)).toBe('12');
    } finally {
      sql().prepare("UPDATE check_finding SET dismissed_reason = NULL, dismissed_by = NULL, dismissed_at = NULL WHERE check_id = ? AND key = 'R10:c1'").run(checkId);
      sql().prepare(`DELETE FROM remark WHERE id IN (${extra.join(',')})`).run();
    }
  });

  it('marks a check whose remarks are not issued as a draft, and says when there is nothing found', async () => {
    const text = (await pdf('deputy', 'checkReport.pdf', { checkId: otherCheck })).map((p) => p.text).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('(проект: замечания ещё не выданы)');
    expect(text).toContain('Проверяемый период: с 1 по 31 октября 2026 г.');
    expect(text).toContain('охват: все классы.');
    // The check's note on the diary, once, as its own sentence after the method.
    expect(text).toContain('по итогам просмотра. Выгрузка на портал не настроена: сверка с электронным дневником не выполнялась. Результаты проверки');
    expect(text.split('Выгрузка на портал').length).toBe(2);
    expect(text).toContain('Выявлено 5 нарушений у 1 учителя.');
    expect(text).toContain('Метод проверки: автоматическая проверка записей журнала и журнала изменений по 18 правилам с последующим просмотром результатов заместителем директора: добавлено 1 замечание по итогам просмотра.');
    expect(text).toContain('Повторная проверка: 10 ноября 2026 г. Заместитель');
  });

  it('refuses an unknown check with a Russian not_found, and readers without check.read', async () => {
    expect(await fail('deputy', 'checkReport.pdf', { checkId: 9999 })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/Проверка не найдена/) });
    expect(await fail('teacher', 'checkReport.pdf', { checkId })).toMatchObject({ code: 'forbidden' });
    expect(await fail('teacher', 'checkReport.xlsx', { checkId })).toMatchObject({ code: 'forbidden' });
  });
});

describe('the report as XLSX', () => {
  it('holds the teacher × rule table for every rule as numbers equal to plain SQL, and the remarks', async () => {
    const rows = await xlsx({ checkId });
    expect(rows[0]![0]).toBe('Справка по итогам проверки электронного классного журнала');
    const headAt = rows.findIndex((r) => r[0] === 'Учитель');
    const head = rows[headAt]!;
    expect(head).toHaveLength(20);
    expect(head[1]).toBe('R1. Не записана тема урока');
    expect(head[18]).toBe('R18. Расхождение с электронным дневником');
    const ruleAt = (r: string) => head.findIndex((h) => h.startsWith(`${r}. `));
    const expected = expectedTable(checkId);
    for (const [teacherId, byRule] of expected) {
      const row = rows.find((r) => r[0] === printedName(teacherId))!;
      for (let i = 1; i <= 18; i++) expect(Number(row[ruleAt(`R${i}`)]), `${printedName(teacherId)} R${i}`).toBe(byRule.get(`R${i}`) ?? 0);
      expect(Number(row[19])).toBe([...byRule.values()].reduce((a, b) => a + b, 0));
    }
    const total = rows.find((r) => r[0] === 'Итого')!;
    expect(Number(total[19])).toBe(sql().prepare('SELECT count(*) FROM check_finding WHERE check_id = ? AND dismissed_reason IS NULL').pluck().get(checkId));

    const remarksAt = rows.findIndex((r) => r[0] === '№');
    expect(rows[remarksAt]).toEqual(['№', 'Учитель', 'Класс', 'Предмет', 'Правило', 'Замечание', 'Срок устранения', 'Состояние', 'Ответ учителя']);
    const printed = rows.slice(remarksAt + 1).filter((r) => /^\d+$/.test(r[0] ?? ''));
    const db = sql()
      .prepare(
        `SELECT r.text, r.deadline, coalesce(r.rule, 'вручную') AS rule, s.name AS subject, g.name AS grp FROM remark r
           JOIN subject s ON s.id = r.subject_id JOIN study_group g ON g.id = r.group_id WHERE r.check_id = ? ORDER BY r.text`,
      )
      .all(checkId) as { text: string; deadline: string; rule: string; subject: string; grp: string }[];
    expect(printed.map((r) => [r[5], r[6], r[4], r[3], r[2]]).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual(
      db.map((r) => [r.text, r.deadline.split('-').reverse().join('.'), r.rule, r.subject, r.grp]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const label = (l: string) => rows.find((r) => r[0] === l)?.[1];
    expect(label('Проверяемый период')).toBe('с 1 по 25 ноября 2026 г.');
    expect(label('Выводы')).toBe('Журналы 5А ведутся в целом удовлетворительно.');
    expect(label('Повторная проверка')).toBe('7 декабря 2026 г.');
  });
});

describe("a teacher's one-page list", () => {
  it('names the teacher in the dative and lists only her issued remarks, on one page with its sha256', async () => {
    const pages = await pdf('teacher', 'checkReport.teacherList', { checkId, teacherId: sc.teacher });
    expect(pages).toHaveLength(1);
    footers(pages);
    const text = pages[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('Замечания по итогам проверки электронного классного журнала');
    expect(text).toContain('учителю Ивановой Марии Петровне');
    expect(text).toContain('Запишите темы уроков 12.11 и 16.11');
    expect(text).toContain('Внесите домашние задания');
    expect(text).toContain('Замечания получила: ________________ / М. П. Иванова /');
    expect(text).not.toContain('накопляемость');
    expect(text).not.toContain('Замечание другой проверки');
  });

  it('shows the teacher only what was issued; the deputy also the drafts; a man «получил»', async () => {
    const mine = (await pdf('other', 'checkReport.teacherList', { checkId, teacherId: sc.other }))[0]!.text.replace(/\s+/g, ' ');
    expect(mine).toContain('учителю Сидорову Илье Андреевичу');
    expect(mine).toContain('Проверьте накопляемость отметок в 5А');
    expect(mine).not.toContain('Черновик: уточнить');
    expect(mine).toContain('Замечания получил: ');
    const deputy = (await pdf('deputy', 'checkReport.teacherList', { checkId, teacherId: sc.other }))[0]!.text;
    expect(deputy).toContain('Черновик: уточнить');
  });

  it('keeps 30 remarks on one page', async () => {
    const extra = Array.from({ length: 30 }, (_, i) =>
      remark(checkId, sc.teacher, `Урок ${i + 1}: запишите тему урока и домашнее задание, проверьте отметки и пропуски`, '2026-12-03', 'open', { rule: 'R1' }),
    );
    try {
      const pages = await pdf('teacher', 'checkReport.teacherList', { checkId, teacherId: sc.teacher });
      expect(pages).toHaveLength(1);
      for (let i = 1; i <= 30; i++) expect(pages[0]!.text).toContain(`Урок ${i}:`);
    } finally {
      sql().prepare(`DELETE FROM remark WHERE id IN (${extra.join(',')})`).run();
    }
  });

  it("refuses another teacher's list to a teacher; the director prints anyone's", async () => {
    expect(await fail('teacher', 'checkReport.teacherList', { checkId, teacherId: sc.other })).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/только свои замечания/),
    });
    const pages = await pdf('director', 'checkReport.teacherList', { checkId, teacherId: sc.teacher });
    expect(pages[0]!.text).toContain('учителю Ивановой Марии Петровне');
    expect(await fail('director', 'checkReport.teacherList', { checkId, teacherId: 99999 })).toMatchObject({ code: 'not_found' });
    // A teacher learns nothing about checks that do not exist: the scope is refused first.
    expect(await fail('teacher', 'checkReport.teacherList', { checkId: 9999, teacherId: sc.other })).toMatchObject({ code: 'forbidden' });
    expect(await fail('teacher', 'checkReport.teacherList', { checkId: 9999, teacherId: sc.teacher })).toMatchObject({ code: 'not_found' });
    void director;
  });
});
