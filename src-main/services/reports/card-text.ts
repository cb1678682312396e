// The report card's Russian wording, pure: term column labels, the pupil line in the genitive,
// the absences sentence with agreeing numerals, the signature line, the ASCII file name.
import { dotDate } from '../../../src-shared/dates';
import type { PersonName } from '../../../src-shared/names';
import { count, initialsFirst, periodRu } from '../check-report/text';
import { fullNameIn } from '../forms/names';
import { guessGender } from '../privacy/declension';
import type { CardTerm } from './card-data';

export const CARD_TITLE = 'Табель успеваемости';

const KIND_SHORT: Record<CardTerm['kind'], string> = {
  quarter: 'четв.',
  half: 'полуг.',
  trimester: 'трим.',
  year: 'Год',
  exam: 'Экзамен',
  final: 'Итог',
};
const KIND_LONG: Record<'quarter' | 'half' | 'trimester', string> = { quarter: 'четверть', half: 'полугодие', trimester: 'триместр' };

/** «1 четв.», «2 полуг.», «Год», «Экзамен», «Итог». */
export const termColumn = (t: Pick<CardTerm, 'kind' | 'number'>) =>
  t.kind === 'year' || t.kind === 'exam' || t.kind === 'final' ? KIND_SHORT[t.kind] : `${t.number} ${KIND_SHORT[t.kind]}`;

/** «1 четверть», «2 полугодие»; the year: «учебный год 2026/2027». */
export const termName = (t: Pick<CardTerm, 'kind' | 'number'> | null, yearLabel: string) =>
  t && t.kind in KIND_LONG ? `${t.number} ${KIND_LONG[t.kind as keyof typeof KIND_LONG]}` : `учебный год ${yearLabel}`;

/** «ученика 5А класса Андреева Петра Ивановича» / «ученицы 5А класса Борисовой Анны». */
export function pupilLine(p: PersonName, classLabel: string): string {
  const who = guessGender(p) === 'female' ? 'ученицы' : 'ученика';
  return `${who} ${classLabel} класса ${fullNameIn(p, 'genitive')}`;
}

const LESSONS = ['урок', 'урока', 'уроков'] as const;

/** «Пропущено с 1 по 30 ноября 2026 г.: 5 уроков, из них по болезни — 2, …; опозданий: 1.» */
export function absenceLine(a: Record<string, number>, from: string, to: string): string {
  const missed = (a['н'] ?? 0) + (a['б'] ?? 0) + (a['у'] ?? 0) + (a['п'] ?? 0);
  const parts = [
    ['по болезни', a['б']],
    ['по уважительной причине', a['у']],
    ['без уважительной причины', a['п']],
    ['причина не указана', a['н']],
  ]
    .filter(([, n]) => n)
    .map(([what, n]) => `${what} — ${n}`);
  const late = a['оп'] ?? 0;
  return (
    `Пропущено ${periodRu(from, to)}: ${count(missed, LESSONS)}` +
    (parts.length ? `, из них ${parts.join(', ')}` : '') +
    (late ? `; опозданий: ${late}` : '') +
    '.'
  );
}

export const signatureLine = (t: PersonName | null) => `Классный руководитель ________________ ${t ? initialsFirst(t) : ''}`.trimEnd();

const LATIN: Record<string, string> = { А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ж: 'Zh', З: 'Z', И: 'I', К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'Kh' };
/** «5А» → «5A»: ASCII file names survive every browser's download dialog. */
export const asciiLabel = (label: string) => label.replace(/[А-ЯЁ]/g, (c) => LATIN[c] ?? 'X').replace(/[^A-Za-z0-9-]/g, '');

export const shortDate = (d: string) => dotDate(d).slice(0, 5);
