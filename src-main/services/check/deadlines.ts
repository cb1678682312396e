// The re-check of remarks: a remark's rule is re-run over its check's period for its journal
// and the finding's key looked up. Gone → fixed (fixed_by 'recheck', for the deputy to verify);
// still there after the deadline (or a manual remark not fixed by then) → overdue.
// remarks.recheck does it now for one check; applyDeadlines does it for every remark whose
// deadline has passed and that was not re-checked since, called by the hosts' timer.
import type { Finding, RuleId } from '../../../src-shared/check/rules';
import { schoolDate } from '../../../src-shared/dates';
import { requireActor, type Ctx, type Services } from '../context';
import { mutate, type Recorder } from '../mutate';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { runRules } from './engine';
import { exportConfigured, withDiary, type Diary } from './run';
import { assertYearOpen, checkRow, parseScope, type RemarkRow } from './store';

export interface RecheckCounts {
  fixed: number;
  overdue: number;
  unchanged: number;
}

type Verdict = 'fixed' | 'overdue' | 'unchanged';

/** What the rule says of one remark now: its key found, gone, or unknown (R18 not compared). */
type Presence = 'present' | 'gone' | 'unknown';

function verdict(r: RemarkRow, presence: Presence, today: string): Verdict {
  const active = r.state === 'open' || r.state === 'acknowledged' || r.state === 'overdue';
  if (!active) return 'unchanged'; // fixed already: the deputy verifies or reopens it
  if (presence === 'gone') return 'fixed';
  const late = r.deadline < today && r.state !== 'overdue';
  // A manual remark has no rule to re-run: past its deadline unfixed, it is overdue.
  if (late && (presence === 'present' || r.rule === null)) return 'overdue';
  return 'unchanged';
}

/** Above this many journals in one check, one run over the check's scope beats a run per journal. */
const JOURNAL_RUNS_MAX = 4;

/**
 * The finding keys the rules report now, per check, for these remarks' rules. A run narrowed to
 * one journal still loads the period's calendar, terms and audit: hundreds of them (a school's
 * issued check) cost far more than one run of the needed rules over the whole check, so a check
 * whose remarks touch more than a few journals is re-run once. Keys are the same either way.
 */
function currentKeys(ctx: Ctx, remarks: RemarkRow[], today: string): Map<number, Set<string>> {
  const settings = loadSettings(ctx).check;
  const byCheck = new Map<number, RemarkRow[]>();
  for (const r of remarks) if (r.rule !== null && r.rule !== 'R18') byCheck.set(r.check_id, [...(byCheck.get(r.check_id) ?? []), r]);
  const out = new Map<number, Set<string>>();
  for (const [checkId, rs] of byCheck) {
    const c = checkRow(ctx, checkId);
    const base = { from: c.date_from, to: c.date_to, scope: parseScope(c.scope), today, settings };
    const journals = new Map<string, { groupId: number; subjectId: number; rules: Set<RuleId> }>();
    let wide = false;
    for (const r of rs) {
      if (r.group_id === null || r.subject_id === null) wide = true;
      else {
        const k = `${r.group_id}|${r.subject_id}`;
        const j = journals.get(k) ?? { groupId: r.group_id, subjectId: r.subject_id, rules: new Set<RuleId>() };
        j.rules.add(r.rule!);
        journals.set(k, j);
      }
    }
    const keys = new Set<string>();
    // R7 counts marks by their lessons' dates: the marks a teacher gives to fix "too few marks"
    // fall after the period, so its re-run counts up to today (the norm prorated to today too).
    const runOf = (rules: RuleId[], journal?: { groupId: number; subjectId: number }) => {
      const rest = rules.filter((r) => r !== 'R7');
      const found: Finding[] = [];
      if (rest.length) found.push(...runRules(ctx, { ...base, ...(journal ? { journal } : {}), rules: rest }));
      if (rest.length < rules.length)
        found.push(...runRules(ctx, { ...base, to: base.to < today ? today : base.to, ...(journal ? { journal } : {}), rules: ['R7'] }));
      return found;
    };
    if (wide || journals.size > JOURNAL_RUNS_MAX) {
      const rules = [...new Set(rs.map((r) => r.rule!))];
      for (const f of runOf(rules)) keys.add(f.key);
    } else
      for (const j of journals.values()) for (const f of runOf([...j.rules], { groupId: j.groupId, subjectId: j.subjectId })) keys.add(f.key);
    out.set(checkId, keys);
  }
  return out;
}

/**
 * Re-runs the rules of these remarks (read inside the caller's transaction) and applies the
 * verdicts, one audit record per changed remark. R18 keys come from the diary of each check,
 * compared before the transaction began; a check without one leaves R18 remarks unknown.
 */
function applyRecheck(ctx: Ctx, rec: Recorder, remarks: RemarkRow[], diaries: Map<number, Diary>): RecheckCounts {
  const today = schoolDate(ctx.now());
  const at = ctx.now().toISOString();
  const keys = currentKeys(ctx, remarks, today);
  const found = (r: RemarkRow): Presence => {
    if (r.rule === null || r.finding_key === null) return 'unknown';
    if (r.rule === 'R18') {
      const d = diaries.get(r.check_id);
      if (!d || d.note !== null) return 'unknown';
      return d.findings.some((f) => f.key === r.finding_key) ? 'present' : 'gone';
    }
    return keys.get(r.check_id)?.has(r.finding_key) ? 'present' : 'gone';
  };
  const counts: RecheckCounts = { fixed: 0, overdue: 0, unchanged: 0 };
  const toFixed = prep(ctx.sqlite, "UPDATE remark SET state = 'fixed', fixed_by = 'recheck', state_at = ?, rechecked_at = ?, version = version + 1 WHERE id = ?");
  const toOverdue = prep(ctx.sqlite, "UPDATE remark SET state = 'overdue', state_at = ?, rechecked_at = ?, version = version + 1 WHERE id = ?");
  const touched = prep(ctx.sqlite, 'UPDATE remark SET rechecked_at = ? WHERE id = ?');
  for (const r of remarks) {
    const v = verdict(r, found(r), today);
    counts[v]++;
    if (v === 'unchanged') {
      touched.run(at, r.id);
      continue;
    }
    (v === 'fixed' ? toFixed : toOverdue).run(at, at, r.id);
    rec.audit({
      action: 'remark.recheck',
      entity: 'remark',
      entityId: r.id,
      before: { state: r.state, fixedBy: r.fixed_by },
      after: v === 'fixed' ? { state: 'fixed', fixedBy: 'recheck' } : { state: 'overdue' },
      reason: v === 'fixed' ? 'повторная проверка: нарушение больше не найдено' : `повторная проверка: срок ${r.deadline} прошёл, нарушение осталось`,
    });
  }
  return counts;
}

/** Diaries of the checks that have R18 remarks among these, when the export can compare. */
function withDiaries<T>(ctx: Ctx, remarks: RemarkRow[], then: (d: Map<number, Diary>) => T): T | Promise<T> {
  const ids = [...new Set(remarks.filter((r) => r.rule === 'R18').map((r) => r.check_id))];
  if (ids.length === 0 || !exportConfigured(ctx)) return then(new Map());
  return (async () => {
    const out = new Map<number, Diary>();
    for (const id of ids) {
      const c = checkRow(ctx, id);
      out.set(id, await withDiary(ctx, { from: c.date_from, to: c.date_to, scope: parseScope(c.scope) }, (d) => d));
    }
    return then(out);
  })();
}

const UNVERIFIED = "r.state IN ('open', 'acknowledged', 'fixed', 'overdue')";

export function recheckNow(ctx: Ctx, input: { checkId: number }): RecheckCounts | Promise<RecheckCounts> {
  requireActor(ctx);
  const c = checkRow(ctx, input.checkId);
  assertYearOpen(ctx, c.year_id);
  const select = () => prep(ctx.sqlite, `SELECT r.* FROM remark r WHERE r.check_id = ? AND ${UNVERIFIED} ORDER BY r.id`).all(c.id) as RemarkRow[];
  return withDiaries(ctx, select(), (diaries) =>
    mutate(ctx, (rec) => {
      // The remarks again, inside the transaction: a teacher may have acted while the portal answered.
      assertYearOpen(ctx, checkRow(ctx, c.id).year_id);
      const counts = applyRecheck(ctx, rec, select(), diaries);
      rec.audit({ action: 'check.recheck', entity: 'journal_check', entityId: c.id, after: counts });
      return counts;
    }),
  );
}

/** Open or acknowledged remarks of open years whose deadline has passed and that were not re-checked after it. */
function dueRemarks(s: Pick<Ctx, 'sqlite'>, today: string): RemarkRow[] {
  const rows = prep(
    s.sqlite,
    `SELECT r.* FROM remark r JOIN journal_check c ON c.id = r.check_id JOIN school_year y ON y.id = c.year_id
      WHERE y.status = 'open' AND r.state IN ('open', 'acknowledged') AND r.deadline < ? ORDER BY r.id`,
  ).all(today) as RemarkRow[];
  // rechecked_at is an instant; the deadline a school date: compare in the school's time zone.
  return rows.filter((r) => r.rechecked_at === null || schoolDate(new Date(r.rechecked_at)) <= r.deadline);
}

/** The deadline run: every due remark re-checked once; nothing written when none is due. */
export async function applyDeadlines(s: Services): Promise<RecheckCounts> {
  const ctx: Ctx = { ...s, actor: null };
  const today = schoolDate(ctx.now());
  const due = dueRemarks(ctx, today);
  if (due.length === 0) return { fixed: 0, overdue: 0, unchanged: 0 };
  return withDiaries(ctx, due, (diaries) =>
    mutate(ctx, (rec) => {
      const now = dueRemarks(ctx, schoolDate(ctx.now()));
      const counts = applyRecheck(ctx, rec, now, diaries);
      rec.audit({ action: 'remark.deadlines', entity: 'remark', after: { ...counts, remarkIds: now.map((r) => r.id) } });
      return counts;
    }),
  );
}

/**
 * The hosts' timer: once at start (after `firstMs`), then every `everyMs`; runs never overlap
 * (a slow portal). Returns the stop function the host calls before the database closes.
 */
export function startDeadlineTimer(s: Services, opts: { firstMs?: number; everyMs?: number; log?: (m: string, e: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    applyDeadlines(s)
      .catch((e: unknown) => (opts.log ?? console.error)('remark deadlines failed', e))
      .finally(() => (running = false));
  };
  const first = setTimeout(tick, opts.firstMs ?? 0);
  const every = setInterval(tick, opts.everyMs ?? 10 * 60_000);
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
