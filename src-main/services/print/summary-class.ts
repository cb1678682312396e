// What both class-wide sheets (attendance, summary) print about the class itself: the school,
// the year, the class and its teacher, and the pupils who were in the class at any time of the
// year with their stays (alphabetical, Russian collation, numbered as on paper).
import { schoolFullName } from '../forms/school';
import { AppError } from '../../../src-shared/errors';
import { type PersonName, fullName, shortName } from '../../../src-shared/names';
import type { Services } from '../context';
import { guessGender } from '../privacy/declension';
import { prep } from '../sql';

export interface SheetStay {
  from: string;
  /** Last day in the class, inclusive; null: still there. */
  to: string | null;
}

export interface SheetPupil {
  no: number;
  /** «Фамилия Имя» (the patronymic too where two pupils would print alike). */
  name: string;
  /** For the grammar of «выбыл/выбыла»; null where the name does not tell. */
  gender: 'male' | 'female' | null;
  stays: SheetStay[];
}

export interface SheetClass {
  classId: number;
  yearId: number;
  school: string;
  year: string;
  yearStarts: string;
  yearEnds: string;
  /** «5А» */
  label: string;
  grade: number;
  /** «Иванова М. П.»; null while none is appointed. */
  classTeacher: string | null;
  /** «Иванова Мария Петровна» (the journal's title page); null while none is appointed. */
  classTeacherFull: string | null;
}

interface ClassRow {
  id: number;
  year_id: number;
  grade: number;
  letter: string;
  label: string;
  starts_on: string;
  ends_on: string;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
}

interface StayRow {
  pupil_id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  from_date: string;
  to_date: string | null;
}

export function loadSheetClass(s: Services, classId: number): SheetClass {
  const r = prep(
    s.sqlite,
    `SELECT c.id, c.year_id, c.grade, c.letter, y.label, y.starts_on, y.ends_on, p.surname, p.name, p.patronymic
       FROM class_unit c JOIN school_year y ON y.id = c.year_id
       LEFT JOIN staff_user u ON u.id = c.class_teacher_id LEFT JOIN person p ON p.id = u.person_id
      WHERE c.id = ?`,
  ).get(classId) as ClassRow | undefined;
  if (!r) throw new AppError('not_found', 'Класс не найден: выберите класс из списка');
  return {
    classId: r.id,
    yearId: r.year_id,
    school: schoolFullName(s),
    year: r.label,
    yearStarts: r.starts_on,
    yearEnds: r.ends_on,
    label: `${r.grade}${r.letter}`,
    grade: r.grade,
    classTeacher: r.surname ? shortName({ surname: r.surname, name: r.name ?? '', patronymic: r.patronymic }) : null,
    classTeacherFull: r.surname ? fullName({ surname: r.surname, name: r.name ?? '', patronymic: r.patronymic }) : null,
  };
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });

/** Everyone enrolled in the class during the year, alphabetical; a pupil who left and came back has two stays. */
export function loadSheetPupils(s: Services, classId: number): (SheetPupil & { pupilId: number })[] {
  const rows = prep(
    s.sqlite,
    `SELECT e.pupil_id, p.surname, p.name, p.patronymic, e.from_date, e.to_date
       FROM enrolment e JOIN person p ON p.id = e.pupil_id WHERE e.class_id = ? ORDER BY e.pupil_id, e.from_date`,
  ).all(classId) as StayRow[];
  const byPupil = new Map<number, { person: PersonName; stays: SheetStay[] }>();
  for (const r of rows) {
    let p = byPupil.get(r.pupil_id);
    if (!p) byPupil.set(r.pupil_id, (p = { person: { surname: r.surname, name: r.name, patronymic: r.patronymic }, stays: [] }));
    p.stays.push({ from: r.from_date, to: r.to_date });
  }
  const short = (p: PersonName) => `${p.surname} ${p.name}`;
  const counts = new Map<string, number>();
  for (const p of byPupil.values()) counts.set(short(p.person), (counts.get(short(p.person)) ?? 0) + 1);
  return [...byPupil]
    .sort(([ia, a], [ib, b]) => collator.compare(fullName(a.person), fullName(b.person)) || ia - ib)
    .map(([pupilId, p], i) => ({
      pupilId,
      no: i + 1,
      name: (counts.get(short(p.person)) ?? 0) > 1 ? fullName(p.person) : short(p.person),
      gender: guessGender(p.person),
      stays: p.stays,
    }));
}

/** Was the pupil in the class on that date? */
export const inClass = (stays: readonly SheetStay[], date: string) => stays.some((x) => x.from <= date && (x.to === null || x.to >= date));

/** The pupil's last day when they are no longer in the class at the end of the year (null: still there). */
export function leftOn(stays: readonly SheetStay[], yearEnds: string): string | null {
  if (stays.some((x) => x.to === null || x.to >= yearEnds)) return null;
  return stays.map((x) => x.to!).sort().at(-1) ?? null;
}
