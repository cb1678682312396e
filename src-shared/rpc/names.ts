// How people's names are declined on printed forms (issue 13): each case as the rules give it,
// the school's hand correction where the rules get a rare name wrong, and the gender where the
// name does not tell it.
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';

export const OBLIQUE_CASES = ['genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;
export const ObliqueCase = z.enum(OBLIQUE_CASES);
export const Gender = z.enum(['male', 'female']);

const Part = z.string().trim().min(1, 'не может быть пустым').max(100);
export const NameParts = z.strictObject({ surname: Part, name: Part, patronymic: Part.optional() });
const PartsOut = z.strictObject({ surname: z.string(), name: z.string(), patronymic: z.string().nullable() });

export const NameFormsView = z.strictObject({
  personId: Id,
  /** The name as written (nominative). */
  fullName: z.string(),
  name: PartsOut,
  /** What the person is in the school, for the form's wording and the rights to change it. */
  roles: z.array(z.enum(['pupil', 'guardian', 'staff'])),
  /** The gender the forms use (stored, else guessed); null: nothing tells it. */
  gender: Gender.nullable(),
  storedGender: Gender.nullable(),
  guessedGender: Gender.nullable(),
  forms: z.array(
    z.strictObject({
      case: ObliqueCase,
      /** What the declension rules give. */
      auto: PartsOut,
      /** The stored correction, when there is one for the current spelling. */
      corrected: PartsOut.nullable(),
      /** A correction made for a former spelling of the name: no longer printed. */
      stale: PartsOut.nullable(),
      /** What documents print. */
      printed: z.string(),
    }),
  ),
});
export type NameFormsView = z.infer<typeof NameFormsView>;

export const namesMethods = {
  'names.forms': method({
    summary: "A person's name in every case as printed: the rules' form, the stored correction, the gender",
    permission: 'guardians.read',
    input: z.strictObject({ personId: Id }),
    output: NameFormsView,
  }),
  'names.setForm': method({
    summary: "Store (or with null remove) the hand correction of a person's name in one case; it wins on every form",
    permission: 'guardians.manage',
    mutation: true,
    input: z.strictObject({ personId: Id, case: ObliqueCase, form: NameParts.nullable() }),
    output: NameFormsView,
  }),
  'names.setGender': method({
    summary: "Store (or with null remove) a person's gender for declension and agreement where the name does not tell it",
    permission: 'guardians.manage',
    mutation: true,
    input: z.strictObject({ personId: Id, gender: Gender.nullable() }),
    output: NameFormsView,
  }),
};
