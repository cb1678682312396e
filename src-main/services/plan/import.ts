// plan.import: a plan from CSV or XLSX, previewed with per-row errors; applied (the whole list
// replaced, as plan.save) only when asked and no row has an error.
import type { PlanView } from '../../../src-shared/rpc/plan';
import { requireActor, type Ctx } from '../context';
import { FileProblem, readTable } from '../roster/plan';
import { prep } from '../sql';
import { readPlanRows, type ImportRow, type RowError } from './rows';
import { savePlan } from './save';
import { assertMayWrite, planYear, subjectName } from './store';

export function importPlan(
  ctx: Ctx,
  input: { subjectId: number; grade: number; fileName: string; data: string; apply: boolean },
): { applied: boolean; rows: ImportRow[]; errors: RowError[]; plan: PlanView | null } {
  const actor = requireActor(ctx);
  const year = planYear(ctx);
  subjectName(ctx, input.subjectId);
  // Refused before the file is read: a preview of someone else's plan is no use to anyone.
  assertMayWrite(ctx, actor, year.id, input.subjectId, input.grade);
  let read: { rows: ImportRow[]; errors: RowError[] };
  try {
    const table = readTable(Buffer.from(input.data, 'base64'), input.fileName);
    const workTypes = prep(ctx.sqlite, 'SELECT id, name FROM work_type ORDER BY id').all() as { id: number; name: string }[];
    read = readPlanRows(table, workTypes);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    read = { rows: [], errors: [{ line: e.line, message: e.message }] };
  }
  if (!input.apply || read.errors.length > 0) return { applied: false, ...read, plan: null };
  const plan = savePlan(ctx, {
    subjectId: input.subjectId,
    grade: input.grade,
    topics: read.rows.map((r) => ({ topic: r.topic, hours: r.hours ?? 1, workTypeId: r.workTypeId })),
  });
  return { applied: true, ...read, plan };
}
