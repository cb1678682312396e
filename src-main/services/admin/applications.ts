// Parents' diary applications, registered while the parent is present with a passport.
// The passport is only looked at: names are compared, "checked" is recorded with who and
// when, and no series or number is ever stored.
import { AppError } from '../../../src-shared/errors';
import { fullName, nameMismatches, type NameField } from '../../../src-shared/names';
import type { ApplicationView } from '../../../src-shared/rpc/admin';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { assertUidFree } from './uid';
import { applicationNames } from '../forms/application';

const FIELD_RU: Record<NameField, string> = { surname: 'фамилия', name: 'имя', patronymic: 'отчество' };

/** Something like "40 12 345678": passport series and number must not be typed anywhere. */
const PASSPORT_LIKE = /\d{2}\s?\d{2}\s?\d{6}/;
export function assertNoPassportData(values: Record<string, string | null | undefined>): void {
  for (const [field, v] of Object.entries(values))
    if (v && PASSPORT_LIKE.test(v))
      throw new AppError('validation', 'Паспортные данные (серия и номер) не вводятся и не хранятся', [
        { path: [field], message: 'похоже на номер паспорта' },
      ]);
}

/** The pupil ids the caller may see guardians of: all for the administrator, own class otherwise. */
function assertMayReadPupil(ctx: Ctx, pupilId: number): void {
  const actor = requireActor(ctx);
  if (actor.roles.includes('administrator')) return;
  const ok = prep(
    ctx.sqlite,
    `SELECT 1 FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE e.pupil_id = ? AND c.class_teacher_id = ? AND e.to_date IS NULL LIMIT 1`,
  ).get(pupilId, actor.staffId);
  if (!ok) throw new AppError('forbidden', 'Данные законных представителей видны администратору и классному руководителю ученика');
}

function ledClasses(ctx: Ctx): number[] | null {
  const actor = requireActor(ctx);
  if (actor.roles.includes('administrator')) return null;
  return (prep(ctx.sqlite, 'SELECT id FROM class_unit WHERE class_teacher_id = ?').all(actor.staffId) as { id: number }[]).map((r) => r.id);
}

function currentClass(ctx: Ctx, pupilId: number): { id: number; name: string } | null {
  return (
    (prep(
      ctx.sqlite,
      `SELECT c.id, c.grade || c.letter AS name FROM enrolment e JOIN class_unit c ON c.id = e.class_id
       WHERE e.pupil_id = ? ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1`,
    ).get(pupilId) as { id: number; name: string } | undefined) ?? null
  );
}

type PersonRow = {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | null;
  portal_uid: string | null;
};
const person = (ctx: Ctx, id: number) =>
  prep(ctx.sqlite, 'SELECT id, surname, name, patronymic, birth_date, portal_uid FROM person WHERE id = ?').get(id) as
    PersonRow | undefined;

export function searchPupils(ctx: Ctx, input: { query: string; classId?: number | undefined }) {
  const led = ledClasses(ctx);
  const q = input.query.toLocaleLowerCase('ru').replace(/ё/g, 'е');
  const rows = prep(
    ctx.sqlite,
    `SELECT p.id, p.surname, p.name, p.patronymic, p.birth_date, c.id AS class_id, c.grade || c.letter AS cls
     FROM enrolment e JOIN person p ON p.id = e.pupil_id JOIN class_unit c ON c.id = e.class_id JOIN school_year y ON y.id = c.year_id
     WHERE y.status = 'open' AND e.to_date IS NULL AND (@classId IS NULL OR c.id = @classId)
     ORDER BY c.grade, c.letter, p.surname, p.name`,
  ).all({ classId: input.classId ?? null }) as (PersonRow & { class_id: number; cls: string })[];
  // Russian case folding is done here: SQLite's lower() only knows ASCII.
  const match = (r: PersonRow) => !q || fullName(r).toLocaleLowerCase('ru').replace(/ё/g, 'е').includes(q);
  return {
    pupils: rows
      .filter((r) => (led === null || led.includes(r.class_id)) && match(r))
      .slice(0, 50)
      .map((r) => ({ id: r.id, fullName: fullName(r), className: r.cls, birthDate: r.birth_date })),
  };
}

export function guardiansOf(ctx: Ctx, input: { pupilId: number }) {
  const p = person(ctx, input.pupilId);
  if (!p) throw new AppError('not_found', 'Нет такого ученика');
  assertMayReadPupil(ctx, p.id);
  const rows = prep(
    ctx.sqlite,
    `SELECT g.guardian_id, g.relation, p.surname, p.name, p.patronymic, p.portal_uid FROM guardianship g
     JOIN person p ON p.id = g.guardian_id WHERE g.pupil_id = ? ORDER BY g.id`,
  ).all(p.id) as {
    guardian_id: number;
    relation: string;
    surname: string;
    name: string;
    patronymic: string | null;
    portal_uid: string | null;
  }[];
  return {
    pupil: { id: p.id, fullName: fullName(p), className: currentClass(ctx, p.id)?.name ?? null },
    guardians: rows.map((r) => ({
      guardianId: r.guardian_id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      relation: r.relation,
      portalUid: r.portal_uid,
    })),
  };
}

const APP_SQL = `
  SELECT a.*, pp.surname AS p_surname, pp.name AS p_name, pp.patronymic AS p_patronymic,
         gp.surname AS g_surname, gp.name AS g_name, gp.patronymic AS g_patronymic, gp.portal_uid AS g_uid,
         (SELECT relation FROM guardianship g WHERE g.guardian_id = a.guardian_id AND g.pupil_id = a.pupil_id) AS relation,
         cp.surname AS c_surname, cp.name AS c_name, cp.patronymic AS c_patronymic,
         (SELECT c.id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE e.pupil_id = a.pupil_id
          ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1) AS class_id,
         (SELECT c.grade || c.letter FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE e.pupil_id = a.pupil_id
          ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1) AS class_name
  FROM diary_application a JOIN person pp ON pp.id = a.pupil_id JOIN person gp ON gp.id = a.guardian_id
  LEFT JOIN staff_user cu ON cu.id = a.passport_checked_by LEFT JOIN person cp ON cp.id = cu.person_id`;

function printedNames(ctx: Ctx, guardianId: number, pupilId: number) {
  const { guardianGenitive, pupilGenitive } = applicationNames(ctx, { guardianId, pupilId });
  return { guardianGenitive, pupilGenitive };
}

type AppRow = Record<string, unknown> & { id: number; class_id: number | null };

function appView(ctx: Ctx, r: AppRow): ApplicationView {
  const s = (k: string) => r[k] as string;
  const n = (k: string) => (r[k] as string | null) ?? null;
  return {
    id: r.id,
    number: s('number'),
    appliedOn: s('applied_on'),
    status: s('status') as ApplicationView['status'],
    pupilId: r.pupil_id as number,
    pupilName: fullName({ surname: s('p_surname'), name: s('p_name'), patronymic: n('p_patronymic') }),
    className: n('class_name'),
    guardianId: r.guardian_id as number,
    guardianName: fullName({ surname: s('g_surname'), name: s('g_name'), patronymic: n('g_patronymic') }),
    // As the printed form declines them, with the school's corrections (forms/application.ts).
    ...printedNames(ctx, r.guardian_id as number, r.pupil_id as number),
    relation: n('relation'),
    // The UID recorded with the application, else the one the guardian has been given since.
    portalUid: n('portal_uid') ?? n('g_uid'),
    passportCheckedBy: r.c_surname ? fullName({ surname: s('c_surname'), name: s('c_name'), patronymic: n('c_patronymic') }) : null,
    passportCheckedAt: n('passport_checked_at'),
    mismatchConfirmed: r.mismatch_confirmed === 1,
    reason: n('reason'),
  };
}

export function applicationById(ctx: Ctx, id: number): ApplicationView {
  const r = prep(ctx.sqlite, `${APP_SQL} WHERE a.id = ?`).get(id) as AppRow | undefined;
  if (!r) throw new AppError('not_found', 'Нет такого заявления');
  const led = ledClasses(ctx);
  if (led && (r.class_id === null || !led.includes(r.class_id))) throw new AppError('forbidden', 'Заявление ученика не вашего класса');
  return appView(ctx, r);
}

export function listApplications(ctx: Ctx, input: { classId?: number | undefined; status?: string | undefined }) {
  const led = ledClasses(ctx);
  const rows = (prep(ctx.sqlite, `${APP_SQL} ORDER BY a.applied_on DESC, a.id DESC`).all() as AppRow[]).filter(
    (r) =>
      (input.classId === undefined || r.class_id === input.classId) &&
      (input.status === undefined || r.status === input.status) &&
      (led === null || (r.class_id !== null && led.includes(r.class_id))),
  );
  // A family is a pupil; it is connected when one of its applications is.
  const perClass = (
    prep(
      ctx.sqlite,
      `SELECT c.id, c.grade || c.letter AS name, COUNT(*) AS families,
              SUM(EXISTS (SELECT 1 FROM diary_application a WHERE a.pupil_id = e.pupil_id AND a.status = 'connected')) AS connected
       FROM enrolment e JOIN class_unit c ON c.id = e.class_id JOIN school_year y ON y.id = c.year_id
       WHERE y.status = 'open' AND e.to_date IS NULL GROUP BY c.id ORDER BY c.grade, c.letter`,
    ).all() as { id: number; name: string; families: number; connected: number }[]
  )
    .filter((c) => led === null || led.includes(c.id))
    .map((c) => ({ classId: c.id, className: c.name, families: c.families, connected: c.connected }));
  return { applications: rows.map((r) => appView(ctx, r)), perClass };
}

type NewGuardian = { surname: string; name: string; patronymic?: string | undefined; relation: string };

export function createApplication(
  ctx: Ctx,
  input: {
    pupilId: number;
    guardian: { guardianId: number } | NewGuardian;
    passport: { surname: string; name: string; patronymic?: string | undefined };
    confirmMismatch: boolean;
    passportChecked: true;
    number: string;
    appliedOn: string;
    portalUid?: string | undefined;
  },
) {
  const actor = requireActor(ctx);
  const pupil = person(ctx, input.pupilId);
  if (!pupil || !currentClass(ctx, pupil.id)) throw new AppError('not_found', 'Нет такого ученика');
  const typed = 'guardianId' in input.guardian ? {} : input.guardian;
  assertNoPassportData({ number: input.number, ...input.passport, ...typed });
  let dbNames: { surname: string; name: string; patronymic: string | null };
  if ('guardianId' in input.guardian) {
    const link = prep(ctx.sqlite, 'SELECT 1 FROM guardianship WHERE guardian_id = ? AND pupil_id = ?').get(
      input.guardian.guardianId,
      pupil.id,
    );
    const g = person(ctx, input.guardian.guardianId);
    if (!g || !link)
      throw new AppError('validation', 'Этот человек не записан законным представителем ученика', [
        { path: ['guardian'], message: 'не представитель' },
      ]);
    dbNames = g;
  } else dbNames = { ...input.guardian, patronymic: input.guardian.patronymic || null };
  const mismatches = nameMismatches(dbNames, input.passport);
  if (mismatches.length && !input.confirmMismatch)
    throw new AppError(
      'validation',
      `ФИО не совпадает с паспортом (${mismatches.map((f) => FIELD_RU[f]).join(', ')}): исправьте или подтвердите расхождение`,
      mismatches.map((f) => ({ path: ['passport', f], message: 'не совпадает с базой' })),
    );
  if (prep(ctx.sqlite, 'SELECT 1 FROM diary_application WHERE number = ?').get(input.number))
    throw new AppError('conflict', `Заявление № ${input.number} уже зарегистрировано`, [{ path: ['number'], message: 'номер занят' }]);
  const existingGuardian = 'guardianId' in input.guardian ? input.guardian.guardianId : null;
  if (input.portalUid) assertUidFree(ctx, input.portalUid, existingGuardian);

  const id = mutate(ctx, (rec) => {
    let guardianId = existingGuardian;
    if (guardianId === null) {
      const g = input.guardian as NewGuardian;
      guardianId = Number(
        prep(ctx.sqlite, 'INSERT INTO person (surname, name, patronymic) VALUES (?,?,?)').run(g.surname, g.name, g.patronymic || null)
          .lastInsertRowid,
      );
      prep(ctx.sqlite, 'INSERT INTO guardianship (guardian_id, pupil_id, relation) VALUES (?,?,?)').run(guardianId, pupil.id, g.relation);
      rec.audit({
        action: 'guardian.create',
        entity: 'person',
        entityId: guardianId,
        after: { pupilId: pupil.id, relation: g.relation },
        feed: 'upsert',
      });
    }
    if (input.portalUid) {
      const before = person(ctx, guardianId)!.portal_uid;
      if (before !== input.portalUid) {
        prep(ctx.sqlite, 'UPDATE person SET portal_uid = ? WHERE id = ?').run(input.portalUid, guardianId);
        rec.audit({
          action: 'uid.set',
          entity: 'person',
          entityId: guardianId,
          before: { portalUid: before },
          after: { portalUid: input.portalUid },
          feed: 'upsert',
        });
      }
    }
    const appId = Number(
      prep(
        ctx.sqlite,
        `INSERT INTO diary_application (guardian_id, pupil_id, number, applied_on, status, portal_uid, passport_checked_by,
           passport_checked_at, mismatch_confirmed, created_at) VALUES (?,?,?,?, 'accepted', ?,?,?,?,?)`,
      ).run(
        guardianId,
        pupil.id,
        input.number,
        input.appliedOn,
        input.portalUid ?? null,
        actor.staffId,
        ctx.now().toISOString(),
        mismatches.length ? 1 : 0,
        ctx.now().toISOString(),
      ).lastInsertRowid,
    );
    // The audit keeps which fields differed, not the passport spelling itself.
    rec.audit({
      action: 'application.create',
      entity: 'diary_application',
      entityId: appId,
      after: { number: input.number, pupilId: pupil.id, guardianId, passportChecked: true, mismatchConfirmed: mismatches },
    });
    return appId;
  });
  return { application: applicationById(ctx, id) };
}

const NEXT: Record<string, string[]> = {
  accepted: ['connected', 'rejected', 'withdrawn'],
  connected: ['withdrawn'],
  rejected: [],
  withdrawn: [],
};
const STATUS_RU: Record<string, string> = { accepted: 'принято', connected: 'подключено', rejected: 'отклонено', withdrawn: 'отозвано' };

export function setApplicationStatus(
  ctx: Ctx,
  input: { id: number; status: 'connected' | 'rejected' | 'withdrawn'; reason?: string | undefined },
) {
  const a = applicationById(ctx, input.id);
  if (!NEXT[a.status]!.includes(input.status))
    throw new AppError('conflict', `Заявление в статусе «${STATUS_RU[a.status]}» нельзя перевести в «${STATUS_RU[input.status]}»`);
  if (input.status !== 'connected' && !input.reason)
    throw new AppError('validation', 'Укажите причину', [{ path: ['reason'], message: 'нужна причина' }]);
  if (input.reason) assertNoPassportData({ reason: input.reason });
  const uid = person(ctx, a.guardianId)!.portal_uid;
  if (input.status === 'connected' && !uid)
    throw new AppError('validation', 'Сначала введите UID законного представителя с портала', [
      { path: ['portalUid'], message: 'нет UID' },
    ]);
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'UPDATE diary_application SET status = ?, reason = ?, portal_uid = COALESCE(portal_uid, ?) WHERE id = ?').run(
      input.status,
      input.reason ?? null,
      uid,
      a.id,
    );
    // The portal learns of the grant (or its end) through the guardian's record.
    rec.audit({
      action: 'application.status',
      entity: 'diary_application',
      entityId: a.id,
      before: { status: a.status },
      after: { status: input.status },
      reason: input.reason ?? null,
    });
    rec.audit({
      action: 'guardian.access',
      entity: 'person',
      entityId: a.guardianId,
      after: { pupilId: a.pupilId, status: input.status },
      feed: 'upsert',
    });
  });
  return { application: applicationById(ctx, a.id) };
}
