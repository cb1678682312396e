// Roster import: pupils, guardians or staff from CSV or XLSX. Every row is checked (also
// against the database) before anything is written; any error imports nothing. A person is
// matched by the source system's external id, so a re-import updates instead of duplicating.
// The real import is one audited transaction; a dry run reads the same way and writes nothing.
import type { z } from 'zod';
import { addDays, schoolDate } from '../../../src-shared/dates';
import { ROLES, type Role, type SchoolSettings } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { fullName } from '../../../src-shared/names';
import { hasPermission } from '../../../src-shared/permissions';
import type { adminMethods } from '../../../src-shared/rpc/admin';
import { Login } from '../../../src-shared/rpc/auth';
import { requireActor, type Actor, type Ctx } from '../context';
import { mutate, type Recorder } from '../mutate';
import { currentYear } from '../school/handlers';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import {
  cleanText,
  looksLikePassport,
  mapHeader,
  parseClassName,
  parseDate,
  parseRoles,
  ROLE_LABEL,
  ruDate,
  type Field,
  type Header,
  type RosterKind,
} from './columns';
import { CsvError, decodeText, parseCsv } from './csv';
import { cellText, type Cell, type Table, type TableRow } from './table';
import { readXlsx, XlsxError } from './xlsx';

type Spec = (typeof adminMethods)['roster.import'];
export type RosterImportInput = z.infer<Spec['input']>;
export type RosterImportOutput = z.infer<Spec['output']>;
type PreviewRow = RosterImportOutput['preview'][number];
type RowError = RosterImportOutput['errors'][number];

/** Far above any school's roster; keeps one import within one quick transaction. */
export const MAX_ROWS = 20_000;

// ---- reading the file ----

/** A problem with the file as a whole; line 0 when it is not about one row. */
class FileProblem extends Error {
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

interface PersonRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | null;
  portal_uid: string | null;
}

function personByExternalId(ctx: Ctx, ext: string): PersonRow | undefined {
  return prep(ctx.sqlite, 'SELECT id, surname, name, patronymic, birth_date, portal_uid FROM person WHERE external_id = ?').get(ext) as
    PersonRow | undefined;
}

function personKinds(ctx: Ctx, id: number) {
  const r = prep(
    ctx.sqlite,
    `SELECT EXISTS (SELECT 1 FROM staff_user WHERE person_id = @id) AS staff,
            EXISTS (SELECT 1 FROM enrolment WHERE pupil_id = @id) AS pupil,
            EXISTS (SELECT 1 FROM guardianship WHERE guardian_id = @id) AS guardian`,
  ).get({ id }) as { staff: number; pupil: number; guardian: number };
  return { staff: r.staff === 1, pupil: r.pupil === 1, guardian: r.guardian === 1 };
}

/** "Иванова Мария Петровна (ученик 5А)": who holds an id, a UID or a login, for messages. */
function describePerson(ctx: Ctx, id: number): string {
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

interface ClassInfo {
  classId: number;
  groupId: number | null;
  label: string;
}

function classesOfYear(ctx: Ctx, yearId: number): Map<string, ClassInfo> {
  const rows = prep(
    ctx.sqlite,
    `SELECT c.id, c.grade, c.letter,
            (SELECT g.id FROM study_group g WHERE g.class_id = c.id AND g.is_whole_class = 1 ORDER BY g.id LIMIT 1) AS group_id
     FROM class_unit c WHERE c.year_id = ?`,
  ).all(yearId) as { id: number; grade: number; letter: string; group_id: number | null }[];
  return new Map(rows.map((r) => [`${r.grade}${r.letter}`, { classId: r.id, groupId: r.group_id, label: `${r.grade}${r.letter}` }]));
}

// ---- planning: every check, no writes ----

interface PersonFields {
  surname: string;
  name: string;
  /** undefined: no patronymic column, keep what is stored. */
  patronymic: string | null | undefined;
  /** undefined: empty cell or no column, keep what is stored. */
  birthDate: string | undefined;
  /** undefined: keep the stored UID (the import never removes one). */
  uid: string | undefined;
}

type Step = (rec: Recorder) => void;

interface Plan {
  errors: RowError[];
  preview: PreviewRow[];
  steps: Step[];
  total: number;
}

interface Env {
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

class RowCheck {
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

const NAME_MAX = 100;
const hasLetter = (s: string) => /\p{L}/u.test(s);

/** Names, birth date, UID and external id of a row; problems go to the row's errors. */
function readPerson(r: RowCheck): { ext: string; fields: PersonFields } {
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
function checkUidHolder(r: RowCheck, uid: string | undefined, personId: number | null): void {
  if (uid === undefined) return;
  const holder = prep(r.env.ctx.sqlite, 'SELECT id FROM person WHERE portal_uid = ?').get(uid) as { id: number } | undefined;
  if (holder && holder.id !== personId) r.fail(`UID ${uid} уже присвоен: ${describePerson(r.env.ctx, holder.id)}`);
}

/** Refuses an external id that belongs to a person of another kind (an id clash between source systems). */
function checkKind(r: RowCheck, ext: string, p: PersonRow | undefined): void {
  if (!p) return;
  const k = personKinds(r.env.ctx, p.id);
  const clash = r.env.kind === 'pupils' ? !k.pupil && (k.staff || k.guardian) : k.pupil;
  if (clash) r.fail(`внешний код ${ext} уже принадлежит другому человеку: ${describePerson(r.env.ctx, p.id)}`);
}

const PERSON_LABELS = { surname: 'фамилия', name: 'имя', patronymic: 'отчество', birthDate: 'дата рождения', uid: 'UID' } as const;

/** What changes on a stored person: labels for the preview, before/after for the audit. */
function personDiff(p: PersonRow, f: PersonFields) {
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

function insertPerson(ctx: Ctx, rec: Recorder, ext: string, f: PersonFields): number {
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

function updatePerson(ctx: Ctx, rec: Recorder, id: number, diff: ReturnType<typeof personDiff>): void {
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

function addPreview(env: Env, line: number, action: PreviewRow['action'], ext: string, f: PersonFields, detail: string) {
  env.plan.preview.push({ line, action, externalId: ext, fullName: fullName({ ...f, patronymic: f.patronymic ?? null }), detail });
}

// ---- pupils ----

function planPupils(env: Env, rows: TableRow[]): void {
  const { ctx } = env;
  const year = currentYear(ctx, env.today);
  if (!year) {
    env.plan.errors.push({ line: env.header.line, message: 'Учебный год не открыт: учеников некуда зачислить' });
    return;
  }
  const classes = classesOfYear(ctx, year.id);
  const seen = new Map<string, number>();
  const defaultFrom = env.today < year.starts_on ? year.starts_on : env.today;

  for (const row of rows) {
    const r = new RowCheck(env, row);
    const { ext, fields } = readPerson(r);
    if (ext) {
      const first = seen.get(ext);
      if (first !== undefined) r.fail(`внешний код ${ext} повторяется: он уже есть в строке ${first}`);
      else seen.set(ext, row.line);
    }

    const clsText = r.text('className');
    let cls: ClassInfo | undefined;
    if (!clsText) r.fail('не указан класс');
    else {
      const parsed = parseClassName(clsText);
      if (!parsed) r.fail(`класс «${clsText}» не распознан: нужен номер и буква, например 5А`);
      else {
        cls = classes.get(`${parsed.grade}${parsed.letter}`);
        if (!cls) r.fail(`класса ${parsed.grade}${parsed.letter} нет в текущем учебном году ${year.label}`);
        else if (cls.groupId === null) r.fail(`у класса ${cls.label} нет группы «весь класс»`);
      }
    }

    let from = defaultFrom;
    const fromParsed = parseDate(r.cell('fromDate'));
    if (fromParsed === null) r.fail(`неверная дата зачисления «${cellText(r.cell('fromDate')).trim()}»: нужна ДД.ММ.ГГГГ или ГГГГ-ММ-ДД`);
    else if (fromParsed !== undefined) from = fromParsed;
    if (fromParsed !== null && (from < year.starts_on || from > year.ends_on))
      r.fail(`дата зачисления ${ruDate(from)} вне учебного года ${year.label} (${ruDate(year.starts_on)}–${ruDate(year.ends_on)})`);

    const existing = ext ? personByExternalId(ctx, ext) : undefined;
    checkKind(r, ext, existing);
    checkUidHolder(r, fields.uid, existing?.id ?? null);

    // Where the pupil is on the "from" date, and what a class change must close.
    let current: { id: number; class_id: number; from_date: string; to_date: string | null; label: string } | undefined;
    let members: { id: number; group_id: number; from_date: string; to_date: string | null; name: string }[] = [];
    if (existing && cls && r.ok) {
      current = prep(
        ctx.sqlite,
        `SELECT e.id, e.class_id, e.from_date, e.to_date, c.grade || c.letter AS label FROM enrolment e
         JOIN class_unit c ON c.id = e.class_id
         WHERE e.pupil_id = ? AND (e.to_date IS NULL OR e.to_date >= ?) ORDER BY e.from_date DESC LIMIT 1`,
      ).get(existing.id, from) as typeof current;
      if (current && current.class_id !== cls.classId) {
        if (from < current.from_date)
          r.fail(
            `ученик зачислен в ${current.label} с ${ruDate(current.from_date)}: дата перевода в ${cls.label} (${ruDate(from)}) не может быть раньше`,
          );
        members = prep(
          ctx.sqlite,
          `SELECT m.id, m.group_id, m.from_date, m.to_date, g.name FROM group_member m JOIN study_group g ON g.id = m.group_id
           WHERE m.pupil_id = ? AND g.class_id = ? AND (m.to_date IS NULL OR m.to_date >= ?) ORDER BY m.id`,
        ).all(existing.id, current.class_id, from) as typeof members;
      }
    }

    if (!r.ok || !cls) {
      for (const message of r.errors) env.plan.errors.push({ line: row.line, message });
      continue;
    }
    const target = cls;
    const groupId = target.groupId!;
    const enrol = (rec: Recorder, pupilId: number) => {
      const eid = Number(
        prep(ctx.sqlite, 'INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,?)').run(pupilId, target.classId, from)
          .lastInsertRowid,
      );
      rec.audit({
        action: 'roster.create',
        entity: 'enrolment',
        entityId: eid,
        after: { pupilId, classId: target.classId, className: target.label, fromDate: from, toDate: null },
        feed: 'upsert',
      });
      const mid = Number(
        prep(ctx.sqlite, 'INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,?)').run(pupilId, groupId, from)
          .lastInsertRowid,
      );
      rec.audit({
        action: 'roster.create',
        entity: 'group_member',
        entityId: mid,
        after: { pupilId, groupId, group: target.label, fromDate: from, toDate: null },
        feed: 'upsert',
      });
    };

    if (!existing) {
      addPreview(env, row.line, 'create', ext, fields, `${target.label} с ${ruDate(from)}`);
      env.plan.steps.push((rec) => enrol(rec, insertPerson(ctx, rec, ext, fields)));
      continue;
    }

    const diff = personDiff(existing, fields);
    const changes: string[] = [...diff.labels];
    const moving = current !== undefined && current.class_id !== target.classId ? current : undefined;
    if (moving) changes.push(`перевод ${moving.label} → ${target.label} с ${ruDate(from)}`);
    else if (!current) changes.push(`зачисление в ${target.label} с ${ruDate(from)}`);
    if (!changes.length) {
      addPreview(env, row.line, 'unchanged', ext, fields, target.label);
      continue;
    }
    addPreview(env, row.line, 'update', ext, fields, changes.join('; '));
    const pupilId = existing.id;
    env.plan.steps.push((rec) => {
      updatePerson(ctx, rec, pupilId, diff);
      if (moving) leaveClass(ctx, rec, pupilId, moving, members, from);
      if (moving || !current) enrol(rec, pupilId);
    });
  }
}

/**
 * Ends the pupil's enrolment and memberships in a class the day before `from`. An enrolment
 * (or membership) that begins on `from` or later is a mistake being corrected: it is removed.
 */
function leaveClass(
  ctx: Ctx,
  rec: Recorder,
  pupilId: number,
  e: { id: number; class_id: number; from_date: string; to_date: string | null; label: string },
  members: { id: number; group_id: number; from_date: string; to_date: string | null; name: string }[],
  from: string,
): void {
  const last = addDays(from, -1);
  for (const m of members) {
    if (m.from_date < from) {
      prep(ctx.sqlite, 'UPDATE group_member SET to_date = ? WHERE id = ?').run(last, m.id);
      rec.audit({
        action: 'roster.update',
        entity: 'group_member',
        entityId: m.id,
        before: { pupilId, groupId: m.group_id, group: m.name, toDate: m.to_date },
        after: { pupilId, groupId: m.group_id, group: m.name, toDate: last },
        feed: 'upsert',
      });
    } else {
      prep(ctx.sqlite, 'DELETE FROM group_member WHERE id = ?').run(m.id);
      rec.audit({
        action: 'roster.delete',
        entity: 'group_member',
        entityId: m.id,
        before: { pupilId, groupId: m.group_id, group: m.name, fromDate: m.from_date, toDate: m.to_date },
        feed: 'delete',
      });
    }
  }
  if (e.from_date < from) {
    prep(ctx.sqlite, 'UPDATE enrolment SET to_date = ? WHERE id = ?').run(last, e.id);
    rec.audit({
      action: 'roster.update',
      entity: 'enrolment',
      entityId: e.id,
      before: { pupilId, classId: e.class_id, className: e.label, toDate: e.to_date },
      after: { pupilId, classId: e.class_id, className: e.label, toDate: last },
      feed: 'upsert',
    });
  } else {
    prep(ctx.sqlite, 'DELETE FROM enrolment WHERE id = ?').run(e.id);
    rec.audit({
      action: 'roster.delete',
      entity: 'enrolment',
      entityId: e.id,
      before: { pupilId, classId: e.class_id, className: e.label, fromDate: e.from_date, toDate: e.to_date },
      feed: 'delete',
    });
  }
}

// ---- guardians ----

function planGuardians(env: Env, rows: TableRow[]): void {
  const { ctx } = env;
  /** One person per guardian external id, however many children (rows) they have. */
  const guardians = new Map<string, { line: number; fields: PersonFields; existing: PersonRow | undefined; ref: { id: number | null } }>();
  const pairs = new Map<string, number>();

  for (const row of rows) {
    const r = new RowCheck(env, row);
    const { ext, fields } = readPerson(r);
    const pupilExt = r.text('pupilExternalId');
    const relation = r.text('relation');
    if (!pupilExt) r.fail('не указан код ученика');
    if (!relation) r.fail('не указана степень родства (мать, отец, опекун…)');
    else if (relation.length < 2 || relation.length > 50) r.fail('степень родства: от 2 до 50 символов');
    if (ext && pupilExt && ext === pupilExt) r.fail('код представителя совпадает с кодом ученика');

    let pupil: { id: number; surname: string; name: string; patronymic: string | null; label: string | null } | undefined;
    if (pupilExt) {
      pupil = prep(
        ctx.sqlite,
        `SELECT p.id, p.surname, p.name, p.patronymic,
                (SELECT c.grade || c.letter FROM enrolment e JOIN class_unit c ON c.id = e.class_id
                 WHERE e.pupil_id = p.id ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1) AS label
         FROM person p WHERE p.external_id = ? AND EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = p.id)`,
      ).get(pupilExt) as typeof pupil;
      if (!pupil) r.fail(`ученик с кодом ${pupilExt} не найден: сначала импортируйте учеников`);
    }
    if (ext && pupilExt) {
      const key = `${ext}\u0000${pupilExt}`;
      const first = pairs.get(key);
      if (first !== undefined) r.fail(`представитель ${ext} и ученик ${pupilExt} уже указаны в строке ${first}`);
      else pairs.set(key, row.line);
    }

    let g = ext ? guardians.get(ext) : undefined;
    if (g) {
      const a = g.fields;
      const differs =
        a.surname !== fields.surname ||
        a.name !== fields.name ||
        (a.patronymic ?? null) !== (fields.patronymic ?? null) ||
        (fields.birthDate !== undefined && a.birthDate !== fields.birthDate) ||
        (fields.uid !== undefined && a.uid !== fields.uid);
      if (differs) r.fail(`данные представителя с кодом ${ext} отличаются от строки ${g.line}: ФИО, дата рождения и UID должны совпадать`);
    } else if (ext && r.ok) {
      const existing = personByExternalId(ctx, ext);
      checkKind(r, ext, existing);
      checkUidHolder(r, fields.uid, existing?.id ?? null);
      if (r.ok) guardians.set(ext, (g = { line: row.line, fields, existing, ref: { id: existing?.id ?? null } }));
    }

    if (!r.ok || !g || !pupil) {
      for (const message of r.errors) env.plan.errors.push({ line: row.line, message });
      continue;
    }
    const guardian = g;
    const child = pupil;
    const isFirst = guardian.line === row.line;
    const link = guardian.existing
      ? (prep(ctx.sqlite, 'SELECT id, relation FROM guardianship WHERE guardian_id = ? AND pupil_id = ?').get(
          guardian.existing.id,
          child.id,
        ) as { id: number; relation: string } | undefined)
      : undefined;
    const childName = `${fullName(child)}${child.label ? ` (${child.label})` : ''}`;
    const diff = guardian.existing && isFirst ? personDiff(guardian.existing, fields) : null;
    const changes: string[] = [...(diff?.labels ?? [])];
    if (link && link.relation !== relation) changes.push(`степень родства: ${link.relation} → ${relation}`);
    const action: PreviewRow['action'] = !link ? 'create' : changes.length ? 'update' : 'unchanged';
    addPreview(env, row.line, action, ext, fields, [`${relation} → ${childName}`, ...changes].join('; '));
    if (action === 'unchanged') continue;

    env.plan.steps.push((rec) => {
      if (guardian.ref.id === null) guardian.ref.id = insertPerson(ctx, rec, ext, fields);
      else if (diff) updatePerson(ctx, rec, guardian.ref.id, diff);
      const guardianId = guardian.ref.id;
      if (!link) {
        const id = Number(
          prep(ctx.sqlite, 'INSERT INTO guardianship (guardian_id, pupil_id, relation) VALUES (?,?,?)').run(guardianId, child.id, relation)
            .lastInsertRowid,
        );
        rec.audit({
          action: 'roster.create',
          entity: 'guardianship',
          entityId: id,
          after: { guardianId, pupilId: child.id, relation },
          feed: 'upsert',
        });
      } else if (link.relation !== relation) {
        prep(ctx.sqlite, 'UPDATE guardianship SET relation = ? WHERE id = ?').run(relation, link.id);
        rec.audit({
          action: 'roster.update',
          entity: 'guardianship',
          entityId: link.id,
          before: { guardianId, pupilId: child.id, relation: link.relation },
          after: { guardianId, pupilId: child.id, relation },
          feed: 'upsert',
        });
      }
    });
  }
}

// ---- staff ----

/** Roles in the order of the matrix, in Russian. */
const roleList = (roles: readonly Role[]) =>
  ROLES.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABEL[r])
    .join(', ');
const ALL_ROLES_TEXT = 'учитель, классный руководитель, заместитель директора (завуч), контроль, администратор, директор';

function planStaff(env: Env, rows: TableRow[]): void {
  const { ctx } = env;
  const seen = new Map<string, number>();
  const logins = new Map<string, number>();

  for (const row of rows) {
    const r = new RowCheck(env, row);
    const { ext, fields } = readPerson(r);
    if (ext) {
      const first = seen.get(ext);
      if (first !== undefined) r.fail(`внешний код ${ext} повторяется: он уже есть в строке ${first}`);
      else seen.set(ext, row.line);
    }

    const login = r.text('login');
    if (!login) r.fail('не указан логин');
    else if (!Login.safeParse(login).success) r.fail(`логин «${login}»: только латинские буквы, цифры, точка, _ и -, до 64 символов`);
    else {
      const first = logins.get(login.toLowerCase());
      if (first !== undefined) r.fail(`логин ${login} повторяется: он уже есть в строке ${first}`);
      else logins.set(login.toLowerCase(), row.line);
    }

    const { roles, unknown } = parseRoles(r.text('roles'));
    for (const u of unknown) r.fail(`неизвестная роль «${u}»: допустимы ${ALL_ROLES_TEXT}`);

    const existing = ext ? personByExternalId(ctx, ext) : undefined;
    checkKind(r, ext, existing);
    checkUidHolder(r, fields.uid, existing?.id ?? null);
    const account = existing
      ? (prep(ctx.sqlite, 'SELECT id, login FROM staff_user WHERE person_id = ?').get(existing.id) as
          { id: number; login: string } | undefined)
      : undefined;
    if (!account && !roles.length && !unknown.length) r.fail('не указаны роли');
    if (login && r.ok) {
      const holder = prep(ctx.sqlite, 'SELECT person_id FROM staff_user WHERE login = ? COLLATE NOCASE AND id IS NOT ?').get(
        login,
        account?.id ?? null,
      ) as { person_id: number } | undefined;
      if (holder) r.fail(`логин ${login} уже занят: ${describePerson(ctx, holder.person_id)}`);
    }
    const storedRoles = account
      ? (prep(ctx.sqlite, 'SELECT role FROM staff_role WHERE staff_id = ?').all(account.id) as { role: Role }[]).map((x) => x.role)
      : [];
    if (account && account.id === env.actor.staffId && roles.length && !roles.includes('administrator'))
      r.fail('нельзя снять роль администратора с самого себя');

    if (!r.ok) {
      for (const message of r.errors) env.plan.errors.push({ line: row.line, message });
      continue;
    }

    const newRoles = roles.length ? roles : storedRoles;
    if (!existing || !account) {
      const detail = `логин ${login}; роли: ${roleList(newRoles)}${existing ? '; новая учётная запись' : ''}`;
      const diff = existing ? personDiff(existing, fields) : null;
      addPreview(env, row.line, existing ? 'update' : 'create', ext, fields, detail);
      env.plan.steps.push((rec) => {
        let personId: number;
        if (existing) {
          personId = existing.id;
          updatePerson(ctx, rec, personId, diff!);
        } else personId = insertPerson(ctx, rec, ext, fields);
        // No password: the administrator resets one to hand it over; it must be changed at first sign-in.
        const staffId = Number(
          prep(
            ctx.sqlite,
            'INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,NULL,1,?)',
          ).run(personId, login, ctx.now().toISOString()).lastInsertRowid,
        );
        for (const role of newRoles) prep(ctx.sqlite, 'INSERT INTO staff_role (staff_id, role) VALUES (?,?)').run(staffId, role);
        rec.audit({ action: 'roster.create', entity: 'staff_user', entityId: staffId, after: { personId, login, roles: newRoles } });
      });
      continue;
    }

    const diff = personDiff(existing, fields);
    const changes: string[] = [...diff.labels];
    const loginChanged = account.login !== login;
    if (loginChanged) changes.push(`логин ${account.login} → ${login}`);
    const rolesChanged = roles.length > 0 && (roles.length !== storedRoles.length || roles.some((x) => !storedRoles.includes(x)));
    if (rolesChanged) changes.push(`роли: ${roleList(storedRoles) || 'нет'} → ${roleList(roles)}`);
    if (!changes.length) {
      addPreview(env, row.line, 'unchanged', ext, fields, `логин ${login}; роли: ${roleList(storedRoles)}`);
      continue;
    }
    addPreview(env, row.line, 'update', ext, fields, changes.join('; '));
    env.plan.steps.push((rec) => {
      updatePerson(ctx, rec, existing.id, diff);
      if (!loginChanged && !rolesChanged) return;
      if (loginChanged) prep(ctx.sqlite, 'UPDATE staff_user SET login = ? WHERE id = ?').run(login, account.id);
      if (rolesChanged) {
        prep(ctx.sqlite, 'DELETE FROM staff_role WHERE staff_id = ?').run(account.id);
        for (const role of roles) prep(ctx.sqlite, 'INSERT INTO staff_role (staff_id, role) VALUES (?,?)').run(account.id, role);
      }
      rec.audit({
        action: 'roster.update',
        entity: 'staff_user',
        entityId: account.id,
        before: { ...(loginChanged ? { login: account.login } : {}), ...(rolesChanged ? { roles: storedRoles } : {}) },
        after: { ...(loginChanged ? { login } : {}), ...(rolesChanged ? { roles } : {}) },
      });
    });
  }
}

// ---- the import ----

const PLANNERS: Record<RosterKind, (env: Env, rows: TableRow[]) => void> = {
  pupils: planPupils,
  guardians: planGuardians,
  staff: planStaff,
};

/** Reads the file and checks every row; returns what would be written as steps. */
function planImport(ctx: Ctx, actor: Actor, input: RosterImportInput): Plan {
  const plan: Plan = { errors: [], preview: [], steps: [], total: 0 };
  let table: Table;
  try {
    table = readTable(Buffer.from(input.data, 'base64'), input.fileName);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    plan.errors.push({ line: e.line, message: e.message });
    return plan;
  }
  const { header, problems, missingColumns } = mapHeader(input.kind, table);
  plan.errors.push(...problems);
  if (!header || missingColumns) return plan;

  const rows = table.rows.filter((r) => r.line > header.line);
  plan.total = rows.length;
  if (!rows.length) {
    plan.errors.push({ line: header.line, message: 'В файле нет строк с данными под заголовком' });
    return plan;
  }
  if (rows.length > MAX_ROWS) {
    plan.errors.push({ line: 0, message: `Слишком много строк (${rows.length}): за один раз можно загрузить до ${MAX_ROWS}` });
    return plan;
  }

  const env: Env = {
    ctx,
    actor,
    kind: input.kind,
    header,
    today: schoolDate(ctx.now()),
    settings: loadSettings(ctx),
    plan,
    uids: new Map(),
  };
  PLANNERS[input.kind](env, rows);
  plan.errors.sort((a, b) => a.line - b.line);
  plan.preview.sort((a, b) => a.line - b.line);
  return plan;
}

function output(plan: Plan, dryRun: boolean, imported: boolean): RosterImportOutput {
  const count = (a: PreviewRow['action']) => plan.preview.filter((p) => p.action === a).length;
  return {
    dryRun,
    imported,
    total: plan.total,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors: plan.errors,
    preview: plan.preview,
  };
}

/** Thrown inside the transaction to roll it back when a row fails: nothing is written. */
class Refused extends Error {
  constructor(readonly result: RosterImportOutput) {
    super('roster import refused');
  }
}

const KIND_PERMISSION = { pupils: 'staff.manage', staff: 'staff.manage', guardians: 'guardians.manage' } as const;

/**
 * Imports a roster file. A dry run checks everything (including the database) and writes
 * nothing; a real run writes all rows in one audited transaction, or nothing when any row fails.
 */
export function importRoster(ctx: Ctx, input: RosterImportInput): RosterImportOutput {
  const actor = requireActor(ctx);
  if (!hasPermission(actor.roles, 'staff.manage') || !hasPermission(actor.roles, KIND_PERMISSION[input.kind]))
    throw new AppError('forbidden', 'Загружать списки может только администратор');

  if (input.dryRun) return output(planImport(ctx, actor, input), true, false);
  try {
    return mutate(ctx, (rec) => {
      const plan = planImport(ctx, actor, input);
      if (plan.errors.length) throw new Refused(output(plan, false, false));
      for (const step of plan.steps) step(rec);
      const result = output(plan, false, true);
      rec.audit({
        action: 'roster.import',
        entity: 'roster',
        after: {
          kind: input.kind,
          fileName: input.fileName,
          total: result.total,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        },
      });
      return result;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    throw e;
  }
}
