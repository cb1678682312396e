// The reports screen's pure logic: the picker's terms, defaults and checks, the card's request,
// and the card's Russian wording (numerals, the genitive, the signature), held to forms written here.
import { describe, expect, it } from 'vitest';
import { absenceLine, asciiLabel, pupilLine, signatureLine, termColumn } from '../../src-main/services/reports/card-text';
import { marksOverTime } from '../../src-main/services/reports/card';
import { cardRequest } from '../../src-renderer/reports/card';
import { currentTerm, defaultPick, pickerProblem, rangeOf, studyTerms, withClass, type PickerTerm } from '../../src-renderer/reports/picker';

const T = (id: number, kind: PickerTerm['kind'], number: number, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11): PickerTerm => ({
  id,
  kind,
  number,
  startsOn,
  endsOn,
  gradeFrom,
  gradeTo,
});
const TERMS = [
  T(3, 'quarter', 2, '2026-11-05', '2026-12-28', 1, 9),
  T(1, 'quarter', 1, '2026-09-01', '2026-10-24', 1, 9),
  T(7, 'half', 1, '2026-09-01', '2026-12-28', 10, 11),
  T(9, 'year', 1, '2026-09-01', '2027-05-31', 1, 11),
  T(10, 'exam', 1, '2027-05-20', '2027-06-30', 9, 9),
];
const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
const cls = (id: number, grade: number, whole = true) => ({ id, label: `${grade}А`, grade, whole, pupils: [{ id: 100 + id, name: 'Андреев П. И.' }] });

describe('the scope/period picker', () => {
  it("offers the class's study periods in date order, never the year or exam rows", () => {
    expect(studyTerms(TERMS, 5).map((t) => t.id)).toEqual([1, 3]);
    expect(studyTerms(TERMS, 10).map((t) => t.id)).toEqual([7]);
    expect(studyTerms(TERMS, null)).toEqual([]);
  });

  it('takes the term holding today, else the last begun, else the first', () => {
    const own = studyTerms(TERMS, 5);
    expect(currentTerm(own, '2026-11-26')?.id).toBe(3);
    expect(currentTerm(own, '2026-10-30')?.id).toBe(1); // holidays: the term just ended
    expect(currentTerm(own, '2026-08-20')?.id).toBe(1);
  });

  it('sets the dates from the term, or the year up to today', () => {
    expect(rangeOf(TERMS[1]!, YEAR, '2026-11-26')).toEqual({ from: '2026-09-01', to: '2026-10-24' });
    expect(rangeOf(null, YEAR, '2026-11-26')).toEqual({ from: '2026-09-01', to: '2026-11-26' });
    expect(rangeOf(null, YEAR, '2027-07-01')).toEqual({ from: '2026-09-01', to: '2027-05-31' });
  });

  it('starts on the first class the user leads, its current term', () => {
    expect(defaultPick([cls(1, 5, false), cls(2, 6)], TERMS, YEAR, '2026-11-26')).toEqual({
      classId: 2,
      pupilId: null,
      termId: 3,
      from: '2026-11-05',
      to: '2026-12-28',
    });
  });

  it('drops the pupil and a term the new class has not when the class changes', () => {
    const v = { classId: 1, pupilId: 101, termId: 3, from: '2026-11-10', to: '2026-11-20' };
    expect(withClass(v, cls(2, 6), TERMS, YEAR, '2026-11-26')).toEqual({ ...v, classId: 2, pupilId: null });
    expect(withClass(v, cls(3, 10), TERMS, YEAR, '2026-11-26')).toEqual({ classId: 3, pupilId: null, termId: 7, from: '2026-09-01', to: '2026-12-28' });
    expect(withClass({ ...v, termId: null }, cls(3, 10), TERMS, YEAR, '2026-11-26').termId).toBeNull();
  });

  it('says what is wrong before sending', () => {
    const ok = { classId: 1, pupilId: null, termId: null, from: '2026-09-01', to: '2026-11-26' };
    expect(pickerProblem(ok, YEAR)).toBeNull();
    expect(pickerProblem({ ...ok, classId: null }, YEAR)).toBe('noClass');
    expect(pickerProblem({ ...ok, from: '2026-02-30' }, YEAR)).toBe('badDate');
    expect(pickerProblem({ ...ok, to: '' }, YEAR)).toBe('badDate');
    expect(pickerProblem({ ...ok, from: '2026-11-27' }, YEAR)).toBe('reversed');
    expect(pickerProblem({ ...ok, to: '2027-06-01' }, YEAR)).toBe('outsideYear');
  });

  it("builds the card's request", () => {
    expect(cardRequest({ classId: 4, pupilId: 7, termId: null, from: '2026-09-01', to: '2026-10-01' })).toEqual({
      kind: 'card',
      classId: 4,
      pupilId: 7,
      termId: null,
      from: '2026-09-01',
      to: '2026-10-01',
    });
    expect(cardRequest({ classId: null, pupilId: null, termId: null, from: '', to: '' })).toBeNull();
  });
});

describe("the card's wording", () => {
  it('declines the pupil into the genitive, in their gender', () => {
    expect(pupilLine({ surname: 'Андреев', name: 'Пётр', patronymic: 'Ильич' }, '5А')).toBe('ученика 5А класса Андреева Петра Ильича');
    expect(pupilLine({ surname: 'Борисова', name: 'Анна', patronymic: 'Сергеевна' }, '11Б')).toBe('ученицы 11Б класса Борисовой Анны Сергеевны');
  });

  it.each([
    [{}, 'Пропущено с 1 по 30 ноября 2026 г.: 0 уроков.'],
    [{ б: 1 }, 'Пропущено с 1 по 30 ноября 2026 г.: 1 урок, из них по болезни — 1.'],
    [{ у: 2, н: 1 }, 'Пропущено с 1 по 30 ноября 2026 г.: 3 урока, из них по уважительной причине — 2, причина не указана — 1.'],
    [{ п: 21, оп: 2 }, 'Пропущено с 1 по 30 ноября 2026 г.: 21 урок, из них без уважительной причины — 21; опозданий: 2.'],
    [{ п: 5, б: 6 }, 'Пропущено с 1 по 30 ноября 2026 г.: 11 уроков, из них по болезни — 6, без уважительной причины — 5.'],
  ])('absences %j', (a, text) => {
    expect(absenceLine(a, '2026-11-01', '2026-11-30')).toBe(text);
  });

  it('labels terms, signs, and names files in ASCII', () => {
    expect(termColumn({ kind: 'quarter', number: 3 })).toBe('3 четв.');
    expect(termColumn({ kind: 'half', number: 1 })).toBe('1 полуг.');
    expect(termColumn({ kind: 'final', number: 1 })).toBe('Итог');
    expect(signatureLine({ surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' })).toBe('Классный руководитель ________________ М. П. Иванова');
    expect(signatureLine(null)).toBe('Классный руководитель ________________');
    expect(asciiLabel('10Б')).toBe('10B');
    expect(asciiLabel('5Ж')).toBe('5Zh');
  });

  it('charts the day means and the running weighted average of digit marks only', () => {
    const c = marksOverTime([
      { date: '2026-09-03', value: '5', weight: 1 },
      { date: '2026-09-03', value: '4', weight: 1 },
      { date: '2026-09-07', value: 'зач', weight: 1 },
      { date: '2026-09-10', value: '2', weight: 2 },
    ])!;
    expect(c.categories).toEqual(['03.09', '10.09']);
    expect(c.series[0]!.values).toEqual([4.5, 2]);
    // (5 + 4 + 2·2) / 4 = 3,25
    expect(c.series[1]!.values).toEqual([4.5, 3.25]);
    expect(c.max).toBe(5);
    expect(marksOverTime([{ date: '2026-09-03', value: 'осв', weight: 1 }])).toBeNull();
  });
});
