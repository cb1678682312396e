// The journal itself: lesson plans (КТП), lessons from the timetable on every school day up
// to the last generated day, marks and absences. Rows stream into a sink so the big school's
// half a million marks never sit in memory at once.
import { subjectDef, homeworkFor, topicFor, WORK_TYPES, type Specialty, type SubjectDef, type WorkTypeKey } from './curriculum';
import type { PeoplePlan } from './people';
import { bell, chance, pick, type Rng } from './random';
import type { StaffPlan } from './staffing';
import type { SlotEntry } from './timetable';

export interface JournalSink {
  /** One teacher's lesson plan (КТП) of a subject for a grade: its topics in order. */
  plan(teacherId: number, subjectId: number, grade: number, topics: readonly PlanTopic[]): void;
  lesson(id: number, groupId: number, subjectId: number, date: string, slot: number, planned: number, actual: number, topic: string, homework: string | null): void;
  mark(lessonId: number, pupilId: number, position: number, value: string, workTypeId: number, weight: number): void;
  absence(lessonId: number, pupilId: number, reason: string): void;
}

export interface PlanTopic {
  topic: string;
  hours: number;
  workTypeId: number | null;
}

export interface JournalIds {
  group: number[];
  teacher: number[];
  pupil: number[];
  subject: Map<string, number>;
  workType: Map<WorkTypeKey, number>;
  firstLessonId: number;
}

export interface JournalInput {
  plan: StaffPlan;
  slots: SlotEntry[];
  people: PeoplePlan;
  schoolDays: string[];
  firstGradeBreak: { from: string; to: string };
  /** Lessons are generated up to this date, inclusive. */
  lastDay: string;
}

export interface JournalCounts {
  lessons: number;
  marks: number;
  absences: number;
  substitutions: number;
  plans: number;
}

/** Whole-day absence codes, by pupil and school day. */
const DAY_REASONS = ['', 'б', 'у', 'п', 'н'] as const;
const WEIGHT = new Map(WORK_TYPES.map((w) => [w.key, w.weight]));

interface Member {
  pupilIdx: number;
  from: string;
  to: string | null;
}

export function generateJournal(rng: Rng, input: JournalInput, ids: JournalIds, sink: JournalSink): JournalCounts {
  const { plan, slots, people, schoolDays } = input;
  const counts: JournalCounts = { lessons: 0, marks: 0, absences: 0, substitutions: 0, plans: 0 };
  const byClassDay = new Map<string, SlotEntry[]>();
  for (const e of slots) byClassDay.set(`${e.classIdx}|${e.weekday}`, [...(byClassDay.get(`${e.classIdx}|${e.weekday}`) ?? []), e]);
  const weekdayOf = schoolDays.map((d) => new Date(`${d}T12:00:00Z`).getUTCDay());
  const inBreak = (grade: number, d: string) => grade === 1 && d >= input.firstGradeBreak.from && d <= input.firstGradeBreak.to;

  // Full-year lesson counts per group and subject: the КТП has one topic per lesson, and
  // topics advance through the year by lesson number.
  const totals = new Map<string, number>();
  schoolDays.forEach((d, di) => {
    for (const c of plan.classes) {
      if (inBreak(c.grade, d)) continue;
      for (const e of byClassDay.get(`${c.idx}|${weekdayOf[di]}`) ?? [])
        for (const p of e.parts) totals.set(`${p.groupIdx}|${e.subject}`, (totals.get(`${p.groupIdx}|${e.subject}`) ?? 0) + 1);
    }
  });
  // One plan per teacher × subject × grade (the longest year of their groups), a topic a lesson
  // with the control works the lessons get below.
  const plans = new Map<string, { teacherIdx: number; subject: string; grade: number; total: number }>();
  for (const l of plan.loads) {
    const grade = plan.classes[plan.groups[l.groupIdx]!.classIdx]!.grade;
    const key = `${l.teacherIdx}|${l.subject}|${grade}`;
    const total = totals.get(`${l.groupIdx}|${l.subject}`) ?? 0;
    const had = plans.get(key);
    if (!had || had.total < total) plans.set(key, { teacherIdx: l.teacherIdx, subject: l.subject, grade, total });
  }
  for (const p of plans.values()) {
    if (p.total === 0) continue;
    const def = subjectDef(p.subject);
    const topics: PlanTopic[] = [];
    for (let n = 1; n <= p.total; n++) {
      const kind = lessonKind(def, n);
      topics.push({ topic: topicFor(def, n, p.total), hours: 1, workTypeId: kind === null ? null : (ids.workType.get(kind) as number) });
    }
    sink.plan(ids.teacher[p.teacherIdx] as number, ids.subject.get(p.subject) as number, p.grade, topics);
    counts.plans += topics.length;
  }

  const members: Member[][] = plan.groups.map(() => []);
  for (const p of people.pupils)
    for (const s of p.stints)
      for (const g of plan.groups)
        if (g.classIdx === s.classIdx && (g.whole || g.half === s.half)) (members[g.idx] as Member[]).push({ pupilIdx: p.idx, from: s.from, to: s.to });

  const lastIdx = schoolDays.findLastIndex((d) => d <= input.lastDay);
  const absent = absenceDays(rng, people.pupils.length, schoolDays.length, lastIdx);
  const nDays = schoolDays.length;

  // Timetable occupancy, for choosing substitutes who are free in that slot.
  const busy = new Set<string>();
  for (const e of slots) for (const p of e.parts) busy.add(`${p.teacherIdx}|${e.weekday}|${e.slot}`);
  const bySpecialty = new Map<Specialty, number[]>();
  for (const t of plan.teachers) bySpecialty.set(t.specialty, [...(bySpecialty.get(t.specialty) ?? []), t.idx]);

  const seq = new Map<string, number>();
  let lessonId = ids.firstLessonId;
  for (let di = 0; di <= lastIdx; di++) {
    const date = schoolDays[di] as string;
    const wd = weekdayOf[di] as number;
    const substitutesToday = new Set<string>();
    for (const c of plan.classes) {
      if (inBreak(c.grade, date)) continue;
      for (const e of byClassDay.get(`${c.idx}|${wd}`) ?? []) {
        const def = subjectDef(e.subject);
        const subjectId = ids.subject.get(e.subject) as number;
        for (const part of e.parts) {
          const key = `${part.groupIdx}|${e.subject}`;
          const n = (seq.get(key) ?? 0) + 1;
          seq.set(key, n);
          let actual = part.teacherIdx;
          // About one lesson in five hundred is taught by a colleague (illness, courses).
          if (chance(rng, 0.002)) {
            const spec = plan.teachers[part.teacherIdx]?.specialty as Specialty;
            const free = (t: number) => t !== part.teacherIdx && !busy.has(`${t}|${wd}|${e.slot}`) && !substitutesToday.has(`${t}|${e.slot}`);
            const same = (bySpecialty.get(spec) ?? []).filter(free);
            const any = same.length ? same : plan.teachers.map((t) => t.idx).filter(free);
            if (any.length) {
              actual = pick(rng, any);
              substitutesToday.add(`${actual}|${e.slot}`);
              counts.substitutions++;
            }
          }
          const id = lessonId++;
          const planned = ids.teacher[part.teacherIdx] as number;
          sink.lesson(id, ids.group[part.groupIdx] as number, subjectId, date, e.slot, planned, ids.teacher[actual] as number, topicFor(def, n, totals.get(key) ?? n), homeworkFor(def, c.grade, n));
          counts.lessons++;

          // What kind of lesson: every tenth a control work, every tenth (offset) a short written one.
          const kind = lessonKind(def, n);
          const markProbability = c.grade === 1 ? 0 : kind === 'control' ? 1 : kind ? 0.85 : 0.31;
          for (const m of members[part.groupIdx] as Member[]) {
            if (m.from > date || (m.to !== null && m.to < date)) continue;
            const pupil = people.pupils[m.pupilIdx]!;
            const pupilId = ids.pupil[m.pupilIdx] as number;
            const code = absent[m.pupilIdx * nDays + di] as number;
            if (code) {
              sink.absence(id, pupilId, DAY_REASONS[code] as string);
              counts.absences++;
              // A missed control work is often made up later: the mark goes in the same cell.
              if (kind === 'control' && markProbability && chance(rng, 0.3)) {
                sink.mark(id, pupilId, 0, value(rng, pupil.ability, def.passFail, -0.2), ids.workType.get('makeup') as number, WEIGHT.get('makeup') as number);
                counts.marks++;
              }
              continue;
            }
            const r = rng();
            if (r < 0.008) {
              // Late or skipped this one lesson.
              sink.absence(id, pupilId, r < 0.006 ? 'оп' : 'п');
              counts.absences++;
              continue;
            }
            if (!chance(rng, markProbability)) continue;
            const type: WorkTypeKey = kind ?? (def.practical || chance(rng, 0.6) ? 'answer' : 'homework');
            sink.mark(id, pupilId, 0, value(rng, pupil.ability, def.passFail, kind === 'control' ? -0.3 : 0), ids.workType.get(type) as number, WEIGHT.get(type) as number);
            counts.marks++;
            if (!kind && !def.practical && chance(rng, 0.03)) {
              // Two marks in one cell ("5/4"): an answer and the homework checked.
              sink.mark(id, pupilId, 1, value(rng, pupil.ability, def.passFail, 0), ids.workType.get('homework') as number, WEIGHT.get('homework') as number);
              counts.marks++;
            }
          }
        }
      }
    }
  }
  return counts;
}

/** What kind of lesson n is: every tenth a control work, every tenth (offset) a short written one. */
function lessonKind(def: SubjectDef, n: number): WorkTypeKey | null {
  const written = !def.practical;
  return written && n % 10 === 0 ? 'control' : written && n % 10 === 5 ? (n % 20 === 5 ? 'independent' : 'check') : null;
}

function value(rng: Rng, ability: number, passFail: boolean | undefined, shift: number): string {
  if (passFail) return chance(rng, 0.96) ? 'зач' : 'незач';
  const v = Math.round(ability + shift + bell(rng, 0.7));
  return String(Math.min(5, Math.max(2, v)));
}

/**
 * Whole-day absences as episodes (a cold lasts days, not single lessons): ~1% of school days
 * start one, 2–7 days long, mostly illness. Episodes in the last three generated days are
 * still "н": the class teacher has not entered the reason yet.
 */
function absenceDays(rng: Rng, pupils: number, days: number, lastIdx: number): Uint8Array {
  const out = new Uint8Array(pupils * days);
  for (let p = 0; p < pupils; p++) {
    for (let d = 0; d < days; d++) {
      if (!chance(rng, 0.01)) continue;
      const r = rng();
      const code = d >= lastIdx - 2 ? 4 : r < 0.65 ? 1 : r < 0.9 ? 2 : 3;
      const len = 2 + Math.floor(rng() * 6);
      for (let k = 0; k < len && d < days; k++, d++) out[p * days + d] = code;
    }
  }
  return out;
}
