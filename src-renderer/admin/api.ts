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

/** A File as base64 (no data: prefix), for methods that carry file content in JSON. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('file read failed'));
    reader.readAsDataURL(file);
  });
}

export function base64ToBlob(data: string, mime: string): Blob {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Saves a blob under a file name (the browser's download, Electron's save dialog). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Opens a PDF in a new tab (the browser's viewer prints it). Electron denies new windows:
 * there, and wherever a popup is blocked, the file is saved instead.
 */
export function openBlob(blob: Blob, name: string): void {
  if (window.zhurnal) return downloadBlob(blob, name);
  const url = URL.createObjectURL(blob);
  const w = window.open(url, '_blank');
  if (!w) {
    URL.revokeObjectURL(url);
    return downloadBlob(blob, name);
  }
  w.opener = null;
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
}
