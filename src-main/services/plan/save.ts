// plan.save (and an applied plan.import): the caller's whole topic list replaced in one audited
// write, positions 1..n.
import { AppError } from '../../../src-shared/errors';
import type { PlanView } from '../../../src-shared/rpc/plan';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { matchTopics } from './match';
import { assertMayWrite, findPlan, planTopics, planView, planYear, subjectName } from './store';

type Topic = { topic: string; hours: number; workTypeId?: number | null | undefined };

export function savePlan(ctx: Ctx, input: { subjectId: number; grade: number; topics: Topic[] }): PlanView {
  const actor = requireActor(ctx);
  const year = planYear(ctx);
  subjectName(ctx, input.subjectId);
  assertMayWrite(ctx, actor, year.id, input.subjectId, input.grade);
  const exists = prep(ctx.sqlite, 'SELECT 1 FROM work_type WHERE id = ?');
  input.topics.forEach((t, i) => {
    if (t.workTypeId != null && !exists.get(t.workTypeId))
      throw new AppError('validation', `Тема ${i + 1}: нет такого вида контроля`, [{ path: ['topics', i, 'workTypeId'], message: 'нет такого вида контроля' }]);
  });
  const topics = input.topics.map((t) => ({ topic: t.topic.trim(), hours: t.hours, workTypeId: t.workTypeId ?? null }));
  return mutate(ctx, (rec) => {
    const at = ctx.now().toISOString();
    const s = ctx.sqlite;
    const had = findPlan(ctx, year.id, actor.staffId, input.subjectId, input.grade);
    const planId =
      had?.id ??
      Number(
        prep(s, 'INSERT INTO plan (year_id, teacher_id, subject_id, grade, updated_at) VALUES (?,?,?,?,?)').run(
          year.id,
          actor.staffId,
          input.subjectId,
          input.grade,
          at,
        ).lastInsertRowid,
      );
    if (had) prep(s, 'UPDATE plan SET updated_at = ? WHERE id = ?').run(at, planId);
    const before = had ? planTopics(ctx, planId) : [];
    const { ids, removed } = matchTopics(before, topics);
    // A removed topic's id may be handed out again to a new row: lessons must not keep it.
    const unlink = prep(s, 'UPDATE lesson SET plan_topic_id = NULL WHERE plan_topic_id = ?');
    let unlinked = 0;
    for (const id of removed) unlinked += unlink.run(id).changes;
    prep(s, 'DELETE FROM plan_topic WHERE plan_id = ?').run(planId);
    const ins = prep(s, 'INSERT INTO plan_topic (id, plan_id, position, topic, hours, work_type_id) VALUES (?,?,?,?,?,?)');
    topics.forEach((t, i) => ins.run(ids[i], planId, i + 1, t.topic, t.hours, t.workTypeId));
    const strip = (list: { topic: string; hours: number; workTypeId: number | null }[]) =>
      list.map((t) => ({ topic: t.topic, hours: t.hours, workTypeId: t.workTypeId }));
    rec.audit({
      action: had ? 'plan.save' : 'plan.create',
      entity: 'plan',
      entityId: planId,
      before: had ? { topics: strip(before) } : null,
      after: { yearId: year.id, teacherId: actor.staffId, subjectId: input.subjectId, grade: input.grade, topics: strip(topics), unlinkedLessons: unlinked },
    });
    return planView(ctx, actor, year.id, actor.staffId, input.subjectId, input.grade);
  });
}

