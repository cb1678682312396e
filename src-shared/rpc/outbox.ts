// The school network client's outbox (DESIGN.md §10): edits made while the school host could
// not be reached wait on this PC and are sent in order when it is back. Client-local methods:
// answered by the client process from its own outbox file, never forwarded to the host; a
// standalone PC or the host has no outbox (an empty list).
import { z } from 'zod';
import { ErrorCode } from '../errors';
import { Id, SchoolDate } from '../domain';
import { method } from './define';

/** The methods whose calls wait in the outbox when the host is away. */
export const OUTBOX_METHODS = ['journal.setCell', 'journal.setCells', 'journal.setLesson', 'journal.setTermMark'] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];
export const isOutboxMethod = (m: string): m is OutboxMethod => (OUTBOX_METHODS as readonly string[]).includes(m);

/** What an entry changes, for the grid's «не сохранено на сервере» markers. */
export const OutboxTargets = z.strictObject({
  groupId: Id,
  subjectId: Id,
  cells: z.array(z.strictObject({ date: SchoolDate, slot: z.number().int(), pupilId: Id })),
  lessons: z.array(z.strictObject({ date: SchoolDate, slot: z.number().int() })),
  termMarks: z.array(z.strictObject({ termId: Id, pupilId: Id })),
});
export type OutboxTargets = z.infer<typeof OutboxTargets>;

export const OutboxEntry = z.strictObject({
  key: z.string(),
  method: z.string(),
  /** In Russian, for the teacher: what the edit was («23.11, 2-й урок, Андреев Пётр: 5»). */
  summary: z.string(),
  createdAt: z.string(),
  /** pending: waits to be sent; refused: the host answered with an error, kept for the teacher. */
  state: z.enum(['pending', 'refused']),
  /** refused: the host's answer; pending: why it still waits (null while the host is simply away). */
  error: z.strictObject({ code: ErrorCode, message: z.string() }).nullable(),
  targets: OutboxTargets,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const outboxMethods = {
  'outbox.list': method({
    summary: "The caller's edits waiting on this PC for the school host, and those it refused",
    permission: 'session',
    input: z.strictObject({}),
    output: z.strictObject({ entries: z.array(OutboxEntry) }),
  }),
  'outbox.dismiss': method({
    summary: 'Remove a refused edit from the list once the teacher has seen it (this PC only)',
    permission: 'session',
    input: z.strictObject({ key: z.string().min(1).max(64) }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
};
