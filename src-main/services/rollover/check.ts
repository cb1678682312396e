// The rollover's preconditions (issue 11): every study period closed for every class, the year
// marks set (or «н/а»), the export queue delivered, a backup newer than the last change.
// Each reports how many things are missing and a few of them, so the deputy knows where to go.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Precondition } from '../../../src-shared/rpc/rollover';
import { shortName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { prep } from '../sql';
import { yearMarks, type YearRow } from './source';

type Check = z.infer<typeof Precondition>;
const EXAMPLES = 5;

const PERIOD_NAME: Record<string, string> = { quarter: 'четверть', half: 'полугодие', trimester: 'триместр' };

function result(key: Check['key'], missing: string[], count = missing.length): Check {
  return { key, ok: count === 0, count, examples: missing.slice(0, EXAMPLES) };
}

/** Study periods (not the year, exam and final rows) not closed for a class they cover. */
export function openPeriods(ctx: Ctx, year: YearRow): Check {
  const rows = prep(
    ctx.sqlite,
    `SELECT c.grade, c.letter, t.kind, t.number FROM class_unit c
       JOIN term t ON t.year_id = c.year_id AND c.grade BETWEEN t.grade_from AND t.grade_to
      WHERE c.year_id = ? AND t.kind IN ('quarter', 'half', 'trimester') AND t.closed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM term_closure x WHERE x.term_id = t.id AND x.class_id = c.id)
      ORDER BY c.grade, c.letter, t.starts_on`,
  ).all(year.id) as { grade: number; letter: string; kind: string; number: number }[];
  return result(
    'termsClosed',
    rows.map((r) => `${r.grade}${r.letter}: ${r.number} ${PERIOD_NAME[r.kind] ?? r.kind}`),
  );
}

export function missingYearMarks(ctx: Ctx, year: YearRow): Check {
  const missing = yearMarks(ctx.sqlite, year).filter((m) => m.value === null);
  return result(
    'yearMarks',
    missing.map((m) => `${m.group_name}, ${m.subject_name}: ${shortName(m)}`),
  );
}

export function undelivered(ctx: Ctx): Check {
  const rows = prep(
    ctx.sqlite,
    "SELECT kind, created_at, state FROM export_package WHERE state IN ('queued', 'sending') ORDER BY rowid",
  ).all() as { kind: string; created_at: string; state: string }[];
  return result(
    'exportDelivered',
    rows.map((r) => `${r.kind === 'full' ? 'полная' : 'изменения'} от ${r.created_at.slice(0, 16).replace('T', ' ')} (${r.state === 'sending' ? 'отправляется' : 'в очереди'})`),
  );
}

/** Audit records that do not change school data: sign-ins, backups, exports, the network. */
const NOT_A_CHANGE = "action NOT LIKE 'auth.%' AND action NOT LIKE 'backup.%' AND action NOT LIKE 'export.%' AND action NOT LIKE 'network.%' AND action NOT LIKE 'audit.%'";

/** The seq of the last audit record that changed school data (0: none). */
export function lastChangeSeq(ctx: Ctx): number {
  return (prep(ctx.sqlite, `SELECT COALESCE(MAX(seq), 0) FROM audit_event WHERE ${NOT_A_CHANGE}`).pluck().get() as number) ?? 0;
}

/** The newest backup made after the last change (its file still in the folder), or why not. */
export function freshBackup(ctx: Ctx): Check & { name: string | null } {
  const lastChange = lastChangeSeq(ctx);
  const backups = prep(
    ctx.sqlite,
    "SELECT entity_id AS name, after FROM audit_event WHERE action = 'backup.create' AND seq > ? ORDER BY seq DESC LIMIT 5",
  ).all(lastChange) as { name: string; after: string | null }[];
  const found = backups.find((b) => {
    const head = b.after ? (JSON.parse(b.after) as { auditSeq?: number }).auditSeq : undefined;
    return typeof head === 'number' && head >= lastChange && !!ctx.backupDir && existsSync(join(ctx.backupDir, b.name));
  });
  if (found) return { ...result('freshBackup', []), name: found.name };
  return { ...result('freshBackup', ['нет резервной копии, сделанной после последнего изменения данных']), name: null };
}

export function checkAll(ctx: Ctx, year: YearRow): Check[] {
  const backup = freshBackup(ctx);
  return [openPeriods(ctx, year), missingYearMarks(ctx, year), undelivered(ctx), { key: backup.key, ok: backup.ok, count: backup.count, examples: backup.examples }];
}
