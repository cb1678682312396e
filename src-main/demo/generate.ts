// The demo school (DESIGN.md §8) and the reference workload (§7): plans everything in memory
// with a seeded PRNG, then writes it with raw prepared statements in ONE transaction that
// also holds one audit record. Per-row audit would be a million hashes for the big school and
// says nothing an auditor needs: the data is synthetic and marked is_demo.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Sqlite } from '../../db/client';
import * as schema from '../../db/schema';
import { hashPassword } from '../services/auth/password';
import type { Ctx } from '../services/context';
import { mutate } from '../services/mutate';
import { ensureSchool, schoolRow } from '../services/school/settings';
import { applyTemplate } from '../services/calendar/template';
import { calendarFor } from './calendar';
import { SUBJECTS, WORK_TYPES, type WorkTypeKey } from './curriculum';
import { generateJournal, type JournalSink } from './journal';
import { personName, type GeneratedName } from './names';
import { planPeople, UidSource } from './people';
import { chance, fork, int, mulberry32, type Rng } from './random';
import { BIG, planStaff, SMALL } from './staffing';
import { planTimetable } from './timetable';

export const DEMO_SEED = 621;
export const DEMO_PASSWORD = 'demo';
export const DEMO_SCHOOL = { code: '621', name: 'ГБОУ школа № 621 (демо)' };
/** The demo school's full official name for document headers (issue 13), nominative and genitive. */
export const DEMO_FULL_NAME = {
  fullName:
    'Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 621 Невского района Санкт-Петербурга (демо)',
  fullNameGenitive:
    'Государственного бюджетного общеобразовательного учреждения средней общеобразовательной школы № 621 Невского района Санкт-Петербурга (демо)',
};

export interface DemoOptions {
  /** The reference workload of DESIGN.md §7 instead of the small school. */
  big: boolean;
  /** School date (YYYY-MM-DD) the demo is "as of": picks the year; small school lessons end here. */
  today: string;
  seed?: number;
  now: () => Date;
}

export interface DemoSummary {
  schoolYear: string;
  /** Last date with generated lessons. */
  lessonsUntil: string;
  pupils: number;
  guardians: number;
  classes: number;
  groups: number;
  teachers: number;
  timetableEntries: number;
  lessons: number;
  marks: number;
  absences: number;
  substitutions: number;
  elapsedMs: number;
}

/** Administration accounts: not teachers, one role each. */
const ADMIN_STAFF = [
  { login: 'director', role: 'director' },
  { login: 'deputy', role: 'deputy' },
  { login: 'admin', role: 'administrator' },
] as const;

export async function generateDemoSchool(sqlite: Sqlite, opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new Error(`today must be YYYY-MM-DD, got ${opts.today}`);
  if ((sqlite.prepare('SELECT COUNT(*) AS n FROM school_year').get() as { n: number }).n > 0)
    throw new Error('the database already holds a school year: demo data goes into a new database only');
  // One scrypt hash (~0.65 s) shared by the five demo accounts; the salt is random, so the
  // hash is the only non-deterministic value besides the school's pseudonym secret.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const services = { db: drizzle(sqlite, { schema }), sqlite, now: opts.now };
  ensureSchool(services, { ...DEMO_SCHOOL, demo: true });
  if (schoolRow(services)?.is_demo !== 1) throw new Error('the database holds a real school: demo data refused');

  const master = mulberry32(opts.seed ?? DEMO_SEED);
  const staffRng = fork(master);
  const timetableRng = fork(master);
  const peopleRng = fork(master);
  const journalRng = fork(master);
  const namesRng = fork(master);

  const cal = calendarFor(opts.today);
  const lastDay = opts.big ? cal.endsOn : opts.today < cal.endsOn ? opts.today : cal.endsOn;
  const plan = planStaff(staffRng, opts.big ? BIG : SMALL);
  const slots = planTimetable(timetableRng, plan);
  const uids = new UidSource(fork(master));
  const people = planPeople(peopleRng, plan.classes, { startsOn: cal.startsOn, schoolDays: cal.schoolDays, lastDay }, opts.big ? { moves: 12, leavers: 4, arrivals: 4 } : { moves: 3, leavers: 1, arrivals: 1 }, uids);
  const createdAt = opts.now().toISOString();

  const ctx: Ctx = { ...services, actor: null };
  const summary = mutate(ctx, (rec) => {
    const run = (sql: string) => {
      const st = sqlite.prepare(sql);
      return (...args: unknown[]) => Number(st.run(...args).lastInsertRowid);
    };
    const insPerson = run('INSERT INTO person (surname, name, patronymic, birth_date, portal_uid) VALUES (?,?,?,?,?)');
    const person = (n: GeneratedName, birth: string | null, uid: string | null) => insPerson(n.surname, n.name, n.patronymic, birth, uid);

    sqlite
      .prepare("UPDATE school SET settings = json_set(settings, '$.fullName', ?, '$.fullNameGenitive', ?) WHERE id = 1")
      .run(DEMO_FULL_NAME.fullName, DEMO_FULL_NAME.fullNameGenitive);
    const yearId = run("INSERT INTO school_year (label, starts_on, ends_on, status) VALUES (?,?,?,'open')")(cal.label, cal.startsOn, cal.endsOn);
    applyTemplate(sqlite, yearId, cal.template);
    const insSubject = run('INSERT INTO subject (name, short_name) VALUES (?,?)');
    const subjectIds = new Map(SUBJECTS.map((s) => [s.name, insSubject(s.name, s.short)]));
    const insWorkType = run('INSERT INTO work_type (name, weight, is_control, is_make_up) VALUES (?,?,?,?)');
    const workTypeIds = new Map<WorkTypeKey, number>(WORK_TYPES.map((w) => [w.key, insWorkType(w.name, w.weight, w.isControl ? 1 : 0, w.isMakeUp ? 1 : 0)]));

    // Staff: three administration accounts, then the teachers of the plan.
    const insUser = run('INSERT INTO staff_user (person_id, login, password_hash, created_at) VALUES (?,?,?,?)');
    const insRole = run('INSERT INTO staff_role (staff_id, role) VALUES (?,?)');
    const demoLogins = new Set(['admin', 'deputy', 'director', 'teacher', 'teacher2']);
    const staffPerson = (rng: Rng) => person(personName(rng, chance(rng, 0.8) ? 'f' : 'm'), `${int(rng, 1962, 1999)}-0${int(rng, 1, 9)}-${String(int(rng, 10, 28))}`, uids.maybe(0.8));
    const addStaff = (login: string, roles: string[]) => {
      const id = insUser(staffPerson(namesRng), login, demoLogins.has(login) ? demoHash : null, createdAt);
      for (const r of roles) insRole(id, r);
      return id;
    };
    for (const a of ADMIN_STAFF) addStaff(a.login, [a.role]);
    const teacherIds = plan.teachers.map((t) => addStaff(t.login, t.isClassTeacher ? ['teacher', 'classTeacher'] : ['teacher']));

    const insClass = run('INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?,?,?,?)');
    const classIds = plan.classes.map((c) => insClass(yearId, c.grade, c.letter, teacherIds[c.classTeacher]));
    const insGroup = run('INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?,?,?)');
    const groupIds = plan.groups.map((g) => insGroup(classIds[g.classIdx], g.name, g.whole ? 1 : 0));
    const insLoad = run('INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,?,?)');
    for (const l of plan.loads) insLoad(groupIds[l.groupIdx], subjectIds.get(l.subject), teacherIds[l.teacherIdx], l.hours, cal.startsOn);
    const insSlot = run('INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,?,?,?,?)');
    let timetableEntries = 0;
    for (const e of slots)
      for (const p of e.parts) {
        insSlot(groupIds[p.groupIdx], subjectIds.get(e.subject), teacherIds[p.teacherIdx], e.weekday, e.slot, plan.teachers[p.teacherIdx]?.room, cal.startsOn);
        timetableEntries++;
      }

    // Pupils: enrolment per stint, membership of the whole class and of their half in split subjects.
    const insEnrol = run('INSERT INTO enrolment (pupil_id, class_id, from_date, to_date) VALUES (?,?,?,?)');
    const insMember = run('INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?,?,?,?)');
    const pupilIds = people.pupils.map((p) => {
      const id = person(p.name, p.birthDate, p.uid);
      for (const s of p.stints) {
        insEnrol(id, classIds[s.classIdx], s.from, s.to);
        for (const g of plan.groups) if (g.classIdx === s.classIdx && (g.whole || g.half === s.half)) insMember(id, groupIds[g.idx], s.from, s.to);
      }
      return id;
    });
    const guardianIds = people.guardians.map((g) => person(g.name, g.birthDate, g.uid));
    const insGuardianship = run('INSERT INTO guardianship (guardian_id, pupil_id, relation) VALUES (?,?,?)');
    for (const g of people.guardianships) insGuardianship(guardianIds[g.guardianIdx], pupilIds[g.pupilIdx], g.relation);

    const counts = generateJournal(
      journalRng,
      { plan, slots, people, schoolDays: cal.schoolDays, firstGradeBreak: cal.firstGradeBreak, lastDay },
      {
        group: groupIds,
        teacher: teacherIds,
        pupil: pupilIds,
        subject: subjectIds,
        workType: workTypeIds,
        firstLessonId: (sqlite.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM lesson').get() as { n: number }).n,
      },
      journalSink(sqlite, yearId, createdAt),
    );
    const result = {
      schoolYear: cal.label,
      lessonsUntil: lastDay,
      pupils: people.pupils.length,
      guardians: people.guardians.length,
      classes: plan.classes.length,
      groups: plan.groups.length,
      teachers: plan.teachers.length,
      timetableEntries,
      lessons: counts.lessons,
      marks: counts.marks,
      absences: counts.absences,
      substitutions: counts.substitutions,
    };
    rec.audit({ action: 'demo.generate', entity: 'school', entityId: 1, after: { ...result, big: opts.big, today: opts.today, seed: opts.seed ?? DEMO_SEED } });
    return result;
  });
  return { ...summary, elapsedMs: Math.round(performance.now() - started) };
}

function journalSink(sqlite: Sqlite, yearId: number, createdAt: string): JournalSink {
  const plan = sqlite.prepare('INSERT INTO plan (year_id, teacher_id, subject_id, grade, updated_at) VALUES (?,?,?,?,?)');
  const topic = sqlite.prepare('INSERT INTO plan_topic (plan_id, position, topic, hours, work_type_id) VALUES (?,?,?,?,?)');
  const lesson = sqlite.prepare(
    'INSERT INTO lesson (id, group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, topic, homework) VALUES (?,?,?,?,?,?,?,1,?,?)',
  );
  const mark = sqlite.prepare('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,?)');
  const absence = sqlite.prepare('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)');
  return {
    plan: (teacherId, subjectId, grade, topics) => {
      const planId = plan.run(yearId, teacherId, subjectId, grade, createdAt).lastInsertRowid;
      topics.forEach((t, i) => topic.run(planId, i + 1, t.topic, t.hours, t.workTypeId));
    },
    lesson: (...a) => void lesson.run(...a),
    mark: (...a) => void mark.run(...a),
    absence: (...a) => void absence.run(...a),
  };
}
