// Versions of cells, lessons and term marks (school network, DESIGN.md §10): an edit names the
// version it was made on; a stale one is refused with `conflict` and the current value, so two
// people never silently overwrite each other. Without a version the edit overwrites (old callers).
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { prep } from '../sql';

/**
 * Inside the cell's write transaction: bumps its version (the row is created at 1) and returns
 * the new one. One statement on the mark-save path; an emptied cell keeps its row, so a later
 * edit made on the emptied state is not taken for a stale one.
 */
export function bumpCellVersion(ctx: Ctx, lessonId: number, pupilId: number): number {
  return (
    prep(
      ctx.sqlite,
      `INSERT INTO cell_version (lesson_id, pupil_id, version) VALUES (?, ?, 1)
         ON CONFLICT (lesson_id, pupil_id) DO UPDATE SET version = version + 1 RETURNING version`,
    ).get(lessonId, pupilId) as { version: number }
  ).version;
}

/**
 * The next version of a term mark. Its row is deleted when the mark is removed, so the version
 * cannot live only there: it counts the mark's audit records (one per change), which only grow.
 * A mark removed and set again therefore never repeats a version someone still holds.
 */
export function nextTermMarkVersion(ctx: Ctx, key: string): number {
  const r = prep(ctx.sqlite, "SELECT COUNT(*) AS n FROM audit_event WHERE entity = 'term_mark' AND entity_id = ?").get(key) as {
    n: number;
  };
  return r.n + 1;
}

/** «Фамилия И. О.» of whoever wrote the entity's last audit record (null: nobody or the system). */
export function lastEditor(ctx: Ctx, entity: string, entityId: string | number): string | null {
  const p = prep(
    ctx.sqlite,
    `SELECT p.surname, p.name, p.patronymic FROM audit_event a JOIN staff_user u ON u.id = a.actor_id JOIN person p ON p.id = u.person_id
       WHERE a.seq = (SELECT MAX(seq) FROM audit_event WHERE entity = ? AND entity_id = ?)`,
  ).get(entity, String(entityId)) as { surname: string; name: string; patronymic: string | null } | undefined;
  return p ? shortName(p) : null;
}

const WHAT = {
  cell: ['Эту отметку', 'её'],
  lesson: ['Этот урок', 'его'],
  termMark: ['Эту итоговую отметку', 'её'],
} as const;

/** The refusal of a stale edit: who changed it meanwhile, and the current value to choose from. */
export function staleEdit(what: keyof typeof WHAT, who: string | null, current: unknown): AppError {
  const [subject, it] = WHAT[what];
  const by = who ? `уже изменил(а) ${who}` : 'уже изменили';
  return new AppError(
    'conflict',
    `${subject} ${by}, пока вы ${it} редактировали: сравните значения и выберите, какое оставить`,
    undefined,
    current,
  );
}
