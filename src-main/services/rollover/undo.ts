// Undoing a rollover: the backup taken just before it is restored (backup/restore.ts), as long
// as nothing was entered in the journals since — a restore would silently drop such entries.
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { restoreBackup } from '../backup/restore';
import { prep } from '../sql';

interface RolloverRow {
  id: number;
  from_label: string;
  to_label: string;
  to_status: string;
  applied_at: string;
  backup_file: string;
  audit_seq: number;
}

/** Audit actions that make a rollover final: a journal entry, a term closed, a debt's outcome. */
const FINAL = "(action LIKE 'journal.%' OR action LIKE 'terms.%' OR action = 'rollover.debt_outcome')";

function entriesSince(ctx: Ctx, seq: number): number {
  return prep(ctx.sqlite, `SELECT COUNT(*) FROM audit_event WHERE seq > ? AND ${FINAL}`).pluck().get(seq) as number;
}

function latest(ctx: Ctx): RolloverRow | undefined {
  return prep(
    ctx.sqlite,
    `SELECT r.id, f.label AS from_label, t.label AS to_label, t.status AS to_status, r.applied_at, r.backup_file, r.audit_seq
       FROM rollover r JOIN school_year f ON f.id = r.from_year_id JOIN school_year t ON t.id = r.to_year_id
      ORDER BY r.id DESC LIMIT 1`,
  ).get() as RolloverRow | undefined;
}

export function lastRollover(ctx: Ctx) {
  const r = latest(ctx);
  if (!r) return null;
  return {
    id: r.id,
    fromYear: r.from_label,
    toYear: r.to_label,
    appliedAt: r.applied_at,
    backupFile: r.backup_file,
    undoable: r.to_status === 'open' && entriesSince(ctx, r.audit_seq) === 0,
  };
}

export function undoRollover(ctx: Ctx, dir: string, migrationsFolder: string, rolloverId: number): { restoredFrom: string } {
  const r = latest(ctx);
  if (!r || r.id !== rolloverId) throw new AppError('not_found', 'Отменить можно только последний перевод учебного года');
  if (r.to_status !== 'open') throw new AppError('conflict', `Год ${r.to_label} уже закрыт: перевод отменить нельзя`);
  const n = entriesSince(ctx, r.audit_seq);
  if (n > 0)
    throw new AppError(
      'conflict',
      `Перевод отменить нельзя: после него уже сделано записей в журналах — ${n}. Исправления вносите в новом учебном году.`,
    );
  // Synchronous from the check to the restore: no entry can slip in between.
  return { restoredFrom: restoreBackup(ctx, dir, migrationsFolder, r.backup_file).restoredFrom };
}
