// School-wide facts and settings.
import { z } from 'zod';
import { dateRange, Id, SchoolDate, SchoolSettings, SchoolSettingsChange, TermKind } from '../domain';
import { method } from './define';

export const Term = z
  .strictObject({
    id: Id,
    kind: TermKind,
    number: z.number().int(),
    startsOn: SchoolDate,
    endsOn: SchoolDate,
    gradeFrom: z.number().int(),
    gradeTo: z.number().int(),
    closed: z.boolean(),
  })
  .refine(...dateRange('startsOn', 'endsOn'));

export const schoolMethods = {
  'school.info': method({
    summary: 'School name, current school year, its terms and the settings',
    permission: 'session',
    input: z.strictObject({}),
    output: z.strictObject({
      code: z.string(),
      name: z.string(),
      demo: z.boolean(),
      today: SchoolDate,
      year: z
        .strictObject({ id: Id, label: z.string(), startsOn: SchoolDate, endsOn: SchoolDate })
        .refine(...dateRange('startsOn', 'endsOn'))
        .nullable(),
      terms: z.array(Term),
      settings: SchoolSettings,
    }),
  }),
  'school.updateSettings': method({
    summary: 'Change school settings (administrator)',
    permission: 'school.manage',
    mutation: true,
    input: z.strictObject({
      name: z.string().trim().min(1).max(300).optional(),
      settings: SchoolSettingsChange.optional(),
      reason: z.string().trim().max(1000).optional(),
    }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
};
