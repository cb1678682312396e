// People (pupils, guardians, staff alike), enrolments, guardianship, staff accounts, sessions.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { classUnit, studyGroup } from './school';

export const person = sqliteTable(
  'person',
  {
    id: integer('id').primaryKey(),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    birthDate: text('birth_date'),
    /** Numeric id given by the portal at registration; digits only, unique when set. */
    portalUid: text('portal_uid').unique(),
    /** Id in the roster source (import); re-import updates instead of duplicating. */
    externalId: text('external_id').unique(),
  },
  (t) => [index('person_surname').on(t.surname, t.name)],
);

/** A pupil in a class from..to (to is exclusive-free: last day inclusive; null = still there). */
export const enrolment = sqliteTable(
  'enrolment',
  {
    id: integer('id').primaryKey(),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    classId: integer('class_id')
      .notNull()
      .references(() => classUnit.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
  },
  (t) => [index('enrolment_class').on(t.classId, t.fromDate), index('enrolment_pupil').on(t.pupilId)],
);

export const groupMember = sqliteTable(
  'group_member',
  {
    id: integer('id').primaryKey(),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
  },
  (t) => [index('member_group').on(t.groupId, t.fromDate), index('member_pupil').on(t.pupilId)],
);

export const guardianship = sqliteTable(
  'guardianship',
  {
    id: integer('id').primaryKey(),
    guardianId: integer('guardian_id')
      .notNull()
      .references(() => person.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    relation: text('relation').notNull(),
  },
  (t) => [uniqueIndex('guardianship_pair').on(t.guardianId, t.pupilId), index('guardianship_pupil').on(t.pupilId)],
);

export const staffUser = sqliteTable('staff_user', {
  id: integer('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .unique()
    .references(() => person.id),
  login: text('login').notNull().unique(),
  /** PHC string ($scrypt$...); null = no password yet, cannot sign in. */
  passwordHash: text('password_hash'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
});

export const staffRole = sqliteTable(
  'staff_role',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUser.id),
    role: text('role', {
      enum: ['teacher', 'classTeacher', 'deputy', 'supervisor', 'administrator', 'director'],
    }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.role] })],
);

/** Sessions are stored by the sha256 of their token: a copied database yields no live token. */
export const session = sqliteTable(
  'session',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUser.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    endedAt: text('ended_at'),
    /** The paired device (school network client, DESIGN.md §10) the session was opened on; null: this PC. */
    deviceId: integer('device_id').references(() => device.id),
  },
  (t) => [index('session_staff').on(t.staffId)],
);

/** A client PC paired with the school host (DESIGN.md §10): its credential is a token stored by hash. */
export const device = sqliteTable(
  'device',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    pairedAt: text('paired_at').notNull(),
    /** The administrator who made the pairing code. */
    pairedBy: integer('paired_by').references(() => staffUser.id),
    lastSeenAt: text('last_seen_at'),
    lastAddress: text('last_address'),
    /** The app version the device last reported. */
    version: text('version'),
    revokedAt: text('revoked_at'),
    revokedBy: integer('revoked_by').references(() => staffUser.id),
  },
  (t) => [uniqueIndex('device_token').on(t.tokenHash)],
);

/** A one-time 6-digit pairing code (stored by hash), valid for a short time. */
export const pairingCode = sqliteTable('pairing_code', {
  id: integer('id').primaryKey(),
  codeHash: text('code_hash').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => staffUser.id),
  usedAt: text('used_at'),
  deviceId: integer('device_id').references(() => device.id),
  /** Set when the code is withdrawn (a new one made, too many wrong tries). */
  voidedAt: text('voided_at'),
});

/** Answers of mutations sent with an idempotency key (a client's outbox replay): each key applies once. */
export const idempotencyKey = sqliteTable(
  'idempotency_key',
  {
    /** 'device:<id>' for a paired client, 'local' for this PC. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    /** The envelope answered the first time, JSON. */
    envelope: text('envelope').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * A hand correction of how a person's name is declined in one case (issue 13), for the rare
 * name the rule set gets wrong; it wins over petrovich on every printed form. `basedOn` is the
 * nominative full name it was made for: after a rename the old correction no longer applies
 * (printing a former surname on a signed form would be worse than a rule-declined new one).
 */
export const nameForm = sqliteTable(
  'name_form',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => person.id),
    gramCase: text('gram_case', { enum: ['genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] }).notNull(),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    basedOn: text('based_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.gramCase] })],
);

/**
 * A person's grammatical gender where the name does not tell it (or tells it wrong: a girl
 * named «Саша» with no patronymic): agreement on forms («обучающейся», «ознакомлена») and
 * declension follow it. Absent: guessed from the name (privacy/declension.ts guessGender).
 */
export const personGender = sqliteTable('person_gender', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => person.id),
  gender: text('gender', { enum: ['male', 'female'] }).notNull(),
});
