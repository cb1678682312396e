// «Итоги успеваемости»: the SQL that reads the classes' journals, their teachers, pupils and
// each pupil's result in each journal over the period. Set-based (a handful of queries for the
// whole school): the reference school has ~480,000 marks a year, aggregated in SQLite.
import { roundMark } from '../../../src-shared/journal/average';
import type { PersonName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import type { ClassScope } from './results-scope';

export interface Journal {
  groupId: number;
  subjectId: number;
  classId: number;
  group: string;
  subject: string;
  /** The load's teachers in the period, by name; empty: nobody in the load. */
  teachers: { id: number; person: PersonName }[];
}

/** One pupil's result in one journal: the term mark, or the rounded mean of the period's marks; null: none. */
export interface PupilResult {
  pupilId: number;
  classId: number;
  groupId: number;
  subjectId: number;
  value: string | null;
}

export interface ResultsData {
  journals: Journal[];
  /** Every member of every journal's group in the period, with their result (null: no mark). */
  results: PupilResult[];
}

interface JournalRow {
  group_id: number;
  subject_id: number;
  class_id: number;
  group_name: string;
  subject_name: string;
}
interface TeacherRow {
  group_id: number;
  subject_id: number;
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
}
interface MemberRow {
  pupil_id: number;
  group_id: number;
  class_id: number;
}
interface TermMarkRow {
  pupil_id: number;
  group_id: number;
  subject_id: number;
  value: string;
}
interface MeanRow {
  pupil_id: number;
  group_id: number;
  subject_id: number;
  sum: number | null;
  weights: number | null;
  pass: number;
  fail: number;
  free: number;
}

const key = (g: number, s: number) => `${g}:${s}`;
const GROUPS = 'SELECT g.id FROM study_group g WHERE g.class_id IN (SELECT value FROM json_each(?))';

/**
 * The result of a pupil's current marks: the weighted mean rounded by the school's threshold (as
 * the journal suggests a term mark); with no digit mark, «осв», else зач/незач by majority.
 */
export function meanResult(r: Pick<MeanRow, 'sum' | 'weights' | 'pass' | 'fail' | 'free'>, threshold: number): string | null {
  if (r.weights !== null && r.weights > 0 && r.sum !== null) return String(roundMark(r.sum / r.weights, threshold));
  if (r.free > 0) return 'осв';
  if (r.pass + r.fail > 0) return r.pass >= r.fail ? 'зач' : 'незач';
  return null;
}

export function loadResults(ctx: Ctx, scope: ClassScope): ResultsData {
  const s = ctx.sqlite;
  const { from, to, term } = scope.period;
  const classes = JSON.stringify(scope.classes.map((c) => c.id));
  const allowed = (g: number, subj: number) => scope.journals === null || scope.journals.has(key(g, subj));

  // A journal is in the report when the load has it in the period, or it had lessons or term marks.
  const journals = (
    prep(
      s,
      `SELECT g.id AS group_id, x.subject_id, g.class_id, g.name AS group_name, sb.name AS subject_name
         FROM (SELECT group_id, subject_id FROM teaching_load WHERE draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
                 AND group_id IN (${GROUPS})
               UNION SELECT group_id, subject_id FROM lesson WHERE date BETWEEN ? AND ? AND cancelled = 0 AND part = 0 AND group_id IN (${GROUPS})
               UNION SELECT group_id, subject_id FROM term_mark WHERE term_id = ? AND group_id IN (${GROUPS})) x
         JOIN study_group g ON g.id = x.group_id JOIN subject sb ON sb.id = x.subject_id`,
    ).all(to, from, classes, from, to, classes, term?.id ?? -1, classes) as JournalRow[]
  ).filter((j) => allowed(j.group_id, j.subject_id));

  const teachers = new Map<string, Journal['teachers']>();
  for (const t of prep(
    s,
    `SELECT DISTINCT tl.group_id, tl.subject_id, u.id, p.surname, p.name, p.patronymic
       FROM teaching_load tl JOIN staff_user u ON u.id = tl.teacher_id JOIN person p ON p.id = u.person_id
      WHERE tl.draft = 0 AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?) AND tl.group_id IN (${GROUPS})
      ORDER BY p.surname, p.name, p.patronymic`,
  ).all(to, from, classes) as TeacherRow[]) {
    const k = key(t.group_id, t.subject_id);
    const list = teachers.get(k) ?? [];
    list.push({ id: t.id, person: { surname: t.surname, name: t.name, patronymic: t.patronymic } });
    teachers.set(k, list);
  }

  const members = prep(
    s,
    `SELECT DISTINCT m.pupil_id, m.group_id, g.class_id FROM group_member m JOIN study_group g ON g.id = m.group_id
      WHERE g.class_id IN (SELECT value FROM json_each(?)) AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)`,
  ).all(classes, to, from) as MemberRow[];

  const values = new Map<string, string | null>();
  if (term) {
    for (const r of prep(s, `SELECT pupil_id, group_id, subject_id, value FROM term_mark WHERE term_id = ? AND group_id IN (${GROUPS})`).all(
      term.id,
      classes,
    ) as TermMarkRow[])
      values.set(`${r.pupil_id}:${key(r.group_id, r.subject_id)}`, r.value);
  } else {
    const threshold = loadSettings(ctx).markRoundingThreshold;
    // The whole school: the period lies inside one school year, so its lessons are that year's
    // groups' already; leaving out the group filter lets SQLite walk the date index (the year's
    // ~480,000 marks are the report's whole cost). Rows of journals not in the report are dropped below.
    const whole = scope.classId === null && scope.journals === null;
    const rows = prep(
      s,
      `SELECT m.pupil_id, l.group_id, l.subject_id,
              SUM(CASE WHEN m.value IN ('1','2','3','4','5') THEN CAST(m.value AS INTEGER) * m.weight END) AS sum,
              SUM(CASE WHEN m.value IN ('1','2','3','4','5') THEN m.weight END) AS weights,
              SUM(m.value = 'зач') AS pass, SUM(m.value = 'незач') AS fail, SUM(m.value = 'осв') AS free
         FROM mark m JOIN lesson l ON l.id = m.lesson_id
        WHERE l.date BETWEEN ? AND ? AND l.cancelled = 0 ${whole ? '' : `AND l.group_id IN (${GROUPS})`}
        GROUP BY m.pupil_id, l.group_id, l.subject_id`,
    ).all(...(whole ? [from, to] : [from, to, classes])) as MeanRow[];
    for (const r of rows)
      values.set(`${r.pupil_id}:${key(r.group_id, r.subject_id)}`, meanResult(r, threshold));
  }

  const membersOf = new Map<number, MemberRow[]>();
  for (const m of members) {
    const list = membersOf.get(m.group_id) ?? [];
    list.push(m);
    membersOf.set(m.group_id, list);
  }
  const results: PupilResult[] = [];
  for (const j of journals)
    for (const m of membersOf.get(j.group_id) ?? [])
      results.push({
        pupilId: m.pupil_id,
        classId: m.class_id,
        groupId: j.group_id,
        subjectId: j.subject_id,
        value: values.get(`${m.pupil_id}:${key(j.group_id, j.subject_id)}`) ?? null,
      });

  return {
    journals: journals.map((j) => ({
      groupId: j.group_id,
      subjectId: j.subject_id,
      classId: j.class_id,
      group: j.group_name,
      subject: j.subject_name,
      teachers: teachers.get(key(j.group_id, j.subject_id)) ?? [],
    })),
    results,
  };
}
