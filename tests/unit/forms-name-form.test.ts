// The name-correction editor's logic (src-renderer/admin/name-form.ts): fields start from what is
// printed (the correction, else the rules' form) and the input names exactly the parts the person has.
import { describe, expect, it } from 'vitest';
import { correctionInput, fieldsFor, genderValue, isChanged, type NameForms } from '../../src-renderer/admin/name-form';

const parts = (surname: string, name: string, patronymic: string | null) => ({ surname, name, patronymic });
const forms = (corrected: ReturnType<typeof parts> | null, patronymic: string | null): NameForms => ({
  personId: 7,
  fullName: 'Ким Саша',
  name: parts('Ким', 'Саша', patronymic),
  roles: ['pupil'],
  gender: 'male',
  storedGender: null,
  guessedGender: 'male',
  forms: (['genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const).map((c) => ({
    case: c,
    auto: parts('Кима', 'Сашы', patronymic && 'Лукича'),
    corrected: c === 'genitive' ? corrected : null,
    stale: null,
    printed: '',
  })),
});

describe('name correction editor', () => {
  it('starts from the correction when there is one, else from the rules', () => {
    expect(fieldsFor(forms(null, null), 'genitive')).toEqual({ surname: 'Кима', name: 'Сашы', patronymic: '' });
    expect(fieldsFor(forms(parts('Кима', 'Саши', null), null), 'genitive')).toEqual({ surname: 'Кима', name: 'Саши', patronymic: '' });
  });

  it('sends trimmed parts and a patronymic only for a person who has one', () => {
    const v = forms(null, null);
    expect(correctionInput(v, 'genitive', { surname: ' Кима ', name: 'Саши ', patronymic: 'x' })).toEqual({
      personId: 7,
      case: 'genitive',
      form: { surname: 'Кима', name: 'Саши' },
    });
    const w = forms(null, 'Лукич');
    expect(correctionInput(w, 'dative', { surname: 'Киму', name: 'Саше', patronymic: 'Лукичу' }).form).toEqual({
      surname: 'Киму',
      name: 'Саше',
      patronymic: 'Лукичу',
    });
  });

  it('has something to save only when a field differs from the printed form', () => {
    const v = forms(null, null);
    expect(isChanged(v, 'genitive', { surname: 'Кима', name: 'Сашы ', patronymic: '' })).toBe(false);
    expect(isChanged(v, 'genitive', { surname: 'Кима', name: 'Саши', patronymic: '' })).toBe(true);
    expect(genderValue(v)).toBe('');
  });
});
