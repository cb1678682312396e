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
