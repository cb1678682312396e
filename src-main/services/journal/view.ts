// Reading journals: the list a user may open, and one journal (group × subject × term).
import { addDays, schoolDate } from '../../../src-shared/dates';
import { shortName } from '../../../src-shared/names';
import { AppError } from '../../../src-shared/errors';
import type { AbsenceReason, MarkValue } from '../../../src-shared/domain';
import type { JournalView, LessonView } from '../../../src-shared/rpc/journal';
import { requireActor, type Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { currentYear } from '../school/handlers';
import { groupGrade, journalAccess, termsFor, type TermRow } from './access';
import { schoolDays } from '../calendar/days';
import { termView } from '../school/terms';
import { className } from './format';
import { toLessonView } from './lessons';
import { prep } from '../sql';
import { schoolNameIndex } from '../privacy/school';
import { journalClosingState } from '../closing/journal-state';

/** Russian alphabetical order (ё beside е), as in a paper journal. */
const RU = new Intl.Collator('ru', { sensitivity: 'base' });

interface ListRow {
  group_id: number;
  group_name: string;
  grade: number;
  letter: string;
  subject_id: number;
  subject_name: string;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  access: 'write' | 'read' | 'substitute';
}

/** The school's years, newest first: the journal picker offers the archived ones read-only. */
function allYears(ctx: Ctx): { id: number; label: string; archived: boolean }[] {
  return (
    prep(ctx.sqlite, 'SELECT id, label, status FROM school_year ORDER BY starts_on DESC').all() as { id: number; label: string; status: string }[]
  ).map((y) => ({ id: y.id, label: y.label, archived: y.status === 'archived' }));
}

export function listJournals(ctx: Ctx, input: { yearId?: number | undefined } = {}) {
  const actor = requireActor(ctx);
  const years = allYears(ctx);
  let today = schoolDate(ctx.now());
  let year = currentYear(ctx, today);
  if (input.yearId !== undefined && input.yearId !== year?.id) {
    year = (prep(ctx.sqlite, 'SELECT id, label, starts_on, ends_on FROM school_year WHERE id = ?').get(input.yearId) as typeof year) ?? null;
    if (!year) throw new AppError('not_found', 'Нет такого учебного года');
    // Another year is seen as on its last day: the loads held then say whose journal it was.
    today = year.ends_on;
  }
  if (!year) return { journals: [], yearId: null, years };
  const archived = years.find((y) => y.id === year.id)?.archived === true;
  const seesAll = actor.roles.includes('deputy') || actor.roles.includes('director');
  // Every (group, subject) with a load this year, tagged with the caller's best access;
  // the teacher's name is the load's current holder.
  const rows = prep(
    ctx.sqlite,
    `WITH loads AS (
         SELECT tl.group_id, tl.subject_id,
                MAX(CASE WHEN tl.teacher_id = @me AND tl.valid_from <= @today AND (tl.valid_to IS NULL OR tl.valid_to >= @today) THEN 1 ELSE 0 END) AS mine,
                (SELECT t2.teacher_id FROM teaching_load t2 WHERE t2.group_id = tl.group_id AND t2.subject_id = tl.subject_id AND t2.draft = 0
                 ORDER BY (t2.valid_to IS NULL) DESC, t2.valid_from DESC LIMIT 1) AS holder
         FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
         WHERE c.year_id = @year AND tl.draft = 0 GROUP BY tl.group_id, tl.subject_id
       ), subs AS (
         SELECT DISTINCT group_id, subject_id FROM lesson WHERE actual_teacher_id = @me AND cancelled = 0 AND date BETWEEN @ys AND @ye
       )
       SELECT l.group_id, g.name AS group_name, c.grade, c.letter, l.subject_id, s.name AS subject_name,
              p.surname, p.name, p.patronymic,
              CASE WHEN l.mine = 1 THEN 'write'
                   WHEN @seesAll = 1 OR c.class_teacher_id = @me THEN 'read'
                   WHEN EXISTS (SELECT 1 FROM subs WHERE subs.group_id = l.group_id AND subs.subject_id = l.subject_id) THEN 'substitute'
              END AS access
       FROM loads l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN subject s ON s.id = l.subject_id
       LEFT JOIN staff_user u ON u.id = l.holder LEFT JOIN person p ON p.id = u.person_id
       WHERE access IS NOT NULL
       ORDER BY access = 'write' DESC, c.grade, c.letter, g.name, s.name`,
  ).all({ me: actor.staffId, today, year: year.id, ys: year.starts_on, ye: year.ends_on, seesAll: seesAll ? 1 : 0 }) as ListRow[];
  return {
    yearId: year.id,
    years,
    journals: rows.map((r) => ({
      groupId: r.group_id,
      groupName: r.group_name,
      className: className(r.grade, r.letter),
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      teacherName: r.surname ? shortName({ surname: r.surname, name: r.name ?? '', patronymic: r.patronymic }) : null,
      // An archived year is read-only for everyone (writes are refused by assertWritable too).
      access: archived ? 'read' : r.access,
    })),
  };
}

function pickTerm(terms: TermRow[], termId: number | undefined, today: string): TermRow {
  if (termId !== undefined) {
    const t = terms.find((x) => x.id === termId);
    if (!t) throw new AppError('not_found', 'Нет такого учебного периода для этого класса');
    return t;
  }
  // The default is a study period: the year, exam and final rows only hold marks.
  const periods = terms.filter((t) => t.kind === 'quarter' || t.kind === 'half' || t.kind === 'trimester');
  return (
    periods.find((t) => t.starts_on <= today && today <= t.ends_on) ??
    [...periods].reverse().find((t) => t.starts_on <= today) ??
    periods[0] ??
    terms[0] ??
    (() => {
      throw new AppError('not_found', 'Для этого класса не заданы учебные периоды');
    })()
  );
}

export function openJournal(ctx: Ctx, input: { groupId: number; subjectId: number; termId?: number | undefined }): JournalView {
  const actor = requireActor(ctx);
  const s = ctx.sqlite;
  const today = schoolDate(ctx.now());
  const group = prep(
    s,
    `SELECT g.id, g.name, c.grade, c.letter, y.status AS year_status FROM study_group g JOIN class_unit c ON c.id = g.class_id
       JOIN school_year y ON y.id = c.year_id WHERE g.id = ?`,
  ).get(input.groupId) as { id: number; name: string; grade: number; letter: string; year_status: string } | undefined;
  const subject = prep(s, 'SELECT id, name FROM subject WHERE id = ?').get(input.subjectId) as { id: number; name: string } | undefined;
  if (!group || !subject) throw new AppError('not_found', 'Нет такого журнала');
  const terms = termsFor(ctx, group.id);
  let term = pickTerm(terms, input.termId, today);
  let held = journalAccess(ctx, actor, group.id, subject.id, term.starts_on, term.ends_on);
  // A substitute opening the journal without a term (from the picker) gets the nearest period
  // in which they taught it, not a refusal for today's period.
  if (!held && input.termId === undefined) {
    const taught = terms
      .filter((t) => t.kind !== 'year')
      .map((t) => ({ t, a: journalAccess(ctx, actor, group.id, subject.id, t.starts_on, t.ends_on) }))
      .filter((x) => x.a !== null)
      .sort((x, y) => Math.abs(Date.parse(x.t.starts_on) - Date.parse(today)) - Math.abs(Date.parse(y.t.starts_on) - Date.parse(today)));
    if (taught[0]) ({ t: term, a: held } = taught[0]);
  }
  if (!held) throw new AppError('forbidden', 'Этот журнал вам недоступен');
  // An archived year (after a rollover) is read-only for everyone; assertWritable refuses its writes.
  const access = group.year_status === 'archived' ? 'read' : held;
  const from = term.starts_on;
  const to = term.ends_on;
  const settings = loadSettings(ctx);

  // A pupil may have left and come back: one row per pupil, with each stay as a period, so
  // the grid can lock the days between stays as it locks those before and after.
  const members = prep(
    s,
    `SELECT p.id, p.surname, p.name, m.from_date, m.to_date FROM group_member m JOIN person p ON p.id = m.pupil_id
     WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)
     ORDER BY p.id, m.from_date`,
  ).all(group.id, to, from) as { id: number; surname: string; name: string; from_date: string; to_date: string | null }[];
  const byPupil = new Map<number, JournalView['pupils'][number]>();
  for (const m of members) {
    const p = byPupil.get(m.id);
    if (!p) {
      byPupil.set(m.id, {
        id: m.id,
        name: `${m.surname} ${m.name}`,
        from: m.from_date,
        to: m.to_date,
        periods: [{ from: m.from_date, to: m.to_date }],
      });
      continue;
    }
    // Rows come in date order: extend the last period when this one overlaps or touches it.
    const last = p.periods[p.periods.length - 1]!;
    if (last.to === null || addDays(last.to, 1) >= m.from_date) {
      if (last.to !== null && (m.to_date === null || m.to_date > last.to)) last.to = m.to_date;
    } else p.periods.push({ from: m.from_date, to: m.to_date });
    if (p.to !== null && (m.to_date === null || m.to_date > p.to)) p.to = m.to_date;
  }
  const pupils = [...byPupil.values()].sort((x, y) => RU.compare(x.name, y.name) || x.id - y.id);

  // The substitute's name comes with the lesson: readers have no staff list to look it up in.
  const rows = prep(
    s,
    `SELECT l.id, l.date, l.slot, l.held, l.topic, l.homework, l.no_homework, l.work_type_id, l.planned_teacher_id, l.actual_teacher_id, l.version,
            l.part, l.weight, l.origin, l.moved_from, l.plan_topic_id,
            p.surname AS sub_surname, p.name AS sub_name, p.patronymic AS sub_patronymic
       FROM lesson l
       LEFT JOIN staff_user u ON u.id = l.actual_teacher_id AND l.actual_teacher_id <> l.planned_teacher_id
       LEFT JOIN person p ON p.id = u.person_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 ORDER BY l.date, l.slot, l.part`,
  ).all(group.id, subject.id, from, to) as {
    id: number;
    date: string;
    slot: number;
    held: number;
    topic: string | null;
    homework: string | null;
    no_homework: number;
    work_type_id: number | null;
    planned_teacher_id: number | null;
    actual_teacher_id: number | null;
    version: number;
    part: number;
    weight: number | null;
    origin: 'timetable' | 'extra' | 'moved';
    moved_from: string | null;
    plan_topic_id: number | null;
    sub_surname: string | null;
    sub_name: string | null;
    sub_patronymic: string | null;
  }[];
  const files = prep(
    s,
    `SELECT f.id, f.lesson_id, f.name, f.mime, f.size FROM lesson_file f JOIN lesson l ON l.id = f.lesson_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? ORDER BY f.id`,
  ).all(group.id, subject.id, from, to) as { id: number; lesson_id: number; name: string; mime: string; size: number }[];
  const filesBy = new Map<number, { id: number; name: string; mime: string; size: number }[]>();
  for (const f of files) {
    const list = filesBy.get(f.lesson_id) ?? [];
    list.push({ id: f.id, name: f.name, mime: f.mime, size: f.size });
    filesBy.set(f.lesson_id, list);
  }
  const writesAll = access === 'write';
  const editable = (actual: number | null) => writesAll || (access === 'substitute' && actual === actor.staffId);
  const names = schoolNameIndex(s);
  const lessons: LessonView[] = rows.map((r) =>
    toLessonView(
      r,
      filesBy.get(r.id) ?? [],
      editable(r.actual_teacher_id),
      r.sub_surname === null ? null : shortName({ surname: r.sub_surname, name: r.sub_name ?? '', patronymic: r.sub_patronymic }),
      names,
    ),
  );

  // Timetable slots of the term with no lesson row yet are shown as planned columns (a range
  // never generated, as the demo's coming weeks). A stored row of the slot, even a cancelled
  // or moved-away one, hides it: a generated journal shows exactly its stored rows. Drafts
  // are not in force.
  const plan = prep(
    s,
    `SELECT weekday, slot, teacher_id, valid_from, valid_to FROM timetable_entry
       WHERE group_id = ? AND subject_id = ? AND draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
  ).all(group.id, subject.id, to, from) as {
    weekday: number;
    slot: number;
    teacher_id: number;
    valid_from: string;
    valid_to: string | null;
  }[];
  if (plan.length) {
    const have = new Set(
      (
        prep(s, 'SELECT date, slot FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ?').all(
          group.id,
          subject.id,
          from,
          to,
        ) as { date: string; slot: number }[]
      ).map((r) => `${r.date}|${r.slot}`),
    );
    // Quarters mark the school's holidays: a half-year (grades 10–11) spans the autumn and
    // spring breaks, and no lesson is planned on a day outside every quarter of the year.
    const quarters = prep(
      s,
      "SELECT starts_on, ends_on FROM term WHERE year_id = (SELECT year_id FROM term WHERE id = ?) AND kind = 'quarter'",
    ).all(term.id) as { starts_on: string; ends_on: string }[];
    const inQuarter = (d: string) => quarters.length === 0 || quarters.some((q) => q.starts_on <= d && d <= q.ends_on);
    // The calendar (holidays, transferred working days, the week length) is read in one place.
    for (const { date: d, asWeekday: wd } of schoolDays(s, groupGrade(ctx, group.id).yearId, group.grade, from, to)) {
      if (!inQuarter(d)) continue;
      for (const p of plan)
        if (p.weekday === wd && p.valid_from <= d && (p.valid_to === null || p.valid_to >= d) && !have.has(`${d}|${p.slot}`))
          lessons.push({
            lessonId: null,
            date: d,
            slot: p.slot,
            held: true,
            topic: null,
            homework: null,
            noHomework: false,
            workTypeId: null,
            plannedTeacherId: p.teacher_id,
            actualTeacherId: p.teacher_id,
            actualTeacherName: null,
            files: [],
            editable: editable(p.teacher_id),
            privacy: [],
            version: 0,
            part: 0,
            weight: null,
            origin: 'timetable',
            movedFrom: null,
            planTopicId: null,
          });
    }
    lessons.sort((a, b) => (a.date === b.date ? a.slot - b.slot : a.date < b.date ? -1 : 1));
  }

  const marks = prep(
    s,
    `SELECT m.lesson_id, m.pupil_id, m.value, m.work_type_id, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? ORDER BY m.lesson_id, m.pupil_id, m.position`,
  ).all(group.id, subject.id, from, to) as {
    lesson_id: number;
    pupil_id: number;
    value: MarkValue;
    work_type_id: number;
    weight: number;
  }[];
  const absences = prep(
    s,
    `SELECT a.lesson_id, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
  ).all(group.id, subject.id, from, to) as { lesson_id: number; pupil_id: number; reason: AbsenceReason }[];
  // Numeric keys: pupil ids stay far below 2^26, so lesson * 2^26 + pupil is unique and exact.
  const cells = new Map<number, JournalView['cells'][number]>();
  const cellOf = (lessonId: number, pupilId: number) => {
    const key = lessonId * 67_108_864 + pupilId;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { lessonId, pupilId, marks: [], absence: null, version: 0 }));
    return c;
  };
  for (const m of marks) cellOf(m.lesson_id, m.pupil_id).marks.push({ value: m.value, workTypeId: m.work_type_id, weight: m.weight });
  for (const a of absences) cellOf(a.lesson_id, a.pupil_id).absence = a.reason;
  // Emptied cells are listed too: an edit of one must name its version, not 0 (a false conflict).
  const versions = prep(
    s,
    `SELECT v.lesson_id, v.pupil_id, v.version FROM cell_version v JOIN lesson l ON l.id = v.lesson_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
  ).all(group.id, subject.id, from, to) as { lesson_id: number; pupil_id: number; version: number }[];
  for (const v of versions) cellOf(v.lesson_id, v.pupil_id).version = v.version;

  const termMarks = prep(
    s,
    'SELECT pupil_id, value, suggested, confirmed_at, version FROM term_mark WHERE group_id = ? AND subject_id = ? AND term_id = ?',
  ).all(group.id, subject.id, term.id) as {
    pupil_id: number;
    value: string;
    suggested: string | null;
    confirmed_at: string | null;
    version: number;
  }[];

  const workTypes = prep(s, 'SELECT id, name, weight, is_control, is_make_up FROM work_type ORDER BY id').all() as {
    id: number;
    name: string;
    weight: number;
    is_control: number;
    is_make_up: number;
  }[];
  return {
    today,
    group: { id: group.id, name: group.name, className: className(group.grade, group.letter), grade: group.grade },
    subject,
    term: termView(term),
    terms: terms.map(termView),
    access,
    roundingThreshold: settings.markRoundingThreshold,
    maxFileBytes: settings.maxFileMb * 1024 * 1024,
    workTypes: workTypes.map((w) => ({
      id: w.id,
      name: w.name,
      weight: w.weight,
      isControl: w.is_control === 1,
      isMakeUp: w.is_make_up === 1,
    })),
    pupils,
    lessons,
    cells: [...cells.values()],
    termMarks: termMarks.map((t) => ({
      pupilId: t.pupil_id,
      value: t.value,
      suggested: t.suggested,
      confirmedAt: t.confirmed_at,
      version: t.version,
    })),
    ...journalClosingState(ctx, { groupId: group.id, subjectId: subject.id, term, pupilIds: pupils.map((p) => p.id) }),
  };
}

export function listTeachers(ctx: Ctx) {
  const rows = prep(
    ctx.sqlite,
    `SELECT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id
     WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))
     ORDER BY p.surname, p.name`,
  ).all() as { id: number; surname: string; name: string; patronymic: string | null }[];
  return { teachers: rows.map((p) => ({ id: p.id, name: shortName(p) })) };
}
