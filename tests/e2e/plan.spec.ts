// The lesson plan (КТП, issue 11): a teacher loads a plan from a file (a bad file first: its
// rows are listed with their errors), edits the topic today's lesson will be offered, saves,
// then opens the journal, edits the offered topic and accepts it into today's lesson.
//
// Arranged in the database: a teacher of its own (no other spec signs in as them) sharing the
// load of a 6th-grade journal no other spec edits; today's lesson there has its topic emptied.
import { hashPassword } from '../../src-main/services/auth/password';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { openE2eDb } from './journal-helpers';

test.describe.configure({ mode: 'serial' });

const LOGIN = 'ktp-teacher';
const PASSWORD = 'ktp-pass-1';
let journal: { groupId: number; subjectId: number; group: string; subject: string; slot: number };

test.beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  const db = openE2eDb();
  try {
    const j = db
      .prepare(
        `SELECT l.group_id, l.subject_id, l.slot, g.name AS g, s.name AS s FROM lesson l
           JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = l.subject_id
          WHERE l.date = ? AND c.grade = 6 AND g.is_whole_class = 1 ORDER BY s.name DESC, g.name DESC, l.slot LIMIT 1`,
      )
      .get(E2E_TODAY) as { group_id: number; subject_id: number; slot: number; g: string; s: string };
    journal = { groupId: j.group_id, subjectId: j.subject_id, group: j.g, subject: j.s, slot: j.slot };
    db.transaction(() => {
      const person = db.prepare("INSERT INTO person (surname, name, patronymic) VALUES ('Планова', 'Ксения', 'Павловна')").run();
      const staff = db
        .prepare('INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,?,0,?)')
        .run(person.lastInsertRowid, LOGIN, hash, new Date().toISOString());
      db.prepare("INSERT INTO staff_role (staff_id, role) VALUES (?, 'teacher')").run(staff.lastInsertRowid);
      // From the year's second day: the journal's newest load, so its plan is this teacher's.
      db.prepare("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,2,'2026-09-02')").run(
        journal.groupId,
        journal.subjectId,
        staff.lastInsertRowid,
      );
      db.prepare('UPDATE lesson SET topic = NULL WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ?').run(
        journal.groupId,
        journal.subjectId,
        E2E_TODAY,
        journal.slot,
      );
    })();
  } finally {
    db.close();
  }
});

const csv = (lines: string[]) => ({ name: 'ktp.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });

test('a teacher loads and edits a plan, then accepts the offered topic in today’s lesson', async ({ page, request }, testInfo) => {
  await signIn(page, LOGIN, PASSWORD);
  await page.getByTestId('nav-plan').click();
  await expect(page.getByTestId('plan-page')).toBeVisible();
  await expect(page.getByTestId('plan-pick')).toContainText(`${journal.subject}, 6 кл. (${journal.group}) — плана нет`);
  await expect(page.getByTestId('plan-row')).toHaveCount(0);

  // A file with mistakes: each bad row is listed with its line, and nothing can be applied.
  await page.getByTestId('plan-import-file').setInputFiles(csv(['№;Тема;Часы;Вид контроля', '1;Введение;1;', '2;;1;', '3;Дроби;12;', '4;Проценты;1;Диктант']));
  await page.getByTestId('plan-import-check').click();
  const errors = page.getByTestId('plan-import-error-row');
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(0)).toContainText('Строка 3: тема не указана');
  await expect(errors.nth(1)).toContainText('Строка 4: часы 12');
  await expect(errors.nth(2)).toContainText('неизвестный вид контроля «Диктант»');
  await expect(page.getByTestId('plan-import-apply')).toBeDisabled();

  // A clean file of 150 one-hour topics replaces the (empty) plan.
  const topics = Array.from({ length: 150 }, (_, i) => `${i + 1};Тема ${i + 1} по плану;1;${(i + 1) % 10 === 0 ? 'Контрольная работа' : ''}`);
  await page.getByTestId('plan-import-file').setInputFiles(csv(['№;Тема;Часы;Вид контроля', ...topics]));
  await page.getByTestId('plan-import-check').click();
  await expect(page.getByText('Ошибок нет: тем в файле — 150')).toBeVisible();
  await page.getByTestId('plan-import-apply').click();
  await expect(page.getByTestId('plan-row')).toHaveCount(150);
  await expect(page.getByTestId('plan-total')).toHaveText('Тем: 150, часов: 150');

  // Which topic today's lesson gets (the walk itself is tested against SQL in the integration test).
  const token = await pageToken(page);
  const before = await rpcOk(request, 'plan.forJournal', { groupId: journal.groupId, subjectId: journal.subjectId }, token);
  const offered = before.lessons.find((l) => l.date === E2E_TODAY && l.slot === journal.slot)!;
  const position = before.plan!.topics.find((t) => t.id === offered.planTopicId)!.position;

  // The teacher rewrites that topic, removes the last one, and saves.
  await page.getByTestId('plan-topic').nth(position - 1).fill('Десятичные дроби: сложение');
  await page.getByTestId('plan-remove').last().click();
  await expect(page.getByTestId('plan-total')).toHaveText('Тем: 149, часов: 149');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plan-saved')).toHaveText('План сохранён');
  await expect(page.getByTestId('plan-progress-row')).toContainText(journal.group);
  await page.screenshot({ path: testInfo.outputPath('plan-page.png') });
  const saved = await rpcOk(request, 'plan.get', { subjectId: journal.subjectId, grade: 6 }, token);
  expect(saved.topics).toHaveLength(149);
  expect(saved.topics[position - 1]!.topic).toBe('Десятичные дроби: сложение');

  // Today's lesson offers the edited topic; the teacher edits it again and accepts.
  await page.goto(`/#/journal/${journal.groupId}/${journal.subjectId}`);
  await expect(page.getByTestId('journal-title')).toHaveText(`${journal.group} · ${journal.subject}`);
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByTestId('plan-offer-topic')).toHaveText('Десятичные дроби: сложение');
  await panel.screenshot({ path: testInfo.outputPath('plan-offer.png') });
  await panel.getByTestId('plan-offer-edit').click();
  await panel.getByTestId('plan-offer-input').fill('Десятичные дроби: сложение столбиком');
  await panel.getByTestId('plan-offer-accept').click();
  await expect(panel.getByTestId('topic-input')).toHaveValue('Десятичные дроби: сложение столбиком');
  await expect(panel.getByTestId('plan-offer')).toHaveCount(0);

  const db = openE2eDb();
  try {
    const row = db
      .prepare('SELECT topic, plan_topic_id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ?')
      .get(journal.groupId, journal.subjectId, E2E_TODAY, journal.slot);
    expect(row).toEqual({ topic: 'Десятичные дроби: сложение столбиком', plan_topic_id: saved.topics[position - 1]!.id });
  } finally {
    db.close();
  }
  // A reload shows the accepted topic, and no offer for it.
  await page.reload();
  await expect(page.getByTestId('lesson-panel').getByTestId('topic-input')).toHaveValue('Десятичные дроби: сложение столбиком');
  await expect(page.getByTestId('lesson-panel').getByTestId('plan-offer')).toHaveCount(0);
});
