// Roster import: pupils, guardians or staff from CSV or XLSX. Every row is checked (also
// against the database) before anything is written; any error imports nothing. A person is
// matched by the source system's external id, so a re-import updates instead of duplicating.
// The real import is one audited transaction; a dry run reads the same way and writes nothing.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { hasPermission } from '../../../src-shared/permissions';
import { requireActor, type Actor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { mapHeader, type RosterKind } from './columns';
import { type Table, type TableRow } from './table';
import { Env, FileProblem, MAX_ROWS, Plan, PreviewRow, RosterImportInput, RosterImportOutput, readTable } from './plan';
import { planGuardians } from './guardians';
import { planPupils } from './pupils';
import { planStaff } from './staff';

// ---- the import ----

const PLANNERS: Record<RosterKind, (env: Env, rows: TableRow[]) => void> = {
  pupils: planPupils,
  guardians: planGuardians,
  staff: planStaff,
};

/** Reads the file and checks every row; returns what would be written as steps. */
function planImport(ctx: Ctx, actor: Actor, input: RosterImportInput): Plan {
  const plan: Plan = { errors: [], preview: [], steps: [], total: 0 };
  let table: Table;
  try {
    table = readTable(Buffer.from(input.data, 'base64'), input.fileName);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    plan.errors.push({ line: e.line, message: e.message });
    return plan;
  }
  const { header, problems, missingColumns } = mapHeader(input.kind, table);
  plan.errors.push(...problems);
  if (!header || missingColumns) return plan;

  const rows = table.rows.filter((r) => r.line > header.line);
  plan.total = rows.length;
  if (!rows.length) {
    plan.errors.push({ line: header.line, message: 'В файле нет строк с данными под заголовком' });
    return plan;
  }
  if (rows.length > MAX_ROWS) {
    plan.errors.push({ line: 0, message: `Слишком много строк (${rows.length}): за один раз можно загрузить до ${MAX_ROWS}` });
    return plan;
  }

  const env: Env = {
    ctx,
    actor,
    kind: input.kind,
    header,
    today: schoolDate(ctx.now()),
    settings: loadSettings(ctx),
    plan,
    uids: new Map(),
  };
  PLANNERS[input.kind](env, rows);
  plan.errors.sort((a, b) => a.line - b.line);
  plan.preview.sort((a, b) => a.line - b.line);
  return plan;
}

function output(plan: Plan, dryRun: boolean, imported: boolean): RosterImportOutput {
  const count = (a: PreviewRow['action']) => plan.preview.filter((p) => p.action === a).length;
  return {
    dryRun,
    imported,
    total: plan.total,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors: plan.errors,
    preview: plan.preview,
  };
}

/** Thrown inside the transaction to roll it back when a row fails: nothing is written. */
class Refused extends Error {
  constructor(readonly result: RosterImportOutput) {
    super('roster import refused');
  }
}

const KIND_PERMISSION = { pupils: 'staff.manage', staff: 'staff.manage', guardians: 'guardians.manage' } as const;

/**
 * Imports a roster file. A dry run checks everything (including the database) and writes
 * nothing; a real run writes all rows in one audited transaction, or nothing when any row fails.
 */
export function importRoster(ctx: Ctx, input: RosterImportInput): RosterImportOutput {
  const actor = requireActor(ctx);
  if (!hasPermission(actor.roles, 'staff.manage') || !hasPermission(actor.roles, KIND_PERMISSION[input.kind]))
    throw new AppError('forbidden', 'Загружать списки может только администратор');

  if (input.dryRun) return output(planImport(ctx, actor, input), true, false);
  try {
    return mutate(ctx, (rec) => {
      const plan = planImport(ctx, actor, input);
      if (plan.errors.length) throw new Refused(output(plan, false, false));
      for (const step of plan.steps) step(rec);
      const result = output(plan, false, true);
      rec.audit({
        action: 'roster.import',
        entity: 'roster',
        after: {
          kind: input.kind,
          fileName: input.fileName,
          total: result.total,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        },
      });
      return result;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    throw e;
  }
}

export { MAX_ROWS, readTable, type RosterImportInput, type RosterImportOutput } from './plan';
