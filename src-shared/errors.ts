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
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

/** Thrown by handlers and the router; turned into an error envelope, never a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
  toBody(): RpcErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
