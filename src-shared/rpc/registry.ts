// The one registry of the RPC surface: method name -> input, output, permission.
// Main's router and the renderer's client both compile against it.
import type { z } from 'zod';
import { adminMethods } from './admin';
import { authMethods } from './auth';
import { backupMethods } from './backup';
import { deviceMethods } from './device';
import { exportMethods } from './export';
import { journalGridMethods, journalMethods } from './journal';
import { networkMethods } from './network';
import { outboxMethods } from './outbox';
import { schoolMethods } from './school';
import { calendarMethods } from './calendar';
import { timetableMethods } from './timetable';
import { closingMethods } from './closing';
import { columnsMethods } from './columns';
import { planMethods } from './plan';
import { rolloverMethods } from './rollover';
import { checkMethods } from './check';
import { checkReportMethods } from './check-report';
import { overviewMethods } from './overview';
import { printJournalMethods } from './print-journal';
import { printSheetMethods } from './print';
import { namesMethods } from './names';
import { archiveMethods } from './archive';
import { reportsMethods } from './reports';
import { reportTeacherMethods } from './reports-teachers';
import type { MethodSpec } from './define';

function merge<T extends Record<string, MethodSpec>[]>(...groups: T): UnionToIntersection<T[number]> {
  const all: Record<string, MethodSpec> = {};
  for (const g of groups)
    for (const [name, spec] of Object.entries(g)) {
      // Names are global: a second definition must not silently replace the first.
      if (name in all) throw new Error(`RPC method defined twice: ${name}`);
      all[name] = spec;
    }
  return all as UnionToIntersection<T[number]>;
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const methods = merge(
  authMethods,
  schoolMethods,
  journalMethods,
  journalGridMethods,
  adminMethods,
  exportMethods,
  backupMethods,
  networkMethods,
  deviceMethods,
  outboxMethods,
  calendarMethods,
  timetableMethods,
  closingMethods,
  columnsMethods,
  planMethods,
  rolloverMethods,
  checkMethods,
  checkReportMethods,
  overviewMethods,
  printJournalMethods,
  printSheetMethods,
  namesMethods,
  archiveMethods,
  reportsMethods,
  reportTeacherMethods,
);

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
