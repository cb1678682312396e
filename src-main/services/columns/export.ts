// What the portal learns of control-work columns (issue 11): nothing as lessons. A column's
// marks are marks of its lesson (part 0's id) with their own work type and weight, after the
// lesson's own marks, in part order; the absence is the lesson's.
import type { Sqlite } from '../../../db/client';
import type { MarkValue } from '../../../src-shared/domain';

/** [lesson (part 0) id, pupil, value, work type id, weight], as full.ts reads marks. */
export type ColumnMark = [lessonId: number, pupilId: number, value: MarkValue, workTypeId: number, weight: number];

/** The SQL join from a column `c` to its lesson `p` (by the unique slot index). */
const TO_LESSON = `JOIN lesson p ON p.group_id = c.group_id AND p.subject_id = c.subject_id AND p.date = c.date AND p.slot = c.slot AND p.part = 0`;

/**
 * The marks of every column of the year's lessons up to `to`, keyed "lessonId:pupilId" of the
 * lesson they are exported with. Columns are few; one query for the whole full package.
 */
export function yearColumnMarks(db: Sqlite, yearId: number, to: string): Map<string, ColumnMark[]> {
  const rows = db
    .prepare(
      `SELECT p.id, m.pupil_id, m.value, m.work_type_id, m.weight FROM lesson c ${TO_LESSON}
         JOIN mark m ON m.lesson_id = c.id
         JOIN study_group g ON g.id = c.group_id JOIN class_unit u ON u.id = g.class_id
       WHERE c.part > 0 AND u.year_id = ? AND c.date <= ? ORDER BY p.id, m.pupil_id, c.part, m.position`,
    )
    .raw()
    .all(yearId, to) as ColumnMark[];
  const out = new Map<string, ColumnMark[]>();
  for (const r of rows) {
    const k = `${r[0]}:${r[1]}`;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * For lesson ids of changed cells: the lesson each exports under (a column's part 0; a lesson
 * itself). An id with no row any more maps to itself (its cells become tombstones as before).
 */
export function exportedLessonOf(db: Sqlite, ids: number[]): Map<number, number> {
  const out = new Map(ids.map((id) => [id, id] as const));
  if (ids.length === 0) return out;
  for (const r of db
    .prepare(`SELECT c.id, p.id AS lesson FROM lesson c ${TO_LESSON} WHERE c.part > 0 AND c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; lesson: number }[])
    out.set(r.id, r.lesson);
  return out;
}

/**
 * The SQL of every mark of the given lessons (json ids) and their columns, each under its
 * lesson's id, lesson's own marks first: ordered (lesson, pupil, part, position).
 */
export const MARKS_WITH_COLUMNS = `SELECT p.id AS lesson_id, m.pupil_id, m.value, w.name AS work_type, m.weight
  FROM lesson p JOIN lesson c ON c.group_id = p.group_id AND c.subject_id = p.subject_id AND c.date = p.date AND c.slot = p.slot
  JOIN mark m ON m.lesson_id = c.id JOIN work_type w ON w.id = m.work_type_id
  WHERE p.part = 0 AND p.id IN (SELECT value FROM json_each(?)) ORDER BY p.id, m.pupil_id, c.part, m.position`;
