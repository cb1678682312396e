// Live updates of an open journal (school network, DESIGN.md §10): what the host pushes, after
// the commit, to everyone who has that journal open. One event per changed cell, lesson or term
// mark, carrying the new value with its version and who made the change.
import { z } from 'zod';
import { Id } from '../domain';
import { CellView, LessonView, TermMarkView, Version } from './journal';

/** Who made the change: the renderer marks another person's change with this name for a moment. */
export const EventAuthor = z.strictObject({ staffId: Id, name: z.string() });

/** A lesson as everyone sees it: `editable` depends on the reader, so it is not sent. */
export const SharedLesson = LessonView.omit({ editable: true });
export type SharedLesson = z.infer<typeof SharedLesson>;

const journal = { groupId: Id, subjectId: Id };

export const JournalEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('cell'), ...journal, cell: CellView, by: EventAuthor }),
  z.strictObject({ type: z.literal('lesson'), ...journal, lesson: SharedLesson, by: EventAuthor }),
  z.strictObject({
    type: z.literal('termMark'),
    ...journal,
    termId: Id,
    pupilId: Id,
    /** null: removed (its next edit names version 0). */
    termMark: TermMarkView.nullable(),
    /** Orders the changes of this mark, a removal included (a set mark's own version). */
    version: Version,
    by: EventAuthor,
  }),
]);
export type JournalEvent = z.infer<typeof JournalEvent>;

/** What a writer records inside its transaction; the author's name is looked up only when someone listens. */
export type RecordedEvent = JournalEvent extends infer E
  ? E extends { by: unknown }
    ? Omit<E, 'by'> & { byStaffId: number }
    : never
  : never;
