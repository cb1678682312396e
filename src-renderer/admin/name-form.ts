// The name-correction editor's logic (issue 13), kept out of the component: the fields start
// from what is printed now, and the input sent names every part the person has.
import type { MethodInput, MethodOutput } from '../../src-shared/rpc/registry';

export type NameForms = MethodOutput<'names.forms'>;
export type FormCase = NameForms['forms'][number]['case'];
export interface Fields {
  surname: string;
  name: string;
  patronymic: string;
}

export function fieldsFor(v: NameForms, c: FormCase): Fields {
  const f = v.forms.find((x) => x.case === c)!;
  const p = f.corrected ?? f.auto;
  return { surname: p.surname, name: p.name, patronymic: p.patronymic ?? '' };
}

/** The setForm input; a person without a patronymic sends none (main refuses one). */
export function correctionInput(v: NameForms, c: FormCase, f: Fields): MethodInput<'names.setForm'> {
  const patronymic = f.patronymic.trim();
  return {
    personId: v.personId,
    case: c,
    form: { surname: f.surname.trim(), name: f.name.trim(), ...(v.name.patronymic && patronymic ? { patronymic } : {}) },
  };
}

/** Something to save: the fields differ from what is printed now. */
export function isChanged(v: NameForms, c: FormCase, f: Fields): boolean {
  const now = fieldsFor(v, c);
  return (['surname', 'name', 'patronymic'] as const).some((k) => f[k].trim() !== now[k]);
}

/** The gender select's value: '' follows the name (guessed), else the stored one. */
export const genderValue = (v: NameForms): '' | 'male' | 'female' => v.storedGender ?? '';
