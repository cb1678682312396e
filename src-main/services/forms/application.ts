// What the diary application prints, as data (issue 13): every line with the names declined —
// «Директору <school, genitive> <director, dative, initials>», «от <guardian, genitive>»,
// «моего ребёнка (подопечного) <pupil, genitive>, обучающегося/обучающейся 5А класса», and the
// guardian's «ознакомлен/ознакомлена», «согласен/согласна». Read in one synchronous pass.
//
// The names are the database's, which the staff member compared with the passport when the
// application was registered (diary_application.passport_checked_*); the passport's own
// spelling is deliberately not stored (privacy: only which fields differed goes to the audit),
// so a confirmed mismatch is printed as a remark under the signature instead.
import { createHash } from 'node:crypto';
import { formatRuDate } from '../../../src-shared/dates';
import type { ApplicationView } from '../../../src-shared/rpc/admin';
import type { Services } from '../context';
import { prep } from '../sql';
import { byGender, joinName, withInitials } from './names';
import { partsIn, personForms, type PersonForms } from './person-forms';
import { schoolFullName } from './school';

export interface ApplicationText {
  /** Header lines, top right. */
  to: string[];
  from: string;
  relation: string;
  body: string;
  consent: string;
  footer: string;
  checked: string;
  /** sha256 of the canonical JSON of the lines above: what the page footer carries. */
  sha256: string;
}

/** The director: the first enabled staff account with the role (none: the header names only the office). */
function directorPersonId(s: Pick<Services, 'sqlite'>): number | null {
  const r = prep(
    s.sqlite,
    `SELECT u.person_id FROM staff_user u JOIN staff_role r ON r.staff_id = u.id AND r.role = 'director'
     WHERE u.disabled = 0 ORDER BY u.id LIMIT 1`,
  ).get() as { person_id: number } | undefined;
  return r?.person_id ?? null;
}

const named = (s: Pick<Services, 'sqlite'>, id: number): PersonForms => {
  const f = personForms(s, id);
  // The application's own foreign keys hold these ids: a missing row is a broken database.
  if (!f) throw new Error(`person ${id} of an application is missing`);
  return f;
};

/** «от Андреевой Валерии Ильиничны» and «Андреева Ивана Сергеевича», as the form prints them. */
export function applicationNames(s: Pick<Services, 'sqlite'>, a: Pick<ApplicationView, 'guardianId' | 'pupilId'>) {
  const guardian = named(s, a.guardianId);
  const pupil = named(s, a.pupilId);
  return {
    guardian,
    pupil,
    guardianGenitive: joinName(partsIn(guardian, 'genitive')),
    pupilGenitive: joinName(partsIn(pupil, 'genitive')),
  };
}

export function applicationText(s: Pick<Services, 'sqlite'>, a: ApplicationView): ApplicationText {
  const { guardian, pupil, guardianGenitive, pupilGenitive } = applicationNames(s, a);
  const directorId = directorPersonId(s);
  const director = directorId === null ? null : withInitials(partsIn(named(s, directorId), 'dative'));
  const learner = byGender(pupil.gender, { male: 'обучающегося', female: 'обучающейся', unknown: 'обучающегося (обучающейся)' });
  const g = guardian.gender;
  const lines = {
    to: [`Директору ${schoolFullName(s, 'genitive')}`, ...(director ? [director] : [])],
    from: `от ${guardianGenitive}`,
    relation: `(${a.relation ?? 'законный представитель'})`,
    body:
      `Прошу предоставить мне доступ к информации о текущей успеваемости, посещаемости и домашних заданиях ` +
      `моего ребёнка (подопечного) ${pupilGenitive}${a.className ? `, ${learner} ${a.className} класса` : ''}, ` +
      `в сервисе «Электронный дневник» портала «Петербургское образование».`,
    consent:
      `С порядком предоставления услуги ${byGender(g, { male: 'ознакомлен', female: 'ознакомлена', unknown: 'ознакомлен(а)' })}. ` +
      `${byGender(g, { male: 'Согласен', female: 'Согласна', unknown: 'Согласен(на)' })} на обработку персональных данных в объёме, ` +
      'необходимом для предоставления услуги.',
    footer: `Заявление № ${a.number} от ${formatRuDate(a.appliedOn)}`,
    checked:
      `Личность заявителя и ФИО сверены с документом, удостоверяющим личность` +
      (a.mismatchConfirmed ? ' (расхождения в написании подтверждены)' : '') +
      `: ${a.passportCheckedBy ?? ''}${a.passportCheckedAt ? `, ${formatRuDate(a.passportCheckedAt.slice(0, 10))}` : ''}`,
  };
  const sha256 = createHash('sha256')
    .update(JSON.stringify({ ...lines, uid: a.portalUid }))
    .digest('hex');
  return { ...lines, sha256 };
}
