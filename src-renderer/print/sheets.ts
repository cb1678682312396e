// The sheets panel's choices as RPC calls: which class (or the whole school), which sheet,
// which format. Pure, so the rules («attendance is per class», «the whole school is for those
// who may print it») are unit-tested without a browser.
import type { MethodInput } from '../../src-shared/rpc/registry';

export type SheetKind = 'summary' | 'attendance';
export type SheetFormat = 'pdf' | 'xlsx';
/** A class id, or 'school' for every class of the year. */
export type SheetScope = number | 'school';

export type SheetCall =
  | { method: 'print.summarySheets'; input: MethodInput<'print.summarySheets'> }
  | { method: 'print.attendanceSheet'; input: MethodInput<'print.attendanceSheet'> };

/** The call for a choice, or null where the choice is not offered (attendance of the whole school). */
export function sheetCall(scope: SheetScope, kind: SheetKind, format: SheetFormat, yearId: number): SheetCall | null {
  if (kind === 'attendance') return scope === 'school' ? null : { method: 'print.attendanceSheet', input: { classId: scope, format } };
  return scope === 'school' ? { method: 'print.summarySheets', input: { yearId, format } } : { method: 'print.summarySheets', input: { classId: scope, format } };
}

/** The first choice offered: the whole school where allowed, else the first (own) class, else nothing. */
export function initialScope(list: { wholeSchool: boolean; classes: { id: number }[] }): SheetScope | null {
  if (list.wholeSchool) return 'school';
  return list.classes[0]?.id ?? null;
}
