// How an RPC method is described: a strict input schema, an output schema and the
// permission it needs. Method files per capability build on this; registry.ts merges them.
import type { z } from 'zod';
import type { Permission } from '../permissions';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** Changes data: runs in the audited mutation transaction. */
  mutation?: boolean;
  /**
   * Opens its own transactions and must not run inside the router's (a backup's VACUUM INTO,
   * a restore that replaces the database): SQLite refuses VACUUM within a transaction.
   */
  ownTransaction?: boolean;
  /** Still callable while the session is idle-locked (unlock, logout). */
  whileLocked?: boolean;
  /** Lists callable without an open session (login screen). Same as permission 'public'. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
