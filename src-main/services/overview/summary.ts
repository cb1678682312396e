// overview.deputy and overview.director: this month's check and the remarks by state; marks
// by class, absences by reason and the export's state. Plain counts over the year's rows.
import { schoolDate } from '../../../src-shared/dates';
import { RemarkState } from '../../../src-shared/rpc/check';
import type { DeputyOverview, DirectorOverview } from '../../../src-shared/rpc/overview';
import type { Ctx } from '../context';
import { exportHandlers } from '../export/handlers';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';

interface CheckRow {
  id: number;
  date_from: string;
  date_to: string;
  status: 'draft' | 'issued';
  ran_at: string;
  issued_at: string | null;
}
interface CountByRow {
  k: string;
  n: number;
}

export function deputyOverview(ctx: Ctx): DeputyOverview {
  const today = schoolDate(ctx.now());
  const month = today.slice(0, 7);
  const year = currentYear(ctx, today);
  const remarks = Object.fromEntries(RemarkState.options.map((s) => [s, 0])) as DeputyOverview['remarks'];
  if (!year) return { month, check: null, remarks };
  // This month's check: the latest one whose period touches the month or that was run in it
  // (early in a month the deputy checks the month before).
  const check = prep(
    ctx.sqlite,
    `SELECT id, date_from, date_to, status, ran_at, issued_at FROM journal_check
      WHERE year_id = ? AND ((date_from <= ? AND date_to >= ?) OR substr(created_at, 1, 7) = ?) ORDER BY id DESC LIMIT 1`,
  ).get(year.id, `${month}-31`, `${month}-01`, month) as CheckRow | undefined;
  for (const r of prep(
    ctx.sqlite,
    'SELECT r.state AS k, COUNT(*) AS n FROM remark r JOIN journal_check c ON c.id = r.check_id WHERE c.year_id = ? GROUP BY r.state',
  ).all(year.id) as CountByRow[])
    if (r.k in remarks) remarks[r.k as keyof typeof remarks] = r.n;
  if (!check) return { month, check: null, remarks };
  const findings = { error: 0, warning: 0, info: 0 };
  for (const r of prep(
    ctx.sqlite,
    'SELECT severity AS k, COUNT(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_at IS NULL GROUP BY severity',
  ).all(check.id) as CountByRow[])
    if (r.k in findings) findings[r.k as keyof typeof findings] = r.n;
  const dismissed = prep(ctx.sqlite, 'SELECT COUNT(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_at IS NOT NULL').get(check.id) as {
    n: number;
  };
  return {
    month,
    check: {
      id: check.id,
      from: check.date_from,
      to: check.date_to,
      status: check.status,
      ranAt: check.ran_at,
      issuedAt: check.issued_at,
      findings,
      dismissed: dismissed.n,
    },
    remarks,
  };
}

interface ClassValueRow {
  class_id: number;
  class_name: string;
  value: string;
  n: number;
}

export async function directorOverview(ctx: Ctx): Promise<DirectorOverview> {
  const today = schoolDate(ctx.now());
  const year = currentYear(ctx, today);
  const from = year?.starts_on ?? null;
  const marksByClass: DirectorOverview['marksByClass'] = [];
  const absencesByReason: DirectorOverview['absencesByReason'] = [];
  if (year) {
    const rows = prep(
      ctx.sqlite,
      `SELECT g.class_id, c.grade || c.letter AS class_name, m.value, COUNT(*) AS n
         FROM lesson l JOIN mark m ON m.lesson_id = l.id JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
        WHERE c.year_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0
        GROUP BY g.class_id, m.value ORDER BY c.grade, c.letter`,
    ).all(year.id, year.starts_on, today) as ClassValueRow[];
    for (const r of rows) {
      let last = marksByClass.at(-1);
      if (last?.classId !== r.class_id) marksByClass.push((last = { classId: r.class_id, className: r.class_name, counts: {} }));
      last.counts[r.value] = r.n;
    }
    absencesByReason.push(
      ...(
        prep(
          ctx.sqlite,
          `SELECT a.reason AS k, COUNT(*) AS n FROM lesson l JOIN absence a ON a.lesson_id = l.id
             JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
            WHERE c.year_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 GROUP BY a.reason ORDER BY n DESC, a.reason`,
        ).all(year.id, year.starts_on, today) as CountByRow[]
      ).map((r) => ({ reason: r.k, count: r.n })),
    );
  }
  // The export's state as its own status service reports it (the same the export page shows).
  const status = await exportHandlers['export.status'](ctx, {});
  const states = new Map(
    (prep(ctx.sqlite, 'SELECT state AS k, COUNT(*) AS n FROM export_package GROUP BY state').all() as CountByRow[]).map((r) => [r.k, r.n]),
  );
  return {
    from,
    to: today,
    marksByClass,
    absencesByReason,
    export: {
      configured: status.settings.url !== '',
      lastDailyDone: status.lastDailyDone,
      lastFullDone: status.lastFullDone,
      dailyLate: status.dailyLate,
      queued: (states.get('queued') ?? 0) + (states.get('sending') ?? 0),
      refused: states.get('refused') ?? 0,
      problem: status.problem,
    },
  };
}
