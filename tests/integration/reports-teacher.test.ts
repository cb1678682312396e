// «Отчёт учителя» through the real router on crafted lessons: the load, lessons the timetable gave
// the teacher against those held, substitutions both ways, КТП topics, and the journal's
// completeness by month — checked against plain SQL and a table written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfTable } from '../helpers/pdf-text';
import { reportHarness, table, type Harness, type ReportJson } from '../helpers/reports-b';

let h: Harness;
const nov = { kind: 'dates', from: '2026-11-01', to: '2026-11-30' };

beforeAll(async () => {
  // Today is 26 November: the lesson of the 30th is still ahead and counts nowhere.
  h = await reportHarness('2026-11-26T07:00:00Z');
  const { sc } = h;
  const plan = h.ins("INSERT INTO plan (year_id, teacher_id, subject_id, grade, updated_at) VALUES (?, ?, ?, 5, '2026-09-01T00:00:00Z')", sc.year, sc.teacher, sc.rus);
  const topic = h.ins("INSERT INTO plan_topic (plan_id, position, topic, hours) VALUES (?, 1, 'Глагол как часть речи', 1)", plan);
  h.ins("INSERT INTO plan_topic (plan_id, position, topic, hours) VALUES (?, 2, 'Спряжение глаголов', 2)", plan);
  h.lesson(sc.g5a, sc.rus, '2026-11-09', 2, { topic: 'Имя существительное', homework: 'Упр. 12' });
  h.lesson(sc.g5a, sc.rus, '2026-11-12', 2, { actual: sc.other, topic: 'Повторение' }); // Сидоров replaced her
  h.lesson(sc.g5a, sc.rus, '2026-11-16', 2, { held: false });
  const l4 = h.lesson(sc.g5a, sc.rus, '2026-11-19', 2, { topic: 'Глагол как часть речи' });
  h.app.services.sqlite.prepare('UPDATE lesson SET plan_topic_id = ? WHERE id = ?').run(topic, l4);
  h.lesson(sc.g5a, sc.rus, '2026-11-23', 2, { cancelled: true });
  h.lesson(sc.g5a, sc.rus, '2026-11-30', 2);
  h.lesson(sc.g6b, sc.math, '2026-11-13', 4, { actual: sc.teacher }); // she replaced Сидоров
  h.lesson(sc.g5a, sc.math, '2026-11-12', 3); // Сидоров's own: not hers
});
afterAll(() => h?.dispose());

describe("a teacher's report", () => {
  let r: ReportJson;
  beforeAll(async () => {
    r = await h.build('teacher', { kind: 'teacher', teacherId: h.sc.teacher, period: nov });
  });

  it('prints the load against plain SQL: planned, held, replaced, not held, КТП', () => {
    const q = (where: string) =>
      h.app.services.sqlite
        .prepare(`SELECT COUNT(*) FROM lesson WHERE planned_teacher_id = ? AND cancelled = 0 AND part = 0 AND date BETWEEN '2026-11-01' AND '2026-11-26' AND ${where}`)
        .pluck()
        .get(h.sc.teacher) as number;
    const planned = q('1');
    const held = q('held = 1 AND (actual_teacher_id IS NULL OR actual_teacher_id = planned_teacher_id)');
    const replaced = q('actual_teacher_id <> planned_teacher_id');
    expect([planned, held, replaced]).toEqual([4, 2, 1]);
    const t = table(r, 'Нагрузка и проведённые уроки');
    expect(t.rows).toEqual([['5А', 'Русский язык', 2, planned, held, replaced, planned - held - replaced, 1, 3]]);
    expect(t.total).toEqual(['Итого', '', 2, 4, 2, 1, 1, 1, null]);
  });

  it('says it in one sentence with the numerals agreeing and the name in the genitive', () => {
    const text = r.blocks.find((b) => b.kind === 'text');
    expect(text && text.kind === 'text' && text.text).toBe(
      'Нагрузка учителя Ивановой Марии Петровны — 2 часа в неделю в 1 группе. ' +
        'По 26.11.2026 по расписанию 4 урока, проведено 2 урока, заменено другими учителями 1 урок, проведено замен 1 урок.',
    );
    expect(r.subtitle).toEqual(['ГБОУ СОШ № 1', 'Учитель: Иванова Мария Петровна', 'Период: с 1 по 30 ноября 2026 г.']);
  });

  it('lists substitutions given and received', () => {
    expect(table(r, 'Замены').rows).toEqual([
      ['12.11.2026', 2, '5А', 'Русский язык', 'заменён учителем', 'Сидоров И. А.'],
      ['13.11.2026', 4, '6Б', 'Математика', 'провёл вместо', 'Сидоров И. А.'],
    ]);
  });

  it("measures completeness as the start page does, from the lessons she taught", () => {
    // Held lessons she taught in November up to today, and of them those with a topic of at least
    // 4 characters (the default) and with homework, by plain SQL.
    const row = h.app.services.sqlite
      .prepare(
        `SELECT COUNT(*) AS held, SUM(length(trim(COALESCE(topic, ''))) >= 4) AS topic, SUM(length(trim(COALESCE(homework, ''))) > 0) AS homework
           FROM lesson WHERE COALESCE(actual_teacher_id, planned_teacher_id) = ? AND held = 1 AND cancelled = 0 AND part = 0
            AND date BETWEEN '2026-11-01' AND '2026-11-26'`,
      )
      .get(h.sc.teacher) as { held: number; topic: number; homework: number };
    expect(row).toEqual({ held: 3, topic: 2, homework: 1 });
    const t = table(r, 'Заполнение журнала (тема — не короче 4 символов)');
    expect(t.rows.length).toBe(1);
    expect(t.rows[0]!.slice(0, 4)).toEqual(['Ноябрь 2026', row.held, (100 * row.topic) / row.held, (100 * row.homework) / row.held]);
  });

  it('prints the same in the PDF and the XLSX', async () => {
    const request = { kind: 'teacher', teacherId: h.sc.teacher, period: nov };
    const rows = pdfTable(await h.pdf('teacher', request), ['Класс (группа)', 'Предмет']);
    expect(rows[0]).toEqual(['5А', 'Русский язык', '2', '4', '2', '1', '1', '1', '3']);
    const cells = await h.xlsx('deputy', request);
    expect(cells.find((x) => x[0] === '5А')).toEqual(['5А', 'Русский язык', '2', '4', '2', '1', '1', '1', '3']);
  });
});

describe('scope', () => {
  it('lets a teacher see only themself, before telling whether the other exists', async () => {
    expect((await h.fail('teacher', { kind: 'teacher', teacherId: h.sc.other, period: nov })).code).toBe('forbidden');
    expect((await h.fail('teacher', { kind: 'teacher', teacherId: 999_999, period: nov })).code).toBe('forbidden');
    expect((await h.fail('deputy', { kind: 'teacher', teacherId: 999_999, period: nov })).code).toBe('not_found');
    expect((await h.fail('admin', { kind: 'teacher', teacherId: h.sc.admin, period: nov })).code).toBe('forbidden');
    const other = await h.build('director', { kind: 'teacher', teacherId: h.sc.other, period: nov });
    expect(other.subtitle[1]).toBe('Учитель: Сидоров Илья Андреевич');
  });

  it('offers in the picker whom the caller may choose, and the whole school to the deputy and director only', async () => {
    const list = (login: string) => h.app.call<{ teachers: { id: number; name: string }[]; school: boolean }>('reports.teachers', {}, h.token(login));
    expect(await list('deputy')).toEqual({
      teachers: [
        { id: h.sc.teacher, name: 'Иванова Мария Петровна' },
        { id: h.sc.other, name: 'Сидоров Илья Андреевич' },
      ],
      school: true,
    });
    expect(await list('teacher')).toEqual({ teachers: [{ id: h.sc.teacher, name: 'Иванова Мария Петровна' }], school: false });
    expect(await list('other')).toEqual({ teachers: [{ id: h.sc.other, name: 'Сидоров Илья Андреевич' }], school: false });
    expect((await list('director')).school).toBe(true);
    const env = await h.app.router.call('reports.teachers', {}, h.token('admin'));
    expect(env.ok || env.error.code).toBe('forbidden');
  });
});
