// Journal benchmarks (issue 3): opening one journal through the service layer against a raw
// indexed select of the same rows, and saving one mark through the whole RPC path against a
// raw in-place update of that mark in its own transaction under the same pragmas (synchronous=FULL).
import type { App } from '../../src-main/app';
import { openJournal } from '../../src-main/services/journal/view';
import type { Actor } from '../../src-main/services/context';
import { compare, row, type BenchRow } from './measure';

interface Target {
  groupId: number;
  subjectId: number;
  termId: number;
  from: string;
  to: string;
}

/** The busiest whole-class journal of the second quarter: the worst case a teacher opens. */
function pickJournal(app: App, teacherId: number): Target {
  const t = app.services.sqlite
    .prepare(
      `SELECT l.group_id, l.subject_id, t.id AS term_id, t.starts_on, t.ends_on, COUNT(*) AS n
       FROM teaching_load tl JOIN lesson l ON l.group_id = tl.group_id AND l.subject_id = tl.subject_id
       JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN term t ON t.year_id = c.year_id AND t.kind = 'quarter' AND t.number = 2 AND c.grade BETWEEN t.grade_from AND t.grade_to
       WHERE tl.teacher_id = ? AND l.date BETWEEN t.starts_on AND t.ends_on
       GROUP BY l.group_id, l.subject_id ORDER BY n DESC LIMIT 1`,
    )
    .get(teacherId) as { group_id: number; subject_id: number; term_id: number; starts_on: string; ends_on: string } | undefined;
  if (!t) throw new Error('no journal with lessons in the second quarter for the teacher');
  return { groupId: t.group_id, subjectId: t.subject_id, termId: t.term_id, from: t.starts_on, to: t.ends_on };
}

export async function journalBenches(app: App, actor: Actor, token: string, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const { sqlite } = app.services;
  const j = pickJournal(app, actor.staffId);
  const ctx = { ...app.services, actor };

  // Baseline: the same rows, straight from indexed selects, no shaping.
  const qPupils = sqlite.prepare(
    `SELECT p.id, p.surname, p.name, m.from_date, m.to_date FROM group_member m JOIN person p ON p.id = m.pupil_id
     WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)`,
  );
  const qLessons = sqlite.prepare('SELECT * FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ?');
  const qMarks = sqlite.prepare(
    `SELECT m.lesson_id, m.pupil_id, m.value, m.work_type_id, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id
     WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
  );
  const qAbs = sqlite.prepare(
    `SELECT a.lesson_id, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
     WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
  );
  const raw = () => {
    qPupils.all(j.groupId, j.to, j.from);
    qLessons.all(j.groupId, j.subjectId, j.from, j.to);
    qMarks.all(j.groupId, j.subjectId, j.from, j.to);
    qAbs.all(j.groupId, j.subjectId, j.from, j.to);
  };
  const view = openJournal(ctx, { groupId: j.groupId, subjectId: j.subjectId, termId: j.termId });
  const load = await compare(
    () => openJournal(ctx, { groupId: j.groupId, subjectId: j.subjectId, termId: j.termId }),
    raw,
    quick ? 50 : 300,
  );

  // One mark through the router: session, permission, zod, scope and rules, audit + feed, commit.
  const lesson = view.lessons.filter((l) => l.lessonId !== null && l.held).at(-1)!;
  const pupil = view.pupils.find((p) => p.from <= lesson.date && (p.to === null || p.to >= lesson.date))!;
  const workTypeId = view.workTypes.find((w) => !w.isMakeUp)!.id;
  const slot = { groupId: j.groupId, subjectId: j.subjectId, date: lesson.date, slot: lesson.slot };
  let i = 0;
  const values = ['5', '4', '3'] as const;
  const save = async () => {
    const env = await app.router.call(
      'journal.setCell',
      { lesson: slot, pupilId: pupil.id, marks: [{ value: values[i++ % 3], workTypeId }], absence: null },
      token,
    );
    if (!env.ok) throw new Error(`setCell failed: ${env.error.message}`);
  };
  // Baseline: the same work the measured path does to the cell, raw: an in-place UPDATE
  // of the cell's one existing mark and its version bump (writeMarks rewrites position 0 in place), in its own
  // IMMEDIATE transaction on the same connection, so under the same pragmas (synchronous=FULL).
  // The first save below leaves exactly one mark in the cell, so both sides update one row.
  await save();
  const upd = sqlite.prepare(
    'UPDATE mark SET value = ?, work_type_id = ?, weight = ? WHERE lesson_id = ? AND pupil_id = ? AND position = 0',
  );
  const weight = view.workTypes.find((w) => w.id === workTypeId)!.weight;
  // Always "2", while the measured path writes 5/4/3: each side changes the value the other
  // left. Rewriting a row with identical bytes is skipped by SQLite (no page, no WAL frame, no
  // fsync), which would make a baseline that costs nothing.
  // A versioned cell (issue 10) is not saved without bumping its version: the baseline does that
  // too, with the same one upsert the measured path runs.
  const bump = sqlite.prepare(
    `INSERT INTO cell_version (lesson_id, pupil_id, version) VALUES (?, ?, 1)
       ON CONFLICT (lesson_id, pupil_id) DO UPDATE SET version = version + 1 RETURNING version`,
  );
  const rawUpdate = sqlite.transaction(() => {
    if (upd.run('2', workTypeId, weight, lesson.lessonId, pupil.id).changes !== 1) throw new Error('no mark to update');
    bump.get(lesson.lessonId, pupil.id);
  });
  const saveRes = await compare(save, () => rawUpdate.immediate(), quick ? 100 : 500);

  const cells = view.pupils.length * view.lessons.length;
  return {
    info: `journal ${view.group.name} × ${view.subject.name}, term ${view.term.kind} ${view.term.number}: ${view.pupils.length} pupils × ${view.lessons.length} lessons (${cells} cells, ${view.cells.length} filled)`,
    rows: [
      row('journal.open (service) vs raw indexed select', 'ms', load.value, load.baseline, 3),
      row('journal.setCell (RPC, audit, feed, sync=FULL) vs raw mark update tx', 'ms', saveRes.value, saveRes.baseline, 2),
    ],
  };
}
