// Academic debts after a rollover: the list, and the outcome — the one write allowed into an
// archived year (audited with before and after).
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { DebtView } from '../../../src-shared/rpc/rollover';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';

interface DebtRow {
  id: number;
  label: string;
  surname: string;
  name: string;
  patronymic: string | null;
  grade: number | null;
  letter: string | null;
  subject: string;
  deadline: string;
  outcome: 'cleared' | 'not_cleared' | null;
  mark: string | null;
}

const SELECT = `SELECT d.id, y.label, p.surname, p.name, p.patronymic, c.grade, c.letter, s.name AS subject, d.deadline, d.outcome, d.mark
  FROM academic_debt d JOIN school_year y ON y.id = d.year_id JOIN person p ON p.id = d.pupil_id JOIN subject s ON s.id = d.subject_id
  LEFT JOIN pupil_decision pd ON pd.year_id = d.year_id AND pd.pupil_id = d.pupil_id LEFT JOIN class_unit c ON c.id = pd.from_class_id`;

function view(r: DebtRow): z.infer<typeof DebtView> {
  return {
    id: r.id,
    year: r.label,
    pupil: shortName(r),
    className: r.grade === null ? '' : `${r.grade}${r.letter}`,
    subject: r.subject,
    deadline: r.deadline,
    outcome: r.outcome,
    mark: r.mark,
  };
}

export function listDebts(ctx: Ctx): z.infer<typeof DebtView>[] {
  return (prep(ctx.sqlite, `${SELECT} ORDER BY d.deadline, c.grade, c.letter, p.surname, p.name, s.name`).all() as DebtRow[]).map(view);
}

export function debtView(ctx: Ctx, id: number): z.infer<typeof DebtView> {
  const r = prep(ctx.sqlite, `${SELECT} WHERE d.id = ?`).get(id) as DebtRow | undefined;
  if (!r) throw new AppError('not_found', 'Нет такой академической задолженности');
  return view(r);
}

export function setDebtOutcome(
  ctx: Ctx,
  input: { debtId: number; outcome: 'cleared' | 'not_cleared' | null; mark?: string | undefined },
): void {
  const actor = requireActor(ctx);
  mutate(ctx, (rec) => {
    const before = prep(ctx.sqlite, 'SELECT outcome, mark, year_id FROM academic_debt WHERE id = ?').get(input.debtId) as
      | { outcome: string | null; mark: string | null; year_id: number }
      | undefined;
    if (!before) throw new AppError('not_found', 'Нет такой академической задолженности');
    const mark = input.mark ?? null;
    prep(ctx.sqlite, 'UPDATE academic_debt SET outcome = ?, mark = ?, outcome_at = ?, outcome_by = ? WHERE id = ?').run(
      input.outcome,
      mark,
      input.outcome === null ? null : ctx.now().toISOString(),
      input.outcome === null ? null : actor.staffId,
      input.debtId,
    );
    rec.audit({
      action: 'rollover.debt_outcome',
      entity: 'academic_debt',
      entityId: input.debtId,
      before: { outcome: before.outcome, mark: before.mark },
      after: { outcome: input.outcome, mark },
    });
  });
}
