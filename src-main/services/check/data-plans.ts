// The КТП the check's journals follow (issue 12, R6): each journal's plan topics and its lessons
// of the year for the plan's walk (src-shared/plan/offer.ts), read in bulk.
import type { Sqlite } from '../../../db/client';
import { addDays } from '../../../src-shared/dates';
import type { OfferPrefix } from '../../../src-shared/plan/offer';
import { prep } from '../sql';
import { journalKey, type CheckJournal, type CheckLesson, type CheckPlan, type CheckSlot } from './data';
import { timetableSlots, type Calendars } from './data-calendar';
import { readNumberRows } from './number-rows';

/**
 * The plans the journals follow (plan of the journal's teacher, subject, grade, year) and, for
 * those journals, their column-0 lessons of the year up to the cutoff: the plan's walk
 * (src-shared/plan/offer.ts) starts at the year's first lesson. Before the period only counts
 * matter while no lesson there accepted a plan topic (held lessons move the walk one hour each,
 * lessons not held do not): one aggregate query, and the walk starts from those counts. A journal
 * whose earlier lessons accepted topics gets its rows read in full.
 */
export function loadPlans(
  sqlite: Sqlite,
  calendars: Calendars,
  journals: Map<string, CheckJournal>,
  groups: Map<number, CheckJournal>,
  periodLessons: readonly CheckLesson[],
  periodSlots: readonly CheckSlot[],
  from: string,
  cutoff: string,
): Map<string, CheckPlan> {
  const plans = new Map<string, CheckPlan>();
  const owners = prep(sqlite, 'SELECT id, year_id, teacher_id, subject_id, grade FROM plan').raw(true).all() as [
    number,
    number,
    number,
    number,
    number,
  ][];
  if (!owners.length) return plans;
  const planOf = new Map(owners.map(([id, y, t, sub, g]) => [`${y}:${t}:${sub}:${g}`, id]));
  const wanted = new Map<string, number>();
  for (const j of journals.values()) {
    const id = j.teacherId === null ? undefined : planOf.get(`${j.yearId}:${j.teacherId}:${j.subjectId}:${j.grade}`);
    if (id !== undefined) wanted.set(j.key, id);
  }
  if (!wanted.size) return plans;
  // Ids and hours only (the walk needs no text; R6 asks for the few texts it prints: topicTexts),
  // one string per plan: far fewer rows to build than one per topic.
  const topicsOf = new Map<number, CheckPlan['topics']>();
  for (const [planId, list] of prep(
    sqlite,
    // Whole hours as integers: SQLite prints a REAL slower than an INTEGER.
    `SELECT plan_id, group_concat(id || ',' || IIF(hours = CAST(hours AS INTEGER), CAST(hours AS INTEGER), hours), ';') FROM
       (SELECT plan_id, id, hours FROM plan_topic WHERE plan_id IN (SELECT value FROM json_each(?)) ORDER BY plan_id, position)
     GROUP BY plan_id`,
  )
    .raw(true)
    .all(JSON.stringify([...new Set(wanted.values())])) as [number, string][]) {
    const topics: CheckPlan['topics'] = [];
    readNumberRows(list, 2, (f) => topics.push({ id: f[0]!, hours: f[1]! }));
    topicsOf.set(planId, topics);
  }
  const planned = new Map<string, { planId: number; topics: CheckPlan['topics'] }>();
  for (const [k, planId] of wanted) {
    const topics = topicsOf.get(planId);
    if (topics) planned.set(k, { planId, topics });
  }
  if (!planned.size) return plans;

  type L = CheckPlan['lessons'][number] & { cancelled: boolean };
  const lessonsOf = new Map<string, L[]>();
  const push = (k: string, l: L) => {
    let list = lessonsOf.get(k);
    if (!list) lessonsOf.set(k, (list = []));
    list.push(l);
  };
  // Counts of a journal's lessons before the period (the walk's prefix).
  const prefixes = new Map<string, OfferPrefix>();
  const yearStart = new Map<number, string>();
  for (const j of planned.keys()) {
    const y = journals.get(j)!.yearId;
    if (!yearStart.has(y))
      yearStart.set(y, (prep(sqlite, 'SELECT starts_on FROM school_year WHERE id = ?').get(y) as { starts_on: string }).starts_on);
  }
  const first = [...yearStart.values()].reduce((a, b) => (a < b ? a : b));
  const before = addDays(from, -1);
  if (first <= before) {
    // Per journal: lessons (not cancelled), held ones, ones that accepted a topic, and rows at timetable slots.
    const counts = new Map<string, { lessons: number; held: number; accepted: number; timetabled: number }>();
    for (const [g, sub, lessons, held, accepted, timetabled] of prep(
      sqlite,
      `SELECT group_id, subject_id, SUM(cancelled = 0), SUM(cancelled = 0 AND held = 1), SUM(cancelled = 0 AND plan_topic_id IS NOT NULL),
              SUM(origin = 'timetable')
         FROM lesson WHERE part = 0 AND date BETWEEN ? AND ? GROUP BY group_id, subject_id`,
    )
      .raw(true)
      .all(first, before) as [number, number, number, number, number, number][]) {
      const k = journalKey(g, sub);
      if (planned.has(k)) counts.set(k, { lessons, held, accepted, timetabled });
    }
    // Timetable slots before the period, per journal: those with no row count as held lessons.
    const slotCount = new Map<string, number>();
    const entries = prep(
      sqlite,
      `SELECT group_id, subject_id, weekday, valid_from, valid_to FROM timetable_entry
         WHERE draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
    )
      .raw(true)
      .all(before, first) as [number, number, number, string, string | null][];
    for (const [g, sub, wd, vf, vt] of entries) {
      const k = journalKey(g, sub);
      const j = groups.get(g);
      if (!j || !planned.has(k)) continue;
      const start = yearStart.get(j.yearId)!;
      let n = 0;
      for (const d of calendars(j.yearId, j.grade)) {
        if (d.date > before) break;
        if (d.date >= start && d.asWeekday === wd && d.date >= vf && (vt === null || d.date <= vt)) n++;
      }
      slotCount.set(k, (slotCount.get(k) ?? 0) + n);
    }
    const full: string[] = [];
    for (const k of planned.keys()) {
      const c = counts.get(k) ?? { lessons: 0, held: 0, accepted: 0, timetabled: 0 };
      if (c.accepted > 0) {
        full.push(k);
        continue;
      }
      // Slots without a row: the timetable's slots less the rows generated at them (cancelled ones too).
      const virtual = Math.max(0, (slotCount.get(k) ?? 0) - c.timetabled);
      prefixes.set(k, { held: c.held + virtual, notHeld: c.lessons - c.held });
    }
    if (full.length) {
      const keys = new Set(full);
      const taken = new Set<string>();
      for (const [id, g, sub, date, slot, held, cancelled, planTopicId] of prep(
        sqlite,
        `SELECT id, group_id, subject_id, date, slot, held, cancelled, plan_topic_id FROM lesson
           WHERE part = 0 AND date BETWEEN ? AND ? AND group_id IN (SELECT value FROM json_each(?))`,
      )
        .raw(true)
        .iterate(first, before, JSON.stringify([...new Set(full.map((k) => journals.get(k)!.groupId))])) as IterableIterator<
        [number, number, number, string, number, number, number, number | null]
      >) {
        const k = journalKey(g, sub);
        if (!keys.has(k)) continue;
        taken.add(`${g}|${sub}|${date}|${slot}`);
        push(k, { date, slot, lessonId: id, held: held === 1, planTopicId, cancelled: cancelled === 1 });
      }
      const fullGroups = new Map([...groups].filter(([g]) => full.some((k) => journals.get(k)!.groupId === g)));
      for (const sl of timetableSlots(sqlite, calendars, fullGroups, (g, sub) => keys.has(journalKey(g, sub)), first, before, taken))
        push(journalKey(sl.groupId, sl.subjectId), {
          date: sl.date,
          slot: sl.slot,
          lessonId: null,
          held: true,
          planTopicId: null,
          cancelled: false,
        });
    }
  }
  for (const l of periodLessons) {
    const k = journalKey(l.groupId, l.subjectId);
    if (l.part !== 0 || l.date > cutoff || !planned.has(k)) continue;
    push(k, { date: l.date, slot: l.slot, lessonId: l.id, held: l.held, planTopicId: l.planTopicId, cancelled: l.cancelled });
  }
  for (const sl of periodSlots) {
    const k = journalKey(sl.groupId, sl.subjectId);
    if (planned.has(k)) push(k, { date: sl.date, slot: sl.slot, lessonId: null, held: true, planTopicId: null, cancelled: false });
  }
  for (const [k, p] of planned) {
    const list = (lessonsOf.get(k) ?? []).filter((l) => !l.cancelled);
    list.sort((a, b) => (a.date === b.date ? a.slot - b.slot : a.date < b.date ? -1 : 1));
    plans.set(k, { planId: p.planId, topics: p.topics, prefix: prefixes.get(k) ?? { held: 0, notHeld: 0 }, lessons: list });
  }
  return plans;
}
