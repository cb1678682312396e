// The report kinds main can build: kind → builder. A new report adds its request schema to
// ReportRequest (src-shared/reports/requests.ts) and one line here; reports.build and
// reports.file then serve it on the screen, as PDF and as XLSX with no other change. The mapped
// type makes a kind without a builder (or a builder without a kind) a compile error.
import type { Report } from '../../../src-shared/reports/model';
import type { ReportKind, ReportRequest } from '../../../src-shared/reports/requests';
import type { Actor, Ctx } from '../context';
import { buildAttendance } from './attendance';
import { buildCard } from './card';
import { buildResults } from './results';
import { buildTeacher } from './teacher';

/**
 * Builds one report from ONE synchronous pass of SQL (no await: the data cannot change half-way).
 * It checks the caller's scope FIRST, before any lookup that could reveal whether an id exists:
 * forbidden (saying what is allowed), then not_found for unknown ids, validation for bad periods.
 * Seal the result with sealReport (./hash) so every page carries the data's sha256.
 */
export type ReportBuilder<R extends ReportRequest> = (ctx: Ctx, actor: Actor, request: R) => Report;

type Builders = { [K in ReportKind]: ReportBuilder<Extract<ReportRequest, { kind: K }>> };

export const BUILDERS: Builders = {
  card: buildCard,
  results: buildResults,
  attendance: buildAttendance,
  teacher: buildTeacher,
};

export function buildReport(ctx: Ctx, actor: Actor, request: ReportRequest): Report {
  const build = BUILDERS[request.kind] as ReportBuilder<ReportRequest>;
  return build(ctx, actor, request);
}
