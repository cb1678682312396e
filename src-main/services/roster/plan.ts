// Roster import, the shared part: reading the file, database look-ups, the per-row checks
// and person writes every kind of roster uses.
import type { z } from 'zod';
import { type SchoolSettings } from '../../../src-shared/domain';
import { fullName } from '../../../src-shared/names';
import type { adminMethods } from '../../../src-shared/rpc/admin';
import { type Actor, type Ctx } from '../context';
import { type Recorder } from '../mutate';
import { prep } from '../sql';
import { cleanText, looksLikePassport, parseDate, ruDate, type Field, type Header, type RosterKind } from './columns';
import { CsvError, decodeText, parseCsv } from './csv';
import { cellText, type Cell, type Table, type TableRow } from './table';
import { readXlsx, XlsxError } from './xlsx';

export type Spec = (typeof adminMethods)['roster.import'];
export type RosterImportInput = z.infer<Spec['input']>;
export type RosterImportOutput = z.infer<Spec['output']>;
export type PreviewRow = RosterImportOutput['preview'][number];
export type RowError = RosterImportOutput['errors'][number];

/** Far above any school's roster; keeps one import within one quick transaction. */
export const MAX_ROWS = 20_000;

// ---- reading the file ----

/** A problem with the file as a whole; line 0 when it is not about one row. */
export class FileProblem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** CSV or XLSX by content (zip signature), whatever the file is called. */
export function readTable(bytes: Uint8Array, fileName: string): Table {
  if (bytes.length === 0) throw new FileProblem(0, 'Файл пуст');
  const lower = fileName.toLowerCase();
  try {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readXlsx(bytes);
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
      throw new FileProblem(0, 'Формат XLS (Excel 97–2003) не поддерживается: сохраните файл как XLSX или CSV');
    if (/\.(xlsx|xlsm)$/.test(lower))
      throw new FileProblem(0, 'Файл назван .xlsx, но это не книга Excel: сохраните его заново как XLSX или CSV');
    const text = decodeText(bytes);
    if (text.includes('\u0000')) throw new FileProblem(0, 'Файл не похож на таблицу: нужен CSV (текст с разделителями) или XLSX');
    return parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new FileProblem(e.line, e.message);
    if (e instanceof XlsxError) throw new FileProblem(0, e.message);
    throw e;
  }
}

// ---- database look-ups ----

export interface PersonRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | null;
  portal_uid: string | null;
}

export function personByExternalId(ctx: Ctx, ext: string): PersonRow | undefined {
  return prep(ctx.sqlite, 'SELECT id, surname, name, patronymic, birth_date, portal_uid FROM person WHERE external_id = ?').get(ext) as
    PersonRow | undefined;
}

export function personKinds(ctx: Ctx, id: number) {
  const r = prep(
    ctx.sqlite,
    `SELECT EXISTS (SELECT 1 FROM staff_user WHERE person_id = @id) AS staff,
            EXISTS (SELECT 1 FROM enrolment WHERE pupil_id = @id) AS pupil,
            EXISTS (SELECT 1 FROM guardianship WHERE guardian_id = @id) AS guardian`,
  ).get({ id }) as { staff: number; pupil: number; guardian: number };
  return { staff: r.staff === 1, pupil: r.pupil === 1, guardian: r.guardian === 1 };
}

/** "Иванова Мария Петровна (ученик 5А)": who holds an id, a UID or a login, for messages. */
export function describePerson(ctx: Ctx, id: number): string {
  const p = prep(ctx.sqlite, 'SELECT surname, name, patronymic FROM person WHERE id = ?').get(id) as PersonRow;
  const login = prep(ctx.sqlite, 'SELECT login FROM staff_user WHERE person_id = ?').get(id) as { login: string } | undefined;
  const cls = prep(
    ctx.sqlite,
    `SELECT c.grade || c.letter AS label FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE e.pupil_id = ? ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1`,
  ).get(id) as { label: string } | undefined;
  const kinds = personKinds(ctx, id);
  const what = login
    ? `сотрудник, логин ${login.login}`
    : cls
      ? `ученик ${cls.label}`
      : kinds.guardian
        ? 'законный представитель'
        : 'без роли в школе';
  return `${fullName(p)} (${what})`;
}

export interface ClassInfo {
  classId: number;
  groupId: number | null;
  label: string;
}

export function classesOfYear(ctx: Ctx, yearId: number): Map<string, ClassInfo> {
  const rows = prep(
    ctx.sqlite,
    `SELECT c.id, c.grade, c.letter,
            (SELECT g.id FROM study_group g WHERE g.class_id = c.id AND g.is_whole_class = 1 ORDER BY g.id LIMIT 1) AS group_id
     FROM class_unit c WHERE c.year_id = ?`,
  ).all(yearId) as { id: number; grade: number; letter: string; group_id: number | null }[];
  return new Map(rows.map((r) => [`${r.grade}${r.letter}`, { classId: r.id, groupId: r.group_id, label: `${r.grade}${r.letter}` }]));
}

// ---- planning: every check, no writes ----

export interface PersonFields {
  surname: string;
  name: string;
  /** undefined: no patronymic column, keep what is stored. */
  patronymic: string | null | undefined;
  /** undefined: empty cell or no column, keep what is stored. */
  birthDate: string | undefined;
  /** undefined: keep the stored UID (the import never removes one). */
  uid: string | undefined;
}

export type Step = (rec: Recorder) => void;

export interface Plan {
  errors: RowError[];
  preview: PreviewRow[];
  steps: Step[];
  total: number;
}

export interface Env {
  ctx: Ctx;
  actor: Actor;
  kind: RosterKind;
  header: Header;
  today: string;
  settings: SchoolSettings;
  plan: Plan;
  /** UID → the external id and line that claim it in this file. */
  uids: Map<string, { ext: string; line: number }>;
}

export class RowCheck {
  readonly errors: string[] = [];
  constructor(
    readonly env: Env,
    readonly row: TableRow,
  ) {}
  cell(f: Field): Cell | undefined {
    const i = this.env.header.columns[f];
    return i === undefined ? undefined : this.row.cells[i];
  }
  text(f: Field): string {
    return cleanText(this.cell(f));
  }
  has(f: Field): boolean {
    return this.env.header.columns[f] !== undefined;
  }
  fail(message: string): void {
    this.errors.push(message);
  }
  get ok(): boolean {
    return this.errors.length === 0;
  }
}

export const NAME_MAX = 100;
export const hasLetter = (s: string) => /\p{L}/u.test(s);

/** Names, birth date, UID and external id of a row; problems go to the row's errors. */
export function readPerson(r: RowCheck): { ext: string; fields: PersonFields } {
  // Passport-looking values anywhere in the row, including columns the import does not read.
  r.row.cells.forEach((c, i) => {
    if (typeof c === 'string' && looksLikePassport(c))
      r.fail(
        `в столбце «${r.env.header.titles[i] || `№ ${i + 1}`}» похоже на паспортные данные: они в программе не хранятся — удалите их из файла`,
      );
  });
  const ext = r.text('externalId');
  if (!ext) r.fail('не указан внешний код (идентификатор в исходной системе)');
  else if (ext.length > 100) r.fail('внешний код длиннее 100 символов');

  let surname = r.text('surname');
  let name = r.text('name');
  let patronymic: string | null | undefined = r.has('patronymic') ? r.text('patronymic') || null : undefined;
  if (r.has('fullName') && !surname && !name) {
    const parts = r.text('fullName').split(' ').filter(Boolean);
    surname = parts[0] ?? '';
    name = parts[1] ?? '';
    patronymic = parts.slice(2).join(' ') || null;
  }
  if (!surname) r.fail('не указана фамилия');
  if (!name) r.fail('не указано имя');
  for (const [label, v] of [
    ['фамилия', surname],
    ['имя', name],
    ['отчество', patronymic ?? ''],
  ] as const) {
    if (v.length > NAME_MAX) r.fail(`${label} длиннее ${NAME_MAX} символов`);
    else if (v && !hasLetter(v)) r.fail(`${label} «${v}» не похоже на имя`);
  }

  let birthDate: string | undefined;
  const bd = parseDate(r.cell('birthDate'));
  if (bd === null) r.fail(`неверная дата рождения «${cellText(r.cell('birthDate')).trim()}»: нужна ДД.ММ.ГГГГ или ГГГГ-ММ-ДД`);
  else if (bd !== undefined) {
    if (bd < '1900-01-01' || bd > r.env.today) r.fail(`дата рождения ${ruDate(bd)} невозможна`);
    else birthDate = bd;
  }

  let uid: string | undefined;
  const rawUid = r.text('uid').replace(/\s/g, '');
  if (rawUid) {
    const { uidMinLength: min, uidMaxLength: max } = r.env.settings;
    if (!/^\d+$/.test(rawUid)) r.fail(`UID «${rawUid}» должен состоять только из цифр`);
    else if (rawUid.length < min || rawUid.length > max) r.fail(`UID ${rawUid}: должно быть от ${min} до ${max} цифр`);
    else {
      const seen = r.env.uids.get(rawUid);
      if (seen && seen.ext !== ext) r.fail(`UID ${rawUid} повторяется в файле: он уже указан в строке ${seen.line}`);
      else {
        if (!seen) r.env.uids.set(rawUid, { ext, line: r.row.line });
        uid = rawUid;
      }
    }
  }
  return { ext, fields: { surname, name, patronymic, birthDate, uid } };
}

/** A stored UID held by someone other than personId (null for a new person) is refused, naming the holder. */
export function checkUidHolder(r: RowCheck, uid: string | undefined, personId: number | null): void {
  if (uid === undefined) return;
  const holder = prep(r.env.ctx.sqlite, 'SELECT id FROM person WHERE portal_uid = ?').get(uid) as { id: number } | undefined;
  if (holder && holder.id !== personId) r.fail(`UID ${uid} уже присвоен: ${describePerson(r.env.ctx, holder.id)}`);
}

/** Refuses an external id that belongs to a person of another kind (an id clash between source systems). */
export function checkKind(r: RowCheck, ext: string, p: PersonRow | undefined): void {
  if (!p) return;
  const k = personKinds(r.env.ctx, p.id);
  const clash = r.env.kind === 'pupils' ? !k.pupil && (k.staff || k.guardian) : k.pupil;
  if (clash) r.fail(`внешний код ${ext} уже принадлежит другому человеку: ${describePerson(r.env.ctx, p.id)}`);
}

export const PERSON_LABELS = { surname: 'фамилия', name: 'имя', patronymic: 'отчество', birthDate: 'дата рождения', uid: 'UID' } as const;

/** What changes on a stored person: labels for the preview, before/after for the audit. */
export function personDiff(p: PersonRow, f: PersonFields) {
  const stored = { surname: p.surname, name: p.name, patronymic: p.patronymic, birthDate: p.birth_date, uid: p.portal_uid };
  const next = {
    surname: f.surname,
    name: f.name,
    patronymic: f.patronymic === undefined ? p.patronymic : f.patronymic,
    birthDate: f.birthDate ?? p.birth_date,
    uid: f.uid ?? p.portal_uid,
  };
  const keys = (Object.keys(PERSON_LABELS) as (keyof typeof PERSON_LABELS)[]).filter((k) => stored[k] !== next[k]);
  const pick = (o: typeof stored) => Object.fromEntries(keys.map((k) => [k === 'uid' ? 'portalUid' : k, o[k]]));
  return { labels: keys.map((k) => PERSON_LABELS[k]), before: pick(stored), after: pick(next), next };
}

export function insertPerson(ctx: Ctx, rec: Recorder, ext: string, f: PersonFields): number {
  const after = {
    externalId: ext,
    surname: f.surname,
    name: f.name,
    patronymic: f.patronymic ?? null,
    birthDate: f.birthDate ?? null,
    portalUid: f.uid ?? null,
  };
  const id = Number(
    prep(ctx.sqlite, 'INSERT INTO person (surname, name, patronymic, birth_date, portal_uid, external_id) VALUES (?,?,?,?,?,?)').run(
      after.surname,
      after.name,
      after.patronymic,
      after.birthDate,
      after.portalUid,
      ext,
    ).lastInsertRowid,
  );
  rec.audit({ action: 'roster.create', entity: 'person', entityId: id, after, feed: 'upsert' });
  return id;
}

export function updatePerson(ctx: Ctx, rec: Recorder, id: number, diff: ReturnType<typeof personDiff>): void {
  if (!diff.labels.length) return;
  const n = diff.next;
  prep(ctx.sqlite, 'UPDATE person SET surname = ?, name = ?, patronymic = ?, birth_date = ?, portal_uid = ? WHERE id = ?').run(
    n.surname,
    n.name,
    n.patronymic,
    n.birthDate,
    n.uid,
    id,
  );
  rec.audit({ action: 'roster.update', entity: 'person', entityId: id, before: diff.before, after: diff.after, feed: 'upsert' });
}

export function addPreview(env: Env, line: number, action: PreviewRow['action'], ext: string, f: PersonFields, detail: string) {
  env.plan.preview.push({ line, action, externalId: ext, fullName: fullName({ ...f, patronymic: f.patronymic ?? null }), detail });
}
