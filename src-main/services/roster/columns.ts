// Roster columns: header aliases (Russian and English), the header row, and the parsers of
// the values (names, dates, classes, roles). Passport data is refused, never stored.
import { isCalendarDate, type Role } from '../../../src-shared/domain';
import { excelSerialToDate } from './xlsx';
import { cellText, type Cell, type Table, type TableRow } from './table';

export type RosterKind = 'pupils' | 'guardians' | 'staff';

export type Field =
  | 'externalId'
  | 'surname'
  | 'name'
  | 'patronymic'
  | 'fullName'
  | 'birthDate'
  | 'className'
  | 'fromDate'
  | 'pupilExternalId'
  | 'relation'
  | 'login'
  | 'roles'
  | 'uid';

/** Header text → a comparable key: lower case, ё → е, hints in brackets and punctuation dropped. */
export function headerKey(h: string): string {
  return h
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const ALIASES: Record<Field, string[]> = {
  externalId: ['Внешний код', 'Внешний ID', 'Внешний идентификатор', 'Код', 'ID', 'Идентификатор', 'external_id', 'external id', 'ext_id'],
  surname: ['Фамилия', 'surname', 'last name', 'family name'],
  name: ['Имя', 'name', 'first name', 'given name'],
  patronymic: ['Отчество', 'patronymic', 'middle name'],
  fullName: ['ФИО', 'Ф.И.О.', 'full name', 'full_name'],
  birthDate: ['Дата рождения', 'birth_date', 'birth date', 'date of birth', 'birthday', 'dob'],
  className: ['Класс', 'class', 'class name'],
  fromDate: ['Дата зачисления', 'Зачислен с', 'С даты', 'from', 'from_date', 'enrolled from', 'enrolment date', 'enrollment date'],
  pupilExternalId: ['Код ученика', 'Внешний код ученика', 'ID ученика', 'pupil_external_id', 'pupil external id', 'pupil_id', 'student_id'],
  relation: ['Степень родства', 'Родство', 'Кем приходится', 'relation', 'relationship'],
  login: ['Логин', 'login', 'username', 'user name'],
  roles: ['Роли', 'Роль', 'roles', 'role'],
  uid: ['UID', 'UID портала', 'portal_uid', 'portal uid'],
};

const FIELD_BY_KEY = new Map<string, Field>();
for (const [field, list] of Object.entries(ALIASES) as [Field, string[]][]) for (const a of list) FIELD_BY_KEY.set(headerKey(a), field);

/** Russian names of the fields, for messages. */
export const FIELD_LABEL: Record<Field, string> = {
  externalId: 'Внешний код',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  fullName: 'ФИО',
  birthDate: 'Дата рождения',
  className: 'Класс',
  fromDate: 'Дата зачисления',
  pupilExternalId: 'Код ученика',
  relation: 'Степень родства',
  login: 'Логин',
  roles: 'Роли',
  uid: 'UID',
};

const ALLOWED: Record<RosterKind, Field[]> = {
  pupils: ['externalId', 'surname', 'name', 'patronymic', 'fullName', 'birthDate', 'className', 'fromDate', 'uid'],
  guardians: ['externalId', 'surname', 'name', 'patronymic', 'fullName', 'birthDate', 'pupilExternalId', 'relation', 'uid'],
  staff: ['externalId', 'surname', 'name', 'patronymic', 'fullName', 'birthDate', 'login', 'roles', 'uid'],
};

const REQUIRED: Record<RosterKind, Field[]> = {
  pupils: ['externalId', 'className'],
  guardians: ['externalId', 'pupilExternalId', 'relation'],
  staff: ['externalId', 'login', 'roles'],
};

/** Header words that mean identity-document data: such a column refuses the whole file. */
const DOCUMENT_WORDS = [
  'паспорт',
  'passport',
  'серия',
  'series',
  'документ',
  'document',
  'кемвыдан',
  'датавыдачи',
  'кодподразделения',
  'issuedby',
  'issuedate',
  'dateofissue',
];

export function isDocumentHeader(h: string): boolean {
  const k = headerKey(h);
  return DOCUMENT_WORDS.some((w) => k.includes(w));
}

/** A cell that is exactly a passport series and number ("4510 123456", "45 10 № 123456"), or names a passport. */
export function looksLikePassport(value: string): boolean {
  const v = value.trim();
  return /^\d{2}\s?\d{2}\s+(?:№\s*)?\d{6}$/.test(v) || /^\d{2}\s?\d{2}\s*№\s*\d{6}$/.test(v) || /паспорт|passport/i.test(v);
}

export interface Header {
  line: number;
  /** Column index of each recognised field. */
  columns: Partial<Record<Field, number>>;
  /** The header cells' text, by column index (for messages). */
  titles: string[];
}

export interface HeaderProblem {
  line: number;
  message: string;
}

/**
 * Finds the header: row 1, or the first of the first rows that names known columns (a title
 * row above the table is common in spreadsheets), and maps its columns to fields.
 */
export function mapHeader(kind: RosterKind, table: Table): { header: Header | null; problems: HeaderProblem[]; missingColumns: boolean } {
  const candidates = table.rows.slice(0, 10);
  const score = (r: TableRow) => r.cells.filter((c) => FIELD_BY_KEY.has(headerKey(cellText(c)))).length;
  const row = candidates.find((r) => score(r) >= 2) ?? candidates[0];
  if (!row) return { header: null, problems: [{ line: 1, message: 'Файл пуст: нет строки заголовка и данных' }], missingColumns: true };
  const problems: HeaderProblem[] = [];
  const columns: Partial<Record<Field, number>> = {};
  const titles = row.cells.map((c) => cellText(c).trim());
  titles.forEach((title, index) => {
    if (!title) return;
    if (isDocumentHeader(title)) {
      problems.push({
        line: row.line,
        message: `Столбец «${title}»: паспортные данные и данные документов в программе не хранятся — удалите этот столбец из файла`,
      });
      return;
    }
    const field = FIELD_BY_KEY.get(headerKey(title));
    // Columns the import does not read are left alone: their values are not stored.
    if (!field || !ALLOWED[kind].includes(field)) return;
    const had = columns[field];
    if (had !== undefined) {
      problems.push({
        line: row.line,
        message: `Столбцы «${titles[had]}» и «${title}» означают одно и то же (${FIELD_LABEL[field]}): оставьте один`,
      });
      return;
    }
    columns[field] = index;
  });
  const missing = REQUIRED[kind].filter((f) => columns[f] === undefined).map((f) => FIELD_LABEL[f]);
  if (columns.fullName === undefined && (columns.surname === undefined || columns.name === undefined))
    missing.push(
      columns.surname === undefined && columns.name === undefined
        ? 'Фамилия, Имя (или ФИО)'
        : columns.surname === undefined
          ? 'Фамилия'
          : 'Имя',
    );
  if (missing.length)
    problems.push({
      line: row.line,
      message: `В заголовке (строка ${row.line}) нет обязательных столбцов: ${missing.join(', ')}. Найдены: ${
        titles.filter(Boolean).join(', ') || 'ничего'
      }`,
    });
  return { header: { line: row.line, columns, titles }, problems, missingColumns: missing.length > 0 };
}

// ---- values ----

export function cleanText(c: Cell | undefined): string {
  return cellText(c).replace(/\s+/g, ' ').trim();
}


/**
 * A date cell → YYYY-MM-DD: ДД.ММ.ГГГГ (also with / or -), ГГГГ-ММ-ДД, an ISO timestamp's date,
 * or a spreadsheet date serial. Returns undefined for an empty cell, null for a bad one.
 */
export function parseDate(c: Cell | undefined): string | null | undefined {
  // A serial can name any day up to 9999: only the days SchoolDate accepts may be stored.
  if (c !== undefined && typeof c !== 'string') {
    const iso = excelSerialToDate(c.num);
    return iso !== null && isCalendarDate(iso) ? iso : null;
  }
  const v = cleanText(c);
  if (!v) return undefined;
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*г\.?)?$/.exec(v);
  if (m) return toIso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(v);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** The one calendar rule of the app (SchoolDate's): 31.09 or 30.02 are refused, and so are years outside its range. */
function toIso(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** YYYY-MM-DD → ДД.ММ.ГГГГ for messages and previews. */
export function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Latin letters that look like Cyrillic ones, as typed into class names by mistake. */
const LOOKALIKE: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/** "5А", "5 а", "5-A", "11Б" → {grade, letter} (letter upper-case Cyrillic); null when not a class. */
export function parseClassName(v: string): { grade: number; letter: string } | null {
  const m = /^(\d{1,2})\s*[-–]?\s*["«]?([A-Za-zА-Яа-яЁё])["»]?$/.exec(v.trim());
  if (!m) return null;
  const grade = Number(m[1]);
  if (grade < 1 || grade > 11) return null;
  const raw = m[2]!.toLocaleUpperCase('ru');
  const letter = LOOKALIKE[raw] ?? raw;
  if (!/^[А-ЯЁ]$/.test(letter)) return null;
  return { grade, letter };
}

const ROLE_WORDS: [Role, string[]][] = [
  ['teacher', ['учитель', 'преподаватель', 'педагог', 'teacher']],
  ['classTeacher', ['классный руководитель', 'классный руководит', 'кл руководитель', 'классрук', 'classteacher', 'class teacher']],
  ['deputy', ['завуч', 'заместитель директора', 'заместитель директора по увр', 'зам директора', 'замдиректора', 'deputy']],
  ['supervisor', ['контроль', 'контроль предоставления услуги', 'контролер', 'supervisor']],
  ['administrator', ['администратор', 'администратор аис', 'ответственный за услугу', 'administrator', 'admin']],
  ['director', ['директор', 'руководитель оу', 'director']],
];
const ROLE_BY_WORD = new Map<string, Role>();
const roleKey = (s: string) =>
  s
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[.\s_-]+/g, ' ')
    .trim();
for (const [role, words] of ROLE_WORDS) for (const w of words) ROLE_BY_WORD.set(roleKey(w), role);

export const ROLE_LABEL: Record<Role, string> = {
  teacher: 'учитель',
  classTeacher: 'классный руководитель',
  deputy: 'заместитель директора',
  supervisor: 'контроль',
  administrator: 'администратор',
  director: 'директор',
};

/** "учитель, классный руководитель" → roles; unknown words are returned separately. */
export function parseRoles(v: string): { roles: Role[]; unknown: string[] } {
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const part of v.split(/[,;/\n]+/)) {
    const word = part.trim();
    if (!word) continue;
    const key = roleKey(word);
    // "заместитель директора по УВР (учебно-воспитательной работе)" and the like.
    const role = ROLE_BY_WORD.get(key) ?? (/^(заместитель|зам) директора( |$)/.test(key) ? 'deputy' : undefined);
    if (!role) unknown.push(word);
    else if (!roles.includes(role)) roles.push(role);
  }
  return { roles, unknown };
}
