// «Посещаемость»: the SQL behind it. Absences are counted on held, not cancelled lessons (the
// lesson's own column: an extra control-work column carries no absence of its own) of the
// scope's journals in the period. Days missed are worked out from three grouped reads (lessons
// per group and day, memberships, absences per pupil and day), never a query per pupil or day.
import type { PersonName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { prep } from '../sql';
import type { ClassScope } from './results-scope';

export type Reason = 'б' | 'у' | 'п' | 'н' | 'оп';
export const REASONS: readonly Reason[] = ['б', 'у', 'п', 'н', 'оп'];

export interface AttendancePupil {
  pupilId: number;
  classId: number;
  person: PersonName;
  /** Enrolled in the class from / to, when inside the period (joined or left during it). */
  joined: string | null;
  left: string | null;
  byReason: Record<Reason, number>;
  /** Null where days cannot be told (a teacher's own journals only). */
  days: number | null;
}

interface PupilRow {
  pupil_id: number;
  class_id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  from_date: string;
  to_date: string | null;
}
interface AbsenceRow {
  pupil_id: number;
  class_id: number;
  group_id: number;
  subject_id: number;
  date: string;
  reason: string;
  n: number;
}
interface LessonDayRow {
  group_id: number;
  date: string;
  n: number;
}
interface MemberRow {
  pupil_id: number;
  class_id: number;
  group_id: number;
  from_date: string;
  to_date: string | null;
}

const CLASSES = 'SELECT value FROM json_each(?)';
const HELD = 'l.cancelled = 0 AND l.held = 1 AND l.part = 0 AND l.date BETWEEN ? AND ?';

export function loadAttendance(ctx: Ctx, scope: ClassScope): AttendancePupil[] {
  const s = ctx.sqlite;
  const { from, to } = scope.period;
  const classes = JSON.stringify(scope.classes.map((c) => c.id));
  const own = scope.journals;
  const ownGroups = own === null ? null : new Set([...own].map((k) => Number(k.split(':')[0])));

  // The class's pupils in the period (one row per pupil and class: the earliest stay's start, the latest's end).
  const pupils = prep(
    s,
    `SELECT e.pupil_id, e.class_id, p.surname, p.name, p.patronymic, MIN(e.from_date) AS from_date,
            CASE WHEN SUM(e.to_date IS NULL) > 0 THEN NULL ELSE MAX(e.to_date) END AS to_date
       FROM enrolment e JOIN person p ON p.id = e.pupil_id
      WHERE e.class_id IN (${CLASSES}) AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)
      GROUP BY e.pupil_id, e.class_id`,
  ).all(classes, to, from) as PupilRow[];

  const members = prep(
    s,
    `SELECT m.pupil_id, g.class_id, m.group_id, m.from_date, m.to_date FROM group_member m JOIN study_group g ON g.id = m.group_id
      WHERE g.class_id IN (${CLASSES}) AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)`,
  ).all(classes, to, from) as MemberRow[];
  // A teacher sees only the pupils of their own groups.
  const inOwnGroups = ownGroups === null ? null : new Set(members.filter((m) => ownGroups.has(m.group_id)).map((m) => m.pupil_id));

  const absences = (
    prep(
      s,
      `SELECT a.pupil_id, g.class_id, l.group_id, l.subject_id, l.date, a.reason, COUNT(*) AS n
         FROM absence a JOIN lesson l ON l.id = a.lesson_id JOIN study_group g ON g.id = l.group_id
        WHERE ${HELD} AND g.class_id IN (${CLASSES})
        GROUP BY a.pupil_id, g.class_id, l.group_id, l.subject_id, l.date, a.reason`,
    ).all(from, to, classes) as AbsenceRow[]
  ).filter((a) => own === null || own.has(`${a.group_id}:${a.subject_id}`));

  // Keyed by pupil and class: a pupil who moved from 5А to 5Б in the period has a row in each,
  // each with the lessons of that class's groups only.
  const byPupil = new Map<string, Record<Reason, number>>();
  const missedOnDay = new Map<string, number>();
  for (const a of absences) {
    const k = `${a.pupil_id}|${a.class_id}`;
    const r = byPupil.get(k) ?? { б: 0, у: 0, п: 0, н: 0, оп: 0 };
    const reason = (REASONS as readonly string[]).includes(a.reason) ? (a.reason as Reason) : 'н';
    r[reason] += a.n;
    byPupil.set(k, r);
    if (reason !== 'оп') missedOnDay.set(`${k}|${a.date}`, (missedOnDay.get(`${k}|${a.date}`) ?? 0) + a.n);
  }

  const days = own === null ? daysMissed(ctx, classes, from, to, members, missedOnDay) : null;
  return pupils
    .filter((p) => inOwnGroups === null || inOwnGroups.has(p.pupil_id))
    .map((p) => ({
      pupilId: p.pupil_id,
      classId: p.class_id,
      person: { surname: p.surname, name: p.name, patronymic: p.patronymic },
      joined: p.from_date > from ? p.from_date : null,
      left: p.to_date !== null && p.to_date < to ? p.to_date : null,
      byReason: byPupil.get(`${p.pupil_id}|${p.class_id}`) ?? { б: 0, у: 0, п: 0, н: 0, оп: 0 },
      days: days === null ? null : (days.get(`${p.pupil_id}|${p.class_id}`) ?? 0),
    }));
}

/** School days on which the pupil missed every held lesson of the groups they were in that day. */
function daysMissed(ctx: Ctx, classes: string, from: string, to: string, members: MemberRow[], missedOnDay: Map<string, number>): Map<string, number> {
  const lessons = new Map<string, number>();
  for (const r of prep(
    ctx.sqlite,
    `SELECT l.group_id, l.date, COUNT(*) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id
      WHERE ${HELD} AND g.class_id IN (${CLASSES}) GROUP BY l.group_id, l.date`,
  ).all(from, to, classes) as LessonDayRow[])
    lessons.set(`${r.group_id}|${r.date}`, r.n);
  const groupsOf = new Map<string, MemberRow[]>();
  for (const m of members) {
    const k = `${m.pupil_id}|${m.class_id}`;
    const list = groupsOf.get(k) ?? [];
    list.push(m);
    groupsOf.set(k, list);
  }
  const out = new Map<string, number>();
  for (const [k, missed] of missedOnDay) {
    const [pupil, cls, date] = k.split('|') as [string, string, string];
    const key = `${pupil}|${cls}`;
    let held = 0;
    for (const m of groupsOf.get(key) ?? [])
      if (m.from_date <= date && (m.to_date === null || m.to_date >= date)) held += lessons.get(`${m.group_id}|${date}`) ?? 0;
    if (held > 0 && missed >= held) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
