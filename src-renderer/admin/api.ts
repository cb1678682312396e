// The administration section's calls, typed from the contract in src-shared/rpc/admin.ts.
// It goes through the one client (src-renderer/rpc/client.ts), so sessions and errors are
// handled exactly as for every other call.
import type { z } from 'zod';
import type { adminMethods } from '../../src-shared/rpc/admin';
import { invoke, RpcError } from '../rpc/client';

type AdminMethods = typeof adminMethods;
export type AdminMethod = keyof AdminMethods & string;
export type AdminInput<M extends AdminMethod> = z.input<AdminMethods[M]['input']>;
export type AdminOutput<M extends AdminMethod> = z.output<AdminMethods[M]['output']>;

const untyped = invoke as unknown as (method: string, input: unknown) => Promise<unknown>;

export function call<M extends AdminMethod>(method: M, input: AdminInput<M>): Promise<AdminOutput<M>> {
  return untyped(method, input) as Promise<AdminOutput<M>>;
}

export type Staff = AdminOutput<'staff.list'>['staff'][number];
export type Structure = AdminOutput<'school.structure'>;
export type SchoolClass = Structure['classes'][number];
export type Load = AdminOutput<'load.list'>['load'][number];
export type Matrix = AdminOutput<'access.matrix'>;
export type UidPerson = AdminOutput<'uid.people'>['people'][number];
export type Grant = AdminOutput<'uid.grants'>['grants'][number];
export type Application = AdminOutput<'applications.list'>['applications'][number];
export type PerClass = AdminOutput<'applications.list'>['perClass'][number];
export type Guardian = AdminOutput<'guardians.ofPupil'>['guardians'][number];
export type PupilHit = AdminOutput<'pupils.search'>['pupils'][number];
export type ImportResult = AdminOutput<'roster.import'>;
export type ImportKind = AdminInput<'roster.import'>['kind'];
export type ApplicationStatus = Application['status'];

/** Session problems are taken over by the shell; every other refusal is shown where it happened. */
export function isSessionError(e: unknown): boolean {
  return e instanceof RpcError && (e.code === 'session_locked' || e.code === 'unauthenticated');
}

/**
 * The server's message (Russian). A schema refusal says only "Неверные данные запроса":
 * the first field issue is added to it; the services' own refusals already name the problem.
 */
export function errorText(e: unknown): string {
  if (e instanceof RpcError) {
    const issue = e.issues[0];
    if (e.code === 'validation' && issue && e.message.startsWith('Неверные данные')) return `${e.message}: ${issue.message}`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** "2026-11-26" -> "26.11.2026" */
export const numericDate = (d: string) => d.split('-').reverse().join('.');

/** A subgroup's name without its class ("5А англ. 1 гр." -> "англ. 1 гр."), null for the whole class. */
export function subgroupLabel(groupName: string, className: string): string | null {
  if (groupName === className) return null;
  return groupName.startsWith(`${className} `) ? groupName.slice(className.length + 1) : groupName;
}

export { base64ToBlob, downloadBlob, fileToBase64, openBlob } from '../blobs';
