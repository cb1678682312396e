// Administration (issue 4): staff and rights, teaching load, class teachers, portal UIDs,
// guardians and parents' diary applications, roster import.
import { z } from 'zod';
import { Base64, APPLICATION_STATUSES, dateRange, Id, Role, SchoolDate } from '../domain';
import { Login } from './auth';
import { method } from './define';

const NamePart = z.string().trim().min(1).max(100);
const OptNamePart = z.string().trim().max(100).optional();
/** Digits only; the length bounds are school settings, checked in main. */
export const PortalUid = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'UID состоит только из цифр');

export const StaffView = z.strictObject({
  id: Id,
  personId: Id,
  login: z.string(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  fullName: z.string(),
  roles: z.array(Role),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  hasPassword: z.boolean(),
  portalUid: z.string().nullable(),
  /** Classes this person leads as class teacher, e.g. ["5А"]. */
  classes: z.array(z.string()),
});
export type StaffView = z.infer<typeof StaffView>;

export const LoadView = z
  .strictObject({
    id: Id,
    groupId: Id,
    groupName: z.string(),
    className: z.string(),
    subjectId: Id,
    subjectName: z.string(),
    teacherId: Id,
    teacherName: z.string(),
    hoursPerWeek: z.number(),
    validFrom: SchoolDate,
    validTo: SchoolDate.nullable(),
  })
  .refine(...dateRange('validFrom', 'validTo'));

export const GuardianView = z.strictObject({
  guardianId: Id,
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  relation: z.string(),
  portalUid: z.string().nullable(),
});

export const ApplicationView = z.strictObject({
  id: Id,
  number: z.string(),
  appliedOn: SchoolDate,
  status: z.enum(APPLICATION_STATUSES),
  pupilId: Id,
  pupilName: z.string(),
  className: z.string().nullable(),
  guardianId: Id,
  guardianName: z.string(),
  /** How the printed application names them (issue 13): «от <guardianGenitive>», «ребёнка <pupilGenitive>». */
  guardianGenitive: z.string(),
  pupilGenitive: z.string(),
  relation: z.string().nullable(),
  portalUid: z.string().nullable(),
  passportCheckedBy: z.string().nullable(),
  passportCheckedAt: z.string().nullable(),
  mismatchConfirmed: z.boolean(),
  reason: z.string().nullable(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

/** Names as typed from the passport: compared with the database, never stored. */
export const PassportNames = z.strictObject({ surname: NamePart, name: NamePart, patronymic: OptNamePart });

const Reason = z.string().trim().min(3, 'укажите причину').max(1000);

export const adminMethods = {
  'staff.list': method({
    summary: 'Staff accounts with roles, class-teacher classes and portal UIDs',
    permission: 'staff.read',
    input: z.strictObject({ includeDisabled: z.boolean().optional() }),
    output: z.strictObject({ staff: z.array(StaffView) }),
  }),
  'staff.create': method({
    summary: 'Create a staff account; returns a one-time password the user must change at first login',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({
      surname: NamePart,
      name: NamePart,
      patronymic: OptNamePart,
      login: Login,
      roles: z.array(Role).min(1).max(6),
      portalUid: PortalUid.optional(),
    }),
    output: z.strictObject({ staff: StaffView, temporaryPassword: z.string() }),
  }),
  'staff.update': method({
    summary: "Change a staff member's name, login or roles",
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({
      staffId: Id,
      surname: NamePart.optional(),
      name: NamePart.optional(),
      patronymic: z.string().trim().max(100).nullable().optional(),
      login: Login.optional(),
      roles: z.array(Role).min(1).max(6).optional(),
    }),
    output: z.strictObject({ staff: StaffView }),
  }),
  'staff.setDisabled': method({
    summary: 'Disable (ends all sessions) or re-enable a staff account',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({ staffId: Id, disabled: z.boolean(), reason: Reason }),
    output: z.strictObject({ staff: StaffView }),
  }),
  'staff.resetPassword': method({
    summary: 'Reset a password: a one-time password the user must change at next login',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({ staffId: Id }),
    output: z.strictObject({ temporaryPassword: z.string() }),
  }),
  'school.structure': method({
    summary: 'Classes with their groups and class teachers, and subjects (for admin forms)',
    permission: 'staff.read',
    input: z.strictObject({}),
    output: z.strictObject({
      classes: z.array(
        z.strictObject({
          id: Id,
          name: z.string(),
          grade: z.number().int(),
          classTeacherId: Id.nullable(),
          pupils: z.number().int(),
          groups: z.array(z.strictObject({ id: Id, name: z.string(), isWholeClass: z.boolean(), pupils: z.number().int() })),
        }),
      ),
      subjects: z.array(z.strictObject({ id: Id, name: z.string() })),
    }),
  }),
  'load.list': method({
    summary: 'Teaching load, current and past, by teacher or by group',
    permission: 'staff.read',
    input: z.strictObject({ teacherId: Id.optional(), groupId: Id.optional(), current: z.boolean().optional() }),
    output: z.strictObject({ load: z.array(LoadView) }),
  }),
  'load.assign': method({
    summary: 'Give a group × subject to a teacher from a date (the previous holder’s load ends the day before)',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({
      groupId: Id,
      subjectId: Id,
      teacherId: Id,
      hoursPerWeek: z.number().min(0.5).max(20),
      validFrom: SchoolDate,
    }),
    output: z.strictObject({ load: LoadView }),
  }),
  'load.end': method({
    summary: 'End a teaching load on a date',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({ loadId: Id, validTo: SchoolDate }),
    output: z.strictObject({ load: LoadView }),
  }),
  'class.setTeacher': method({
    summary: 'Appoint (or remove) the class teacher of a class',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({ classId: Id, staffId: Id.nullable() }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'access.matrix': method({
    summary: 'The permission matrix: which roles may call each method',
    permission: 'staff.read',
    input: z.strictObject({}),
    output: z.strictObject({
      roles: z.array(Role),
      methods: z.array(z.strictObject({ method: z.string(), permission: z.string(), summary: z.string(), roles: z.array(Role) })),
    }),
  }),
  'uid.set': method({
    summary: 'Enter, change or remove the portal UID of a pupil, guardian or staff member',
    permission: 'uid.manage',
    mutation: true,
    input: z.strictObject({ personId: Id, uid: PortalUid.nullable() }),
    output: z.strictObject({ personId: Id, uid: z.string().nullable() }),
  }),
  'uid.people': method({
    summary: 'People of one kind, with or without a UID, for typing UIDs one after another',
    permission: 'uid.read',
    input: z.strictObject({
      kind: z.enum(['pupil', 'guardian', 'staff']),
      classId: Id.optional(),
      role: Role.optional(),
      missingOnly: z.boolean().optional(),
    }),
    output: z.strictObject({
      people: z.array(
        z.strictObject({
          personId: Id,
          fullName: z.string(),
          detail: z.string(),
          className: z.string().nullable(),
          portalUid: z.string().nullable(),
        }),
      ),
    }),
  }),
  'uid.grants': method({
    summary: 'What each staff UID grants on the portal: their load, and their class as class teacher',
    permission: 'uid.read',
    input: z.strictObject({}),
    output: z.strictObject({
      grants: z.array(
        z.strictObject({
          uid: z.string(),
          staffId: Id,
          fullName: z.string(),
          scope: z.array(
            z.strictObject({
              kind: z.enum(['groupSubject', 'class']),
              groupId: Id.nullable(),
              subjectId: Id.nullable(),
              classId: Id,
              label: z.string(),
            }),
          ),
        }),
      ),
    }),
  }),
  'pupils.search': method({
    summary: 'Find pupils by name (and class) for the application form',
    permission: 'guardians.read',
    input: z.strictObject({ query: z.string().trim().max(100), classId: Id.optional() }),
    output: z.strictObject({
      pupils: z.array(z.strictObject({ id: Id, fullName: z.string(), className: z.string().nullable(), birthDate: SchoolDate.nullable() })),
    }),
  }),
  'guardians.ofPupil': method({
    summary: "A pupil's guardians (administrator, or the pupil's class teacher)",
    permission: 'guardians.read',
    input: z.strictObject({ pupilId: Id }),
    output: z.strictObject({
      pupil: z.strictObject({ id: Id, fullName: z.string(), className: z.string().nullable() }),
      guardians: z.array(GuardianView),
    }),
  }),
  'applications.list': method({
    summary: "Parents' diary applications with filters, and connected families per class",
    permission: 'guardians.read',
    input: z.strictObject({ classId: Id.optional(), status: z.enum(APPLICATION_STATUSES).optional() }),
    output: z.strictObject({
      applications: z.array(ApplicationView),
      perClass: z.array(z.strictObject({ classId: Id, className: z.string(), families: z.number().int(), connected: z.number().int() })),
    }),
  }),
  'applications.create': method({
    summary: 'Register an application while the parent is present: names checked against the passport',
    permission: 'guardians.manage',
    mutation: true,
    input: z.strictObject({
      pupilId: Id,
      guardian: z.union([
        z.strictObject({ guardianId: Id }),
        z.strictObject({ surname: NamePart, name: NamePart, patronymic: OptNamePart, relation: z.string().trim().min(2).max(50) }),
      ]),
      passport: PassportNames,
      /** Differences between passport and database were seen and accepted by the staff member. */
      confirmMismatch: z.boolean(),
      passportChecked: z.literal(true, { error: 'отметьте, что данные сверены с паспортом' }),
      number: z.string().trim().min(1).max(30),
      appliedOn: SchoolDate,
      portalUid: PortalUid.optional(),
    }),
    output: z.strictObject({ application: ApplicationView }),
  }),
  'applications.setStatus': method({
    summary: 'принято → подключено, or отклонено / отозвано with a reason',
    permission: 'guardians.manage',
    mutation: true,
    input: z.strictObject({ id: Id, status: z.enum(['connected', 'rejected', 'withdrawn']), reason: Reason.optional() }),
    output: z.strictObject({ application: ApplicationView }),
  }),
  'applications.print': method({
    summary: 'The application filled in as a PDF, ready for signature',
    permission: 'guardians.read',
    input: z.strictObject({ id: Id }),
    output: z.strictObject({ name: z.string(), mime: z.literal('application/pdf'), data: z.string() }),
  }),
  'roster.import': method({
    summary: 'Import pupils, guardians or staff from CSV or XLSX: preview and per-row errors; any error imports nothing',
    permission: 'staff.manage',
    mutation: true,
    input: z.strictObject({
      kind: z.enum(['pupils', 'guardians', 'staff']),
      fileName: z.string().trim().min(1).max(200),
      data: Base64(30_000_000),
      dryRun: z.boolean(),
    }),
    output: z.strictObject({
      dryRun: z.boolean(),
      imported: z.boolean(),
      total: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
      preview: z.array(
        z.strictObject({
          line: z.number().int(),
          action: z.enum(['create', 'update', 'unchanged']),
          externalId: z.string(),
          fullName: z.string(),
          detail: z.string(),
        }),
      ),
    }),
  }),
};
