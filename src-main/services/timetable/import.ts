// Timetable import from CSV/XLSX: a preview with every row's problem (nothing written), then an
// apply that writes all rows in one audited transaction, or nothing when any row fails.
import type { Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';
import { normalizeName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { FileProblem, readTable } from '../roster/plan';
import { prep } from '../sql';
import { applyChange, checkChange, followChange, type SlotChange } from './entries';
import { parseTimetableTable, type FileRow } from './import-rows';

interface Input {
  fileName: string;
  data: string;
  dryRun: boolean;
}

type Resolved = { row: FileRow; change: SlotChange };

/** A class «5А» of the year holding the date; its group by name (empty: the whole class). */
function findGroup(sqlite: Sqlite, r: FileRow): number | string {
  const m = /^(\d{1,2})\s*-?\s*([А-ЯЁA-Z]?)$/i.exec(r.className.replace(/\s+/g, ''));
  if (!m) return `«${r.className}» — не класс (нужно, например, 5А)`;
  const cls = prep(
    sqlite,
    `SELECT c.id FROM class_unit c JOIN school_year y ON y.id = c.year_id
       WHERE c.grade = ? AND upper(c.letter) = upper(?) AND ? BETWEEN y.starts_on AND y.ends_on LIMIT 1`,
  ).get(Number(m[1]), m[2] ?? '', r.from) as { id: number } | undefined;
  if (!cls) return `класса ${r.className} нет в учебном году, в который попадает дата ${r.from}`;
  const groups = prep(sqlite, 'SELECT id, name, is_whole_class FROM study_group WHERE class_id = ?').all(cls.id) as {
    id: number;
    name: string;
    is_whole_class: number;
  }[];
  const g = r.groupName
    ? groups.find((x) => normalizeName(x.name) === normalizeName(r.groupName))
    : groups.find((x) => x.is_whole_class === 1);
  if (!g) return r.groupName ? `в классе ${r.className} нет группы «${r.groupName}»` : `у класса ${r.className} нет группы «весь класс»`;
  return g.id;
}

/** A teacher by login, «Фамилия И. О.», «Фамилия И.О.» or a surname that is unique. */
function findTeacher(sqlite: Sqlite, text: string): number | string {
  const staff = prep(
    sqlite,
    `SELECT u.id, u.login, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id
       WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))`,
  ).all() as { id: number; login: string; surname: string; name: string; patronymic: string | null }[];
  const byLogin = staff.find((s) => s.login.toLowerCase() === text.toLowerCase());
  if (byLogin) return byLogin.id;
  const key = (s: string) => normalizeName(s).replace(/[\s.]/g, '');
  const want = key(text);
  const found = staff.filter(
    (s) => key(`${s.surname}${s.name[0] ?? ''}${s.patronymic?.[0] ?? ''}`) === want || key(`${s.surname}${s.name[0] ?? ''}`) === want || key(s.surname) === want,
  );
  if (found.length === 1) return found[0]!.id;
  return found.length ? `учителей «${text}» несколько: укажите логин` : `учитель «${text}» не найден (фамилия с инициалами или логин)`;
}

function resolve(sqlite: Sqlite, rows: FileRow[], errors: { line: number; message: string }[]): Resolved[] {
  const out: Resolved[] = [];
  const seen = new Map<string, number>();
  const teacherAt = new Map<string, number>();
  for (const r of rows) {
    const problems: string[] = [];
    const group = findGroup(sqlite, r);
    if (typeof group === 'string') problems.push(group);
    const subject = prep(sqlite, 'SELECT id FROM subject WHERE lower(name) = lower(?)').get(r.subject) as { id: number } | undefined;
    if (!subject) problems.push(`предмет «${r.subject}» не найден`);
    const teacher = findTeacher(sqlite, r.teacher);
    if (typeof teacher === 'string') problems.push(teacher);
    if (problems.length === 0) {
      const key = `${group}|${r.weekday}|${r.slot}|${r.from}`;
      if (seen.has(key)) problems.push(`этот урок группы уже задан в строке ${seen.get(key)}`);
      seen.set(key, r.line);
      const tkey = `${teacher}|${r.weekday}|${r.slot}|${r.from}`;
      if (teacherAt.has(tkey)) problems.push(`учитель в это время уже ведёт урок по строке ${teacherAt.get(tkey)}`);
      teacherAt.set(tkey, r.line);
    }
    if (problems.length === 0) {
      const change: SlotChange = {
        groupId: group as number,
        weekday: r.weekday,
        slot: r.slot,
        subjectId: subject!.id,
        teacherId: teacher as number,
        room: r.room,
        from: r.from,
      };
      try {
        checkChange(sqlite, change);
        out.push({ row: r, change });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        problems.push(e.message);
      }
    }
    if (problems.length) errors.push({ line: r.line, message: problems.join('; ') });
  }
  return out;
}

class Refused extends Error {}

export function importTimetable(ctx: Ctx, input: Input) {
  const errors: { line: number; message: string }[] = [];
  let rows: FileRow[] = [];
  try {
    const parsed = parseTimetableTable(readTable(Buffer.from(input.data, 'base64'), input.fileName));
    rows = parsed.rows;
    errors.push(...parsed.errors);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    errors.push({ line: e.line, message: e.message });
  }
  const result = (resolved: Resolved[], imported: boolean) => ({
    dryRun: input.dryRun,
    imported,
    total: rows.length + errors.filter((e) => e.line > 0).length,
    errors: [...errors].sort((a, b) => a.line - b.line),
    preview: resolved.map(({ row }) => ({
      line: row.line,
      className: row.className,
      groupName: row.groupName,
      weekday: row.weekday,
      slot: row.slot,
      subjectName: row.subject,
      teacherName: row.teacher,
      room: row.room,
      from: row.from,
    })),
  });
  if (input.dryRun) return result(resolve(ctx.sqlite, rows, errors), false);
  let out: ReturnType<typeof result> | null = null;
  try {
    return mutate(ctx, (rec) => {
      const resolved = resolve(ctx.sqlite, rows, errors);
      out = result(resolved, false);
      if (errors.length || resolved.length === 0) throw new Refused();
      const firstFrom = new Map<number, string>();
      for (const { change } of resolved) {
        applyChange(ctx, rec, change);
        const f = firstFrom.get(change.groupId);
        if (!f || change.from < f) firstFrom.set(change.groupId, change.from);
      }
      for (const [groupId, from] of firstFrom) followChange(ctx, rec, groupId, from);
      rec.audit({ action: 'timetable.import', entity: 'timetable', after: { fileName: input.fileName, rows: resolved.length } });
      return result(resolved, true);
    });
  } catch (e) {
    if (e instanceof Refused && out) return out;
    throw e;
  }
}
