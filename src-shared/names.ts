// Russian name formatting: "Иванова Мария Петровна" and "Иванова М. П.".
export interface PersonName {
  surname: string;
  name: string;
  patronymic: string | null;
}

export function fullName(p: PersonName): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

export function shortName(p: PersonName): string {
  const initials = [p.name, p.patronymic].filter((x): x is string => !!x).map((x) => `${x[0]}.`);
  return [p.surname, initials.join(' ')].filter(Boolean).join(' ');
}

/** For comparing names typed from a passport: case-, ё- and spacing-insensitive. */
export function normalizeName(s: string | null | undefined): string {
  return (s ?? '')
    .trim()
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-');
}

export type NameField = 'surname' | 'name' | 'patronymic';

/** The fields whose passport spelling differs from the database. */
export function nameMismatches(
  db: Partial<Record<NameField, string | null>>,
  passport: Partial<Record<NameField, string | null>>,
): NameField[] {
  return (['surname', 'name', 'patronymic'] as const).filter((f) => normalizeName(db[f]) !== normalizeName(passport[f]));
}
