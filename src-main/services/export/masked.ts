// How many texts the exporter masked (issue 9), for the export page. The count of each package
// travels in its export.queue audit record (after.masked), so no column or migration is needed
// and the figure is as tamper-evident as the rest of the log.
import type { Ctx } from '../context';
import { prep } from '../sql';

export interface MaskedCount {
  packageId: string;
  createdAt: string;
  texts: number;
}

/** The last full and the last daily package that were counted (older ones carry no count). */
export function lastMasked(ctx: Ctx): { full: MaskedCount | null; incremental: MaskedCount | null } {
  const last = (kind: 'full' | 'incremental') =>
    (prep(
      ctx.sqlite,
      `SELECT entity_id AS packageId, at AS createdAt, json_extract(after, '$.masked') AS texts FROM audit_event
       WHERE entity = 'export_package' AND action = 'export.queue' AND json_extract(after, '$.kind') = ?
         AND json_extract(after, '$.masked') IS NOT NULL
       ORDER BY seq DESC LIMIT 1`,
    ).get(kind) as MaskedCount | undefined) ?? null;
  return { full: last('full'), incremental: last('incremental') };
}
