// Parents' diary applications (passport data is never stored: only that it was checked).
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { person, staffUser } from './people';

export const diaryApplication = sqliteTable(
  'diary_application',
  {
    id: integer('id').primaryKey(),
    guardianId: integer('guardian_id')
      .notNull()
      .references(() => person.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    number: text('number').notNull(),
    appliedOn: text('applied_on').notNull(),
    status: text('status', { enum: ['accepted', 'connected', 'rejected', 'withdrawn'] }).notNull(),
    portalUid: text('portal_uid'),
    passportCheckedBy: integer('passport_checked_by').references(() => staffUser.id),
    passportCheckedAt: text('passport_checked_at'),
    /** Name mismatches between passport and database that staff confirmed. */
    mismatchConfirmed: integer('mismatch_confirmed', { mode: 'boolean' }).notNull().default(false),
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('application_number').on(t.number), index('application_pupil').on(t.pupilId)],
);
