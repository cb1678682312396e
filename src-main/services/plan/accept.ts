// plan.acceptTopic: a lesson takes its topic from the plan (the plan's text or the teacher's
// edit of it) and remembers which plan topic it was, in one audited write. The rights and
// closed-term checks are journal.setLesson's own (journal/access.ts), not a copy of them.
import { AppError } from '../../../src-shared/errors';
import type { LessonSlot, LessonView } from '../../../src-shared/rpc/journal';
import { requireActor, type Ctx } from '../context';
import { canEditLesson, groupGrade } from '../journal/access';
import { assertWritable } from '../journal/writable';
import { lessonView, recordLesson } from '../journal/edit';
import { ensureLessonRow, resolveLesson } from '../journal/lessons';
import { lastEditor, staleEdit } from '../journal/versions';
import { mutate } from '../mutate';
import { prep } from '../sql';

const invalid = (message: string, field: string) => new AppError('validation', message, [{ path: [field], message }]);

export function acceptTopic(ctx: Ctx, input: { lesson: LessonSlot; planTopicId: number; topic?: string | undefined; version?: number | undefined }): LessonView {
  const actor = requireActor(ctx);
  // Checked inside the write transaction (the router runs a mutation in one), so nothing read
  // here can change before the write.
  const l = resolveLesson(ctx, input.lesson);
  if (!canEditLesson(ctx, actor, l)) throw new AppError('forbidden', 'Вы не ведёте этот урок: журнал доступен только для чтения');
  assertWritable(ctx, { groupId: l.groupId, subjectId: l.subjectId, date: l.date });
  if (l.row?.cancelled) throw invalid('Урок отменён: тему ему не ставят', 'lesson');
  // A control-work column (part 1, 2…) shares its lesson's topic; the plan walks lessons only.
  if (l.row && l.row.part !== 0) throw invalid('Тема по КТП ставится самому уроку, а не дополнительной колонке', 'lesson');
  const { grade, yearId } = groupGrade(ctx, l.groupId);
  const pt = prep(
    ctx.sqlite,
    'SELECT t.topic, p.subject_id, p.grade, p.year_id FROM plan_topic t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?',
  ).get(input.planTopicId) as { topic: string; subject_id: number; grade: number; year_id: number } | undefined;
  if (!pt || pt.subject_id !== l.subjectId || pt.grade !== grade || pt.year_id !== yearId)
    throw invalid('Этой темы нет в КТП этого предмета для этого класса: обновите журнал', 'planTopicId');
  const topic = (input.topic ?? pt.topic).trim();

  return mutate(ctx, (rec) => {
    const row = ensureLessonRow(ctx, rec, l);
    if (input.version !== undefined && row.version !== input.version)
      throw staleEdit('lesson', lastEditor(ctx, 'lesson', row.id), lessonView(ctx, row.id));
    prep(ctx.sqlite, 'UPDATE lesson SET topic = ?, plan_topic_id = ?, version = version + 1 WHERE id = ?').run(topic, input.planTopicId, row.id);
    // 'journal.lesson': the lesson's history shows it as the topic change it is.
    rec.audit({
      action: 'journal.lesson',
      entity: 'lesson',
      entityId: row.id,
      before: { topic: row.topic, planTopicId: row.plan_topic_id },
      after: { topic, planTopicId: input.planTopicId, edited: topic !== pt.topic },
      feed: 'upsert',
    });
    const saved = lessonView(ctx, row.id);
    recordLesson(ctx, l, saved);
    return saved;
  });
}
