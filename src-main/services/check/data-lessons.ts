// The period's stored lessons with their marks and absences, for the check's loader (data.ts):
// one range scan of lesson_date, each lesson's marks and absences packed into a string by SQLite
// (mark_cell and absence_cell lead with lesson_id), so a month of 60,000 marks arrives as 8,000
// rows and is kept as columns (CheckMarks), not an object per mark.
import type { Sqlite } from '../../../db/client';
import { ABSENCE_REASONS, MARK_VALUES } from '../../../src-shared/domain';
import { prep } from '../sql';
import type { CheckAbsence, CheckLesson, CheckMarks } from './data';
import { readNumberRows, rowCount } from './number-rows';

/** SQL: the text's 1-based index in the list, 0 when it is none of them. */
const codeOf = (column: string, list: readonly string[]) =>
  `CASE ${column} ${list.map((v, i) => `WHEN '${v}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;

/**
 * SQL: two columns, the marks and the absences of the lesson aliased l, packed by SQLite: a mark
 * as "pupil,position·16 + value code,work type,weight", an absence as "pupil,reason code" (codes
 * index MARK_VALUES and ABSENCE_REASONS from 1; 0 is a text the app never writes, read as stored).
 */
export const LESSON_CELLS = `(SELECT group_concat(m.pupil_id || ',' || (m.position * 16 + ${codeOf('m.value', MARK_VALUES)}) || ',' || m.work_type_id || ',' || m.weight, ';')
         FROM mark m WHERE m.lesson_id = l.id),
       (SELECT group_concat(a.pupil_id || ',' || ${codeOf('a.reason', ABSENCE_REASONS)}, ';') FROM absence a WHERE a.lesson_id = l.id)`;

/** Calls `mark` for each mark of a LESSON_CELLS text. */
export function readMarks(
  sqlite: Sqlite,
  lessonId: number,
  text: string,
  mark: (pupilId: number, position: number, value: string, workTypeId: number, weight: number) => void,
): void {
  readNumberRows(text, 4, (f) => {
    const packed = f[1]!;
    const code = ((packed % 16) + 16) % 16;
    const position = (packed - code) / 16;
    const value = code ? MARK_VALUES[code - 1]! : storedValue(sqlite, lessonId, f[0]!, position);
    mark(f[0]!, position, value, f[2]!, f[3]!);
  });
}

/** Calls `absence` for each absence of a LESSON_CELLS text. */
export function readAbsences(sqlite: Sqlite, lessonId: number, text: string, absence: (pupilId: number, reason: string) => void): void {
  readNumberRows(text, 2, (f) => absence(f[0]!, f[1] ? ABSENCE_REASONS[f[1] - 1]! : storedReason(sqlite, lessonId, f[0]!)));
}

const storedValue = (sqlite: Sqlite, lessonId: number, pupilId: number, position: number): string =>
  (prep(sqlite, 'SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? AND position = ?').pluck().get(lessonId, pupilId, position) as
    string | undefined) ?? '';
const storedReason = (sqlite: Sqlite, lessonId: number, pupilId: number): string =>
  (prep(sqlite, 'SELECT reason FROM absence WHERE lesson_id = ? AND pupil_id = ?').pluck().get(lessonId, pupilId) as string | undefined) ??
  '';

const LESSONS = `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.part, l.held, l.cancelled, l.origin, l.topic, l.homework, l.no_homework,
       EXISTS (SELECT 1 FROM lesson_file f WHERE f.lesson_id = l.id),
       l.planned_teacher_id, l.actual_teacher_id, l.plan_topic_id, l.work_type_id, l.weight,
       ${LESSON_CELLS}
  FROM lesson l WHERE l.date BETWEEN ? AND ?`;

export interface PeriodLessons {
  /** In scope, every part, cancelled ones too, in no particular order. */
  lessons: CheckLesson[];
  marks: CheckMarks;
  absences: CheckAbsence[];
}

export function loadPeriodLessons(
  sqlite: Sqlite,
  from: string,
  to: string,
  inScope: (groupId: number, subjectId: number) => boolean,
): PeriodLessons {
  const rows = (prep(sqlite, LESSONS).raw(true).all(from, to) as unknown[][]).filter((r) => inScope(r[1] as number, r[2] as number));
  // The columns are sized first (a mark a ';'-separated row): growing them costs more than the parse.
  let n = 0;
  for (const r of rows) if (r[18] !== null) n += rowCount(r[18] as string);
  const marks: CheckMarks = {
    length: 0,
    rows: new Map(),
    lessonId: new Int32Array(n),
    pupilId: new Int32Array(n),
    position: new Int32Array(n),
    value: new Array<string>(n),
    workTypeId: new Int32Array(n),
    weight: new Float64Array(n),
  };
  const lessons: CheckLesson[] = [];
  const absences: CheckAbsence[] = [];
  for (const r of rows) {
    const id = r[0] as number;
    lessons.push({
      id,
      groupId: r[1] as number,
      subjectId: r[2] as number,
      date: r[3] as string,
      slot: r[4] as number,
      part: r[5] as number,
      held: r[6] === 1,
      cancelled: r[7] === 1,
      origin: r[8] as CheckLesson['origin'],
      topic: r[9] as string | null,
      homework: r[10] as string | null,
      noHomework: r[11] === 1,
      hasFile: r[12] === 1,
      plannedTeacherId: r[13] as number | null,
      actualTeacherId: r[14] as number | null,
      planTopicId: r[15] as number | null,
      workTypeId: r[16] as number | null,
      weight: r[17] as number | null,
    });
    if (r[18] !== null) {
      const start = marks.length;
      readMarks(sqlite, id, r[18] as string, (pupilId, position, value, workTypeId, weight) => {
        const i = marks.length++;
        marks.lessonId[i] = id;
        marks.pupilId[i] = pupilId;
        marks.position[i] = position;
        marks.value[i] = value;
        marks.workTypeId[i] = workTypeId;
        marks.weight[i] = weight;
      });
      marks.rows.set(id, { start, end: marks.length });
    }
    if (r[19] !== null) readAbsences(sqlite, id, r[19] as string, (pupilId, reason) => absences.push({ lessonId: id, pupilId, reason }));
  }
  return { lessons, marks, absences };
}
