// Closing a term (one class, or the whole school), reopening it for one journal, one cell or one
// pupil's term mark with a written reason, and closing a reopening again. Each is one audited
// mutation; closing feeds the exporter (term marks carry whether their term is closed).
import { AppError } from '../../../src-shared/errors';
import { termClosedText, termName } from '../../../src-shared/closing/terms';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { assertYearOpen, classLabel, closedFor, loadTerm, termClasses } from './terms';

const invalid = (message: string, field: string) => new AppError('validation', message, [{ path: [field], message }]);

export function closeTerm(ctx: Ctx, input: { termId: number; classId?: number | undefined }) {
  const actor = requireActor(ctx);
  return mutate(ctx, (rec) => {
    // Read inside the transaction: a second deputy closing at the same time sees this one's rows.
    const t = loadTerm(ctx, input.termId);
    assertYearOpen(t);
    const classes = termClasses(ctx, t, input.classId);
    const open = classes.filter((c) => closedFor(ctx, t, c.id) === null);
    if (input.classId !== undefined && !open.length) throw invalid(`${termClosedText(t)} для ${classLabel(classes[0]!)} уже`, 'classId');
    if (input.classId === undefined && t.closed_at) throw invalid(`${termClosedText(t)} для всей школы уже`, 'termId');
    const at = ctx.now().toISOString();
    const ins = prep(ctx.sqlite, 'INSERT INTO term_closure (term_id, class_id, closed_at, closed_by) VALUES (?,?,?,?)');
    // One audit record per class: its feed mark makes the exporter send the class's term marks
    // of this term again, now closed.
    for (const c of open) {
      ins.run(t.id, c.id, at, actor.staffId);
      rec.audit({
        action: 'terms.close',
        entity: 'term_closure',
        entityId: `${t.id}:${c.id}`,
        after: { term: termName(t), class: classLabel(c), closedAt: at },
        feed: 'upsert',
      });
    }
    if (input.classId === undefined) {
      prep(ctx.sqlite, 'UPDATE term SET closed_at = ?, closed_by = ? WHERE id = ?').run(at, actor.staffId, t.id);
      rec.audit({ action: 'terms.close', entity: 'term', entityId: t.id, after: { term: termName(t), wholeSchool: true, closedAt: at } });
    }
    return { closedAt: at, classes: open.length };
  });
}

export function reopenTerm(
  ctx: Ctx,
  input: {
    termId: number;
    groupId: number;
    subjectId: number;
    lessonId?: number | undefined;
    pupilId?: number | undefined;
    reason: string;
  },
) {
  const actor = requireActor(ctx);
  return mutate(ctx, (rec) => {
    const t = loadTerm(ctx, input.termId);
    assertYearOpen(t);
    const g = prep(
      ctx.sqlite,
      'SELECT c.id, c.grade, c.letter, c.year_id FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ?',
    ).get(input.groupId) as { id: number; grade: number; letter: string; year_id: number } | undefined;
    if (!g) throw new AppError('not_found', 'Нет такой группы', [{ path: ['groupId'], message: 'нет такой группы' }]);
    if (g.year_id !== t.year_id || g.grade < t.grade_from || g.grade > t.grade_to)
      throw invalid('Эта группа не учится в этом периоде', 'groupId');
    if (
      !prep(ctx.sqlite, 'SELECT 1 FROM teaching_load WHERE group_id = ? AND subject_id = ? AND draft = 0 LIMIT 1').get(
        input.groupId,
        input.subjectId,
      )
    )
      throw invalid('В этой группе нет такого предмета', 'subjectId');
    if (closedFor(ctx, t, g.id) === null)
      throw invalid(`Период «${termName(t)}» не закрыт для ${classLabel(g)}: журнал и так открыт`, 'termId');
    const lessonId = input.lessonId ?? null;
    const pupilId = input.pupilId ?? null;
    let lessonDate: string | null = null;
    if (lessonId !== null) {
      if (pupilId === null) throw invalid('Клетка — это урок и ученик: выберите ученика', 'pupilId');
      const l = prep(ctx.sqlite, 'SELECT group_id, subject_id, date FROM lesson WHERE id = ?').get(lessonId) as
        { group_id: number; subject_id: number; date: string } | undefined;
      if (!l || l.group_id !== input.groupId || l.subject_id !== input.subjectId || l.date < t.starts_on || l.date > t.ends_on)
        throw invalid('Этот урок не из этого журнала и периода', 'lessonId');
      lessonDate = l.date;
    }
    if (pupilId !== null) {
      const from = lessonDate ?? t.ends_on;
      const to = lessonDate ?? t.starts_on;
      const member = prep(
        ctx.sqlite,
        'SELECT 1 FROM group_member WHERE pupil_id = ? AND group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) LIMIT 1',
      ).get(pupilId, input.groupId, from, to);
      if (!member) throw invalid('Ученик не числится в группе в это время', 'pupilId');
    }
    const same = prep(
      ctx.sqlite,
      `SELECT id FROM term_reopen WHERE term_id = ? AND group_id = ? AND subject_id = ? AND closed_at IS NULL
         AND lesson_id IS ? AND pupil_id IS ?`,
    ).get(t.id, input.groupId, input.subjectId, lessonId, pupilId) as { id: number } | undefined;
    if (same) throw invalid('Это уже открыто для исправления', 'termId');
    const reason = input.reason.trim();
    const at = ctx.now().toISOString();
    const id = Number(
      prep(
        ctx.sqlite,
        `INSERT INTO term_reopen (term_id, group_id, subject_id, lesson_id, pupil_id, reason, opened_by, opened_at)
           VALUES (?,?,?,?,?,?,?,?)`,
      ).run(t.id, input.groupId, input.subjectId, lessonId, pupilId, reason, actor.staffId, at).lastInsertRowid,
    );
    rec.audit({
      action: 'terms.reopen',
      entity: 'term_reopen',
      entityId: id,
      after: { term: termName(t), groupId: input.groupId, subjectId: input.subjectId, lessonId, pupilId },
      reason,
    });
    return { id };
  });
}

export function recloseTerm(ctx: Ctx, input: { reopenId: number }) {
  const actor = requireActor(ctx);
  return mutate(ctx, (rec) => {
    const r = prep(ctx.sqlite, 'SELECT id, term_id, reason, closed_at FROM term_reopen WHERE id = ?').get(input.reopenId) as
      { id: number; term_id: number; reason: string; closed_at: string | null } | undefined;
    if (!r) throw new AppError('not_found', 'Нет такого открытия для исправления', [{ path: ['reopenId'], message: 'не найдено' }]);
    if (r.closed_at !== null) throw invalid('Это исправление уже закрыто', 'reopenId');
    assertYearOpen(loadTerm(ctx, r.term_id));
    const at = ctx.now().toISOString();
    prep(ctx.sqlite, 'UPDATE term_reopen SET closed_at = ?, closed_by = ? WHERE id = ?').run(at, actor.staffId, r.id);
    rec.audit({
      action: 'terms.reclose',
      entity: 'term_reopen',
      entityId: r.id,
      before: { open: true },
      after: { open: false, closedAt: at },
      reason: r.reason,
    });
    return { ok: true as const };
  });
}
