// The error envelope of the RPC contract (DESIGN.md §8).
import { z } from 'zod';

export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'session_locked',
  'rate_limited',
  /** The user stopped a long operation; nothing of it was kept. */
  'cancelled',
  /** School network client (DESIGN.md §10): the school host cannot be reached; nothing was done. */
  'unavailable',
  /** The host was unreachable and the edit waits in this PC's outbox (error.queued names it). */
  'queued',
  /** This app's version and the host's differ: one of them must be updated. */
  'version_mismatch',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
  /** conflict on a versioned edit: the current value (with its version) the edit was refused against. */
  current?: unknown;
  /** queued: the outbox entry's idempotency key. */
  queued?: { key: string };
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

/** Thrown by handlers and the router; turned into an error envelope, never a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    /** conflict: the current value the edit was refused against. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toBody(): RpcErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
    };
  }
}
