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

// A mark as "pupil,position·16 + value code,work type,weight"; a value outside MARK_VALUES
// packs code 0, and that lesson's marks are read as rows.
const MARK = `m.pupil_id || ',' || (m.position * 16 + ${codeOf('m.value', MARK_VALUES)})`;
const ABSENCE = `a.pupil_id || ',' || ${codeOf('a.reason', ABSENCE_REASONS)}`;

const LESSONS = `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.part, l.held, l.cancelled, l.origin, l.topic, l.homework, l.no_homework,
       EXISTS (SELECT 1 FROM lesson_file f WHERE f.lesson_id = l.id),
       l.planned_teacher_id, l.actual_teacher_id, l.plan_topic_id, l.work_type_id, l.weight,
       (SELECT group_concat((${MARK}) || ',' || m.work_type_id || ',' || m.weight, ';') FROM mark m WHERE m.lesson_id = l.id),
       (SELECT group_concat(${ABSENCE}, ';') FROM absence a WHERE a.lesson_id = l.id)
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
  const oddMarks: number[] = [];
  const oddAbsences = new Set<number>();
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
      let odd = false;
      readNumberRows(r[18] as string, 4, (f) => {
        const i = marks.length++;
        const packed = f[1]!;
        const code = packed % 16;
        if (code === 0 || packed < 0) odd = true;
        marks.lessonId[i] = id;
        marks.pupilId[i] = f[0]!;
        marks.position[i] = (packed - code) / 16;
        marks.value[i] = code ? MARK_VALUES[code - 1]! : '';
        marks.workTypeId[i] = f[2]!;
        marks.weight[i] = f[3]!;
      });
      marks.rows.set(id, { start, end: marks.length });
      if (odd) oddMarks.push(id);
    }
    if (r[19] !== null)
      readNumberRows(r[19] as string, 2, (f) => {
        const code = f[1]!;
        if (code === 0) oddAbsences.add(id);
        absences.push({ lessonId: id, pupilId: f[0]!, reason: code ? ABSENCE_REASONS[code - 1]! : '' });
      });
  }
  // Values the packing has no code for (none the app writes): those lessons' rows as stored.
  for (const id of oddMarks) {
    const { start } = marks.rows.get(id)!;
    const rows = prep(sqlite, 'SELECT pupil_id, position, value, work_type_id, weight FROM mark WHERE lesson_id = ?').raw(true).all(id) as [
      number,
      number,
      string,
      number,
      number,
    ][];
    rows.forEach(([pupil, position, value, workType, weight], i) => {
      marks.pupilId[start + i] = pupil;
      marks.position[start + i] = position;
      marks.value[start + i] = value;
      marks.workTypeId[start + i] = workType;
      marks.weight[start + i] = weight;
    });
  }
  if (oddAbsences.size) {
    const reasons = new Map<string, string>();
    for (const [lesson, pupil, reason] of prep(
      sqlite,
      'SELECT lesson_id, pupil_id, reason FROM absence WHERE lesson_id IN (SELECT value FROM json_each(?))',
    )
      .raw(true)
      .all(JSON.stringify([...oddAbsences])) as [number, number, string][])
      reasons.set(`${lesson}:${pupil}`, reason);
    for (const a of absences) if (oddAbsences.has(a.lessonId)) a.reason = reasons.get(`${a.lessonId}:${a.pupilId}`) ?? a.reason;
  }
  return { lessons, marks, absences };
}
