// Cell and lesson history, read from the audit log: who changed what, when, old → new.
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import { requireActor, type Ctx } from '../context';
import { journalAccess } from './access';
import { lessonById } from './lessons';
import { prep } from '../sql';

export function history(ctx: Ctx, input: { lessonId: number; pupilId?: number | undefined }) {
  const actor = requireActor(ctx);
  const lesson = lessonById(ctx, input.lessonId);
  if (!lesson) throw new AppError('not_found', 'Урок не найден');
  if (!journalAccess(ctx, actor, lesson.group_id, lesson.subject_id, lesson.date, lesson.date))
    throw new AppError('forbidden', 'Этот журнал вам недоступен');
  const [entity, id] = input.pupilId === undefined ? ['lesson', String(lesson.id)] : ['cell', `${lesson.id}:${input.pupilId}`];
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
