// Roster import of pupils: new pupils join a class; a changed class moves the enrolment.
import { addDays } from '../../../src-shared/dates';
import { type Ctx } from '../context';
import { type Recorder } from '../mutate';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import { parseClassName, parseDate, ruDate } from './columns';
import { cellText, type TableRow } from './table';
import {
  ClassInfo,
  Env,
  RowCheck,
  addPreview,
  checkKind,
  checkUidHolder,
  classesOfYear,
  insertPerson,
  personByExternalId,
  personDiff,
  readPerson,
  updatePerson,
} from './plan';

// ---- pupils ----

export function planPupils(env: Env, rows: TableRow[]): void {
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
