// The findings list's logic: filters, grouping by rule or by teacher, counts by severity, the
// options the filters offer, which findings can still become remarks, and each finding's link
// into the journal (lesson → its column, pupil → their row).
import { RULE_IDS, RULES, type RuleId, type Severity } from '../../src-shared/check/rules';
import type { FindingView } from '../../src-shared/check/rules';
import { journalHref } from '../journal/route';

export interface FindingFilter {
  rule: RuleId | null;
  severity: Severity | null;
  teacherId: number | null;
  groupId: number | null;
  /** Show dismissed findings instead of the live ones. */
  dismissed: boolean;
}

export const NO_FILTER: FindingFilter = { rule: null, severity: null, teacherId: null, groupId: null, dismissed: false };

export type GroupBy = 'rule' | 'teacher';

export type SeverityCounts = Record<Severity, number>;

export interface FindingGroup {
  key: string;
  /** The rule's id (by rule) or the teacher's id, null for findings nobody answers for. */
  id: RuleId | number | null;
  title: string;
  findings: FindingView[];
  counts: SeverityCounts;
}

const isDismissed = (f: FindingView) => f.dismissedReason !== null;

export function filterFindings(list: readonly FindingView[], f: FindingFilter): FindingView[] {
  return list.filter(
    (x) =>
      isDismissed(x) === f.dismissed &&
      (f.rule === null || x.rule === f.rule) &&
      (f.severity === null || x.severity === f.severity) &&
      (f.teacherId === null || x.teacherId === f.teacherId) &&
      (f.groupId === null || x.groupId === f.groupId),
  );
}

export function countBySeverity(list: readonly FindingView[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of list) c[f.severity]++;
  return c;
}

const collator = new Intl.Collator('ru', { numeric: true });
const ruleIndex = (r: RuleId) => RULE_IDS.indexOf(r);

/** Findings in a stable order: date, then class, then the text. */
function byPlace(a: FindingView, b: FindingView): number {
  return (a.date ?? '').localeCompare(b.date ?? '') || collator.compare(a.groupName ?? '', b.groupName ?? '') || collator.compare(a.text, b.text);
}

/**
 * Groups in reading order: by rule in the rules' order (R1…R18); by teacher alphabetically,
 * the findings nobody answers for last, under `nobody`.
 */
export function groupFindings(list: readonly FindingView[], by: GroupBy, nobody: string): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of list) {
    const id = by === 'rule' ? f.rule : f.teacherId;
    const key = String(id);
    let g = groups.get(key);
    if (!g) {
      const title = by === 'rule' ? `${f.rule}. ${RULES[f.rule].ru}` : (f.teacherName ?? nobody);
      g = { key, id, title, findings: [], counts: { error: 0, warning: 0, info: 0 } };
      groups.set(key, g);
    }
    g.findings.push(f);
    g.counts[f.severity]++;
  }
  const out = [...groups.values()];
  for (const g of out) g.findings.sort(byPlace);
  if (by === 'rule') return out.sort((a, b) => ruleIndex(a.id as RuleId) - ruleIndex(b.id as RuleId));
  return out.sort((a, b) => (a.id === null ? 1 : 0) - (b.id === null ? 1 : 0) || collator.compare(a.title, b.title));
}

export interface Option<T> {
  id: T;
  name: string;
}

/** What the filters offer: the rules, teachers and classes that occur in the check. */
export function filterOptions(list: readonly FindingView[]): { rules: RuleId[]; teachers: Option<number>[]; groups: Option<number>[] } {
  const rules = new Set<RuleId>();
  const teachers = new Map<number, string>();
  const groups = new Map<number, string>();
  for (const f of list) {
    rules.add(f.rule);
    if (f.teacherId !== null) teachers.set(f.teacherId, f.teacherName ?? String(f.teacherId));
    if (f.groupId !== null) groups.set(f.groupId, f.groupName ?? String(f.groupId));
  }
  const sorted = (m: Map<number, string>) => [...m].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name));
  return { rules: RULE_IDS.filter((r) => rules.has(r)), teachers: sorted(teachers), groups: sorted(groups) };
}

/** A finding can become a remark when it is live, has no remark yet and someone answers for it. */
export const canRemark = (f: FindingView) => !isDismissed(f) && f.remarkId === null && f.teacherId !== null;

/** The lesson's slot, when the rule reported it in the detail. */
function slotOf(f: FindingView): number | null {
  const s = f.detail.slot;
  return typeof s === 'number' && Number.isInteger(s) && s > 0 ? s : null;
}

/** Where one click opens the journal: the lesson's column, the pupil's row; null without a journal. */
export function findingHref(f: FindingView): string | null {
  if (f.groupId === null || f.subjectId === null) return null;
  const place = { ...(f.date ? { date: f.date, slot: slotOf(f) } : {}), ...(f.pupilId ? { pupil: f.pupilId } : {}) };
  return journalHref({ groupId: f.groupId, subjectId: f.subjectId }, place);
}
