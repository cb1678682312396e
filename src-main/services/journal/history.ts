// Cell, lesson and term-mark history, read from the audit log: who changed what, when, old → new.
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import { requireActor, type Ctx } from '../context';
import { journalAccess, termsFor } from './access';
import { lessonById } from './lessons';
import { prep } from '../sql';

export function history(ctx: Ctx, input: { lessonId: number; pupilId?: number | undefined }) {
  const actor = requireActor(ctx);
  const lesson = lessonById(ctx, input.lessonId);
  if (!lesson) throw new AppError('not_found', 'Урок не найден');
  if (!journalAccess(ctx, actor, lesson.group_id, lesson.subject_id, lesson.date, lesson.date))
    throw new AppError('forbidden', 'Этот журнал вам недоступен');
  return input.pupilId === undefined
    ? auditTrail(ctx, 'lesson', String(lesson.id))
    : auditTrail(ctx, 'cell', `${lesson.id}:${input.pupilId}`);
}

/** A pupil's term or year mark: confirmed, overridden (after.override) or removed (after null). */
export function termMarkHistory(ctx: Ctx, input: { groupId: number; subjectId: number; termId: number; pupilId: number }) {
  const actor = requireActor(ctx);
  const term = termsFor(ctx, input.groupId).find((t) => t.id === input.termId);
  if (!term) throw new AppError('not_found', 'Нет такого учебного периода для этого класса');
  if (!journalAccess(ctx, actor, input.groupId, input.subjectId, term.starts_on, term.ends_on))
    throw new AppError('forbidden', 'Этот журнал вам недоступен');
  // The entity id setTermMark writes (edit.ts).
  return auditTrail(ctx, 'term_mark', `${input.pupilId}:${input.groupId}:${input.subjectId}:${input.termId}`);
}

/** The one place history is read: an entity's audit records, newest first. */
function auditTrail(ctx: Ctx, entity: string, id: string) {
  const rows = prep(
    ctx.sqlite,
    `SELECT a.seq, a.at, a.action, a.before, a.after, a.reason, p.surname, p.name, p.patronymic
       FROM audit_event a LEFT JOIN staff_user u ON u.id = a.actor_id LEFT JOIN person p ON p.id = u.person_id
       WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.seq DESC LIMIT 200`,
  ).all(entity, id) as {
    seq: number;
    at: string;
    action: string;
    before: string | null;
    after: string | null;
    reason: string | null;
    surname: string | null;
    name: string | null;
    patronymic: string | null;
  }[];
  return {
    entries: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.surname ? shortName({ surname: r.surname, name: r.name ?? '', patronymic: r.patronymic }) : null,
      action: r.action,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      reason: r.reason,
    })),
  };
}
