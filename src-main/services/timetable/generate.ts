// Lesson generation: the stored lesson rows of a year (or one group, or a date range) from the
// timetable in force over the calendar's school days. Regeneration after a change creates what
// is missing, deletes generated rows that no longer match and hold nothing, and keeps every
// row that holds data, listing it as a conflict for a person to resolve. Cancelled rows are
// kept (a cancelled lesson stays cancelled; a moved-away slot stays empty).
import type { Sqlite } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import type { Recorder } from '../mutate';
import { schoolDays } from '../calendar/days';
import { prep } from '../sql';

export interface GenerateScope {
  yearId: number;
  groupId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface Conflict {
  lessonId: number;
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
  reason: string;
}

export interface GenerateResult {
  created: number;
  updated: number;
  deleted: number;
  conflicts: Conflict[];
}

/** A timetable_entry row as the generator and the check read it. */
export interface EntryRow {
  group_id: number;
  subject_id: number;
  teacher_id: number;
  weekday: number;
  slot: number;
  valid_from: string;
  valid_to: string | null;
}

interface StoredRow {
  id: number;
  group_id: number;
  subject_id: number;
  date: string;
  slot: number;
  planned_teacher_id: number | null;
  actual_teacher_id: number | null;
  origin: string;
  cancelled: number;
}

/**
 * What a lesson row holds that a person entered: a reason it must not be deleted, in Russian;
 * null when it holds nothing (no topic, homework, files, marks, absences, not-held flag,
 * substitution, accepted plan topic or extra column).
 */
export function lessonData(sqlite: Sqlite, id: number): string | null {
  const r = prep(
    sqlite,
    `SELECT l.topic IS NOT NULL OR l.homework IS NOT NULL AS texts, l.held = 0 AS not_held,
            l.actual_teacher_id IS NOT l.planned_teacher_id AS substituted, l.plan_topic_id IS NOT NULL AS planned,
            EXISTS (SELECT 1 FROM mark WHERE lesson_id = l.id) AS marks,
            EXISTS (SELECT 1 FROM absence WHERE lesson_id = l.id) AS absences,
            EXISTS (SELECT 1 FROM lesson_file WHERE lesson_id = l.id) AS files,
            EXISTS (SELECT 1 FROM lesson x WHERE x.group_id = l.group_id AND x.subject_id = l.subject_id
                      AND x.date = l.date AND x.slot = l.slot AND x.part > 0) AS columns,
            EXISTS (SELECT 1 FROM remark WHERE lesson_id = l.id) OR EXISTS (SELECT 1 FROM term_reopen WHERE lesson_id = l.id) AS refs
       FROM lesson l WHERE l.id = ?`,
  ).get(id) as Record<'texts' | 'not_held' | 'substituted' | 'planned' | 'marks' | 'absences' | 'files' | 'columns' | 'refs', number> | undefined;
  if (!r) return null;
  if (r.marks) return 'на уроке есть отметки';
  if (r.absences) return 'на уроке есть пропуски';
  if (r.files) return 'к уроку приложены файлы';
  if (r.texts || r.planned) return 'у урока есть тема или домашнее задание';
  if (r.columns) return 'у урока есть дополнительный столбец';
  if (r.substituted) return 'на урок назначена замена';
  if (r.not_held) return 'урок отмечен как непроведённый';
  if (r.refs) return 'на урок ссылается замечание или открытие периода';
  return null;
}

/** The year's bounds; refused for a year that does not exist or is archived. */
export function yearOf(sqlite: Sqlite, yearId: number): { starts_on: string; ends_on: string; status: string } {
  const y = prep(sqlite, 'SELECT starts_on, ends_on, status FROM school_year WHERE id = ?').get(yearId) as
    | { starts_on: string; ends_on: string; status: string }
    | undefined;
  if (!y) throw new AppError('not_found', 'Нет такого учебного года');
  if (y.status === 'archived') throw new AppError('locked', 'Учебный год в архиве: расписание и уроки в нём не меняются');
  return y;
}

/**
 * Inside a mutation: brings the stored lessons of the scope in line with the timetable in
 * force. One audit record for the run (counts); rows deleted on or before today get a feed
 * delete each, as the portal may know them (later ones were never sent: see export/full.ts).
 */
export function generateLessons(ctx: Ctx, rec: Recorder, scope: GenerateScope): GenerateResult {
  const s = ctx.sqlite;
  const year = yearOf(s, scope.yearId);
  const from = scope.from && scope.from > year.starts_on ? scope.from : year.starts_on;
  const to = scope.to && scope.to < year.ends_on ? scope.to : year.ends_on;
  const result: GenerateResult = { created: 0, updated: 0, deleted: 0, conflicts: [] };
  if (from > to) return result;
  const today = schoolDate(ctx.now());

  const groups = prep(
    s,
    `SELECT g.id, c.grade FROM study_group g JOIN class_unit c ON c.id = g.class_id
       WHERE c.year_id = ? AND (? IS NULL OR g.id = ?) ORDER BY g.id`,
  ).all(scope.yearId, scope.groupId ?? null, scope.groupId ?? null) as { id: number; grade: number }[];
  if (scope.groupId !== undefined && groups.length === 0) throw new AppError('not_found', 'Нет такой группы в этом учебном году');

  const daysByGrade = new Map<number, ReturnType<typeof schoolDays>>();
  const entriesStmt = prep(
    s,
    `SELECT group_id, subject_id, teacher_id, weekday, slot, valid_from, valid_to FROM timetable_entry
       WHERE group_id = ? AND draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
  );
  const storedStmt = prep(
    s,
    `SELECT id, group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, origin, cancelled FROM lesson
       WHERE group_id = ? AND date BETWEEN ? AND ? AND part = 0`,
  );
  const insert = prep(
    s,
    `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, origin)
       VALUES (?,?,?,?,?,?,1,'timetable')`,
  );
  const retarget = prep(s, 'UPDATE lesson SET planned_teacher_id = ?, actual_teacher_id = ? WHERE id = ?');
  const remove = prep(s, 'DELETE FROM lesson WHERE id = ?');

  for (const g of groups) {
    let days = daysByGrade.get(g.grade);
    if (!days) daysByGrade.set(g.grade, (days = schoolDays(s, scope.yearId, g.grade, from, to)));
    const entries = entriesStmt.all(g.id, to, from) as EntryRow[];
    const byWeekday = new Map<number, EntryRow[]>();
    for (const e of entries) {
      const list = byWeekday.get(e.weekday);
      if (list) list.push(e);
      else byWeekday.set(e.weekday, [e]);
    }
    // Stored rows of the group, by subject|date|slot (every origin: an extra or moved lesson in
    // the slot already is the lesson; a cancelled row keeps the slot empty).
    const stored = new Map<string, StoredRow>();
    for (const r of storedStmt.all(g.id, from, to) as StoredRow[]) stored.set(`${r.subject_id}|${r.date}|${r.slot}`, r);
    const wanted = new Set<string>();
    for (const d of days) {
      const list = byWeekday.get(d.asWeekday);
      if (!list) continue;
      for (const e of list) {
        if (e.valid_from > d.date || (e.valid_to !== null && e.valid_to < d.date)) continue;
        const key = `${e.subject_id}|${d.date}|${e.slot}`;
        wanted.add(key);
        const have = stored.get(key);
        if (!have) {
          insert.run(g.id, e.subject_id, d.date, e.slot, e.teacher_id, e.teacher_id);
          result.created++;
        } else if (
          have.origin === 'timetable' &&
          !have.cancelled &&
          have.planned_teacher_id !== e.teacher_id &&
          // A substituted lesson keeps who taught it; only the timetabled teacher follows.
          have.actual_teacher_id === have.planned_teacher_id
        ) {
          retarget.run(e.teacher_id, e.teacher_id, have.id);
          if (have.date <= today) rec.audit({ action: 'timetable.lesson_teacher', entity: 'lesson', entityId: have.id, feed: 'upsert' });
          result.updated++;
        }
      }
    }
    for (const [key, r] of stored) {
      if (wanted.has(key) || r.origin !== 'timetable' || r.cancelled) continue;
      const why = lessonData(s, r.id);
      if (why) {
        result.conflicts.push({
          lessonId: r.id,
          groupId: r.group_id,
          subjectId: r.subject_id,
          date: r.date,
          slot: r.slot,
          reason: `Урока больше нет в расписании, но ${why}: перенесите данные или отмените урок вручную`,
        });
        continue;
      }
      // Emptied cells leave version rows behind: they go with the lesson.
      prep(s, 'DELETE FROM cell_version WHERE lesson_id = ?').run(r.id);
      remove.run(r.id);
      if (r.date <= today) rec.audit({ action: 'timetable.lesson_delete', entity: 'lesson', entityId: r.id, feed: 'delete' });
      result.deleted++;
    }
  }
  rec.audit({
    action: 'timetable.generate',
    entity: 'school_year',
    entityId: scope.yearId,
    after: {
      groupId: scope.groupId ?? null,
      from,
      to,
      created: result.created,
      updated: result.updated,
      deleted: result.deleted,
      conflicts: result.conflicts.length,
    },
  });
  return result;
}
