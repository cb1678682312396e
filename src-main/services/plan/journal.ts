// plan.forJournal: the plan a journal follows, the topic offered for each of its lessons, and
// where the plan stands to date.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { offerTopics, type OfferLesson } from '../../../src-shared/plan/offer';
import type { LessonOffer, PlanProgress, PlanView } from '../../../src-shared/rpc/plan';
import { schoolDays } from '../calendar/days';
import { requireActor, type Ctx } from '../context';
import { journalAccess, groupGrade } from '../journal/access';
import { prep } from '../sql';
import { planView } from './store';

/** Whose plan a journal follows: the teacher of its load in force today, else its latest one. */
function journalTeacher(ctx: Ctx, groupId: number, subjectId: number): number | null {
  const today = schoolDate(ctx.now());
  const r = prep(
    ctx.sqlite,
    `SELECT teacher_id FROM teaching_load WHERE group_id = ? AND subject_id = ? AND draft = 0
       ORDER BY (valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)) DESC, valid_from DESC LIMIT 1`,
  ).get(groupId, subjectId, today, today) as { teacher_id: number } | undefined;
  return r?.teacher_id ?? null;
}

interface JournalLesson extends OfferLesson {
  slot: number;
  lessonId: number | null;
}

/**
 * The journal's lessons of the year in date and slot order: stored lessons (column 0, not
 * cancelled) and the timetable's slots on the grade's school days that have no row yet.
 */
function journalLessons(ctx: Ctx, groupId: number, subjectId: number, year: { id: number; starts_on: string; ends_on: string }, grade: number): JournalLesson[] {
  const rows = prep(
    ctx.sqlite,
    `SELECT id, date, slot, held, cancelled, plan_topic_id FROM lesson
       WHERE group_id = ? AND subject_id = ? AND part = 0 AND date BETWEEN ? AND ? ORDER BY date, slot`,
  ).all(groupId, subjectId, year.starts_on, year.ends_on) as { id: number; date: string; slot: number; held: number; cancelled: number; plan_topic_id: number | null }[];
  // A cancelled row still occupies its slot: the timetable's lesson there is not given.
  const have = new Set(rows.map((r) => `${r.date}|${r.slot}`));
  const out: JournalLesson[] = rows
    .filter((r) => r.cancelled === 0)
    .map((r) => ({ date: r.date, slot: r.slot, lessonId: r.id, held: r.held === 1, planTopicId: r.plan_topic_id }));
  const entries = prep(
    ctx.sqlite,
    `SELECT weekday, slot, valid_from, valid_to FROM timetable_entry
       WHERE group_id = ? AND subject_id = ? AND draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
  ).all(groupId, subjectId, year.ends_on, year.starts_on) as { weekday: number; slot: number; valid_from: string; valid_to: string | null }[];
  if (entries.length) {
    for (const d of schoolDays(ctx.sqlite, year.id, grade, year.starts_on, year.ends_on))
      for (const e of entries)
        if (e.weekday === d.asWeekday && e.valid_from <= d.date && (e.valid_to === null || e.valid_to >= d.date) && !have.has(`${d.date}|${e.slot}`)) {
          have.add(`${d.date}|${e.slot}`);
          out.push({ date: d.date, slot: e.slot, lessonId: null, held: true, planTopicId: null });
        }
    out.sort((a, b) => (a.date === b.date ? a.slot - b.slot : a.date < b.date ? -1 : 1));
  }
  return out;
}

export function forJournal(
  ctx: Ctx,
  input: { groupId: number; subjectId: number },
): { plan: PlanView | null; lessons: LessonOffer[]; progress: PlanProgress | null } {
  const actor = requireActor(ctx);
  const { grade, yearId } = groupGrade(ctx, input.groupId);
  const year = prep(ctx.sqlite, 'SELECT id, starts_on, ends_on FROM school_year WHERE id = ?').get(yearId) as { id: number; starts_on: string; ends_on: string };
  if (!prep(ctx.sqlite, 'SELECT 1 FROM subject WHERE id = ?').get(input.subjectId)) throw new AppError('not_found', 'Нет такого журнала');
  if (!journalAccess(ctx, actor, input.groupId, input.subjectId, year.starts_on, year.ends_on))
    throw new AppError('forbidden', 'Этот журнал вам недоступен');
  const teacherId = journalTeacher(ctx, input.groupId, input.subjectId);
  if (teacherId === null) return { plan: null, lessons: [], progress: null };
  const plan = planView(ctx, actor, year.id, teacherId, input.subjectId, grade);
  if (plan.planId === null) return { plan: null, lessons: [], progress: null };
  const today = schoolDate(ctx.now());
  const lessons = journalLessons(ctx, input.groupId, input.subjectId, year, grade);
  const { offers, progress } = offerTopics(plan.topics, lessons, today);
  const text = new Map(plan.topics.map((t) => [t.id, t.topic]));
  return {
    plan,
    lessons: lessons.map((l, i) => {
      const o = offers[i]!;
      return { date: l.date, slot: l.slot, lessonId: l.lessonId, planTopicId: o.topicId, topic: o.topicId === null ? null : (text.get(o.topicId) ?? null), accepted: o.accepted };
    }),
    progress: { today, ...progress },
  };
}
