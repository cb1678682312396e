// Reading and changing a person's name forms (issue 13): the rules' form per case, the hand
// correction that wins over it, and the stored gender. Who may: the administrator for pupils
// and guardians (guardians.manage) and for staff (staff.manage); a class teacher reads the forms
// of their own class's pupils and their guardians.
import { AppError } from '../../../src-shared/errors';
import { hasPermission, type Permission } from '../../../src-shared/permissions';
import type { NameFormsView } from '../../../src-shared/rpc/names';
import { requireActor, type Ctx } from '../context';
import { assertNoPassportData } from '../admin/applications';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { joinName, OBLIQUE_CASES, type Gender, type ObliqueCase } from './names';
import { autoPartsIn, partsIn, personForms, type PersonForms } from './person-forms';

type Role = NameFormsView['roles'][number];

function rolesOf(ctx: Ctx, personId: number): Role[] {
  const r = prep(
    ctx.sqlite,
    `SELECT EXISTS (SELECT 1 FROM enrolment WHERE pupil_id = @id) AS pupil,
            EXISTS (SELECT 1 FROM guardianship WHERE guardian_id = @id) AS guardian,
            EXISTS (SELECT 1 FROM staff_user WHERE person_id = @id) AS staff`,
  ).get({ id: personId }) as Record<Role, number>;
  return (['pupil', 'guardian', 'staff'] as const).filter((k) => r[k] === 1);
}

/** A class teacher's own pupils (current enrolment in a class they lead) and those pupils' guardians. */
function inOwnClass(ctx: Ctx, personId: number, staffId: number): boolean {
  return !!prep(
    ctx.sqlite,
    `SELECT 1 FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE e.to_date IS NULL AND c.class_teacher_id = @staff
       AND (e.pupil_id = @id OR e.pupil_id IN (SELECT pupil_id FROM guardianship WHERE guardian_id = @id)) LIMIT 1`,
  ).get({ id: personId, staff: staffId });
}

/**
 * The scope check, before anything about the person is told: an unknown id and a person out of
 * scope both answer as the caller's rights allow (not_found only to those who may see everybody).
 */
function access(ctx: Ctx, personId: number, write: boolean): { forms: PersonForms; roles: Role[] } {
  const actor = requireActor(ctx);
  const may = (p: Permission) => hasPermission(actor.roles, p);
  const wide = write ? may('guardians.manage') : may('guardians.manage') || may('staff.read');
  const forms = personForms(ctx, personId);
  if (!forms) {
    if (!wide) throw new AppError('forbidden', 'Формы имён видны администратору и классному руководителю учеников своего класса');
    throw new AppError('not_found', 'Нет такого человека');
  }
  const roles = rolesOf(ctx, personId);
  if (roles.includes('staff') && !may(write ? 'staff.manage' : 'staff.read'))
    throw new AppError('forbidden', 'Формы имён сотрудников исправляет администратор (управление сотрудниками)');
  if (!wide && !inOwnClass(ctx, personId, actor.staffId))
    throw new AppError('forbidden', 'Формы имён видны администратору и классному руководителю учеников своего класса и их представителей');
  return { forms, roles };
}

function view(f: PersonForms, roles: Role[]): NameFormsView {
  return {
    personId: f.personId,
    fullName: joinName(f.name),
    name: f.name,
    roles,
    gender: f.gender,
    storedGender: f.storedGender,
    guessedGender: f.guessedGender,
    forms: OBLIQUE_CASES.map((c) => ({
      case: c,
      auto: autoPartsIn(f, c),
      corrected: f.corrections[c] ?? null,
      stale: f.stale[c] ?? null,
      printed: joinName(partsIn(f, c)),
    })),
  };
}

export function nameFormsView(ctx: Ctx, input: { personId: number }): NameFormsView {
  const { forms, roles } = access(ctx, input.personId, false);
  return view(forms, roles);
}

const CASE_RU: Record<ObliqueCase, string> = {
  genitive: 'родительном',
  dative: 'дательном',
  accusative: 'винительном',
  instrumental: 'творительном',
  prepositional: 'предложном',
};

export function setNameForm(
  ctx: Ctx,
  input: { personId: number; case: ObliqueCase; form: { surname: string; name: string; patronymic?: string | undefined } | null },
): NameFormsView {
  const { forms, roles } = access(ctx, input.personId, true);
  const before = forms.corrections[input.case] ?? forms.stale[input.case] ?? null;
  const form = input.form;
  if (form) {
    assertNoPassportData({ ...form });
    // The correction replaces each part: one left out would print the name without it.
    if (!!form.patronymic !== !!forms.name.patronymic)
      throw new AppError(
        'validation',
        forms.name.patronymic
          ? `Укажите отчество в ${CASE_RU[input.case]} падеже: у человека есть отчество`
          : 'У человека нет отчества: оставьте поле отчества пустым',
        [{ path: ['form', 'patronymic'], message: forms.name.patronymic ? 'нужно отчество' : 'отчества нет' }],
      );
  } else if (!before) return view(forms, roles); // nothing to remove: no write, no audit noise
  mutate(ctx, (rec) => {
    if (form)
      prep(
        ctx.sqlite,
        `INSERT INTO name_form (person_id, gram_case, surname, name, patronymic, based_on) VALUES (?,?,?,?,?,?)
         ON CONFLICT (person_id, gram_case) DO UPDATE SET surname = excluded.surname, name = excluded.name,
           patronymic = excluded.patronymic, based_on = excluded.based_on`,
      ).run(input.personId, input.case, form.surname, form.name, form.patronymic ?? null, joinName(forms.name));
    else prep(ctx.sqlite, 'DELETE FROM name_form WHERE person_id = ? AND gram_case = ?').run(input.personId, input.case);
    rec.audit({
      action: form ? 'names.setForm' : 'names.clearForm',
      entity: 'person',
      entityId: input.personId,
      before: before && { case: input.case, ...before },
      after: form && { case: input.case, surname: form.surname, name: form.name, patronymic: form.patronymic ?? null },
    });
  });
  return view(personForms(ctx, input.personId)!, roles);
}

export function setGender(ctx: Ctx, input: { personId: number; gender: Gender | null }): NameFormsView {
  const { forms, roles } = access(ctx, input.personId, true);
  if (forms.storedGender === input.gender) return view(forms, roles);
  mutate(ctx, (rec) => {
    if (input.gender)
      prep(
        ctx.sqlite,
        'INSERT INTO person_gender (person_id, gender) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET gender = excluded.gender',
      ).run(input.personId, input.gender);
    else prep(ctx.sqlite, 'DELETE FROM person_gender WHERE person_id = ?').run(input.personId);
    rec.audit({
      action: 'names.setGender',
      entity: 'person',
      entityId: input.personId,
      before: { gender: forms.storedGender },
      after: { gender: input.gender },
    });
  });
  return view(personForms(ctx, input.personId)!, roles);
}
