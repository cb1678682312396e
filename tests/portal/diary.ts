// The read-only diary of one portal account (GET /api/diary/:uid and /diary/:uid): what a
// teacher or a parent would see on the city portal, decided only by the grants the school sent.
// A teacher's groupSubject grant shows that journal, a class grant every journal of the class;
// a 'pupil' grant shows that pupil's lessons (groups they belonged to on the day, or lessons
// where they have a cell) with their own marks and absences only.
import type { PackagePayload } from '../../src-shared/export/package';
import type { PortalStore } from './store';

type Lesson = PackagePayload['lessons'][number];
type Cell = PackagePayload['cells'][number];
type TermMark = PackagePayload['termMarks'][number];

export interface JournalView {
  school: string;
  groupId: number;
  group: string | null;
  classLabel: string | null;
  subjectId: number;
  subject: string | null;
  lessons: (Omit<Lesson, 'groupId' | 'subjectId' | 'teacher'> & { cells: Omit<Cell, 'lessonId'>[] })[];
}
export interface PupilLesson extends Omit<Lesson, 'groupId' | 'subjectId' | 'teacher'> {
  marks: Cell['marks'];
  absence: Cell['absence'];
}
export interface PupilView {
  school: string;
  pupil: string;
  classLabel: string | null;
  subjects: {
    subjectId: number;
    subject: string | null;
    lessons: PupilLesson[];
    termMarks: Pick<TermMark, 'term' | 'value' | 'closed'>[];
  }[];
}
export interface DiaryView {
  uid: string;
  people: { school: string; ref: string; kind: string }[];
  journals: JournalView[];
  pupils: PupilView[];
}

interface GrantRow {
  school: string;
  scope_kind: string;
  group_id: number | null;
  subject_id: number | null;
  class_id: number | null;
  pupil: string | null;
}

/** null when the portal knows nothing of this UID (no person, no grant): a 404. */
export function diaryFor(store: PortalStore, uid: string): DiaryView | null {
  const db = store.db;
  const people = db.prepare('SELECT school, ref, kind FROM people WHERE uid = ? ORDER BY school, ref').all(uid) as DiaryView['people'];
  const grants = db.prepare('SELECT * FROM grants WHERE uid = ? ORDER BY school, scope').all(uid) as GrantRow[];
  if (people.length === 0 && grants.length === 0) return null;

  const one = <T>(sql: string, ...args: unknown[]) => {
    const d = db
      .prepare(sql)
      .pluck()
      .get(...args) as string | undefined;
    return d === undefined ? undefined : (JSON.parse(d) as T);
  };
  const subjectName = (school: string, id: number) =>
    one<{ name: string }>('SELECT data FROM subjects WHERE school = ? AND id = ?', school, id)?.name ?? null;
  const classLabel = (school: string, id: number | undefined) => {
    const c =
      id === undefined
        ? undefined
        : one<{ grade: number; letter: string }>('SELECT data FROM classes WHERE school = ? AND id = ?', school, id);
    return c ? `${c.grade}${c.letter}` : null;
  };

  // Journals: every distinct (school, group, subject) reachable through a teacher's grants.
  const pairs = new Map<string, { school: string; groupId: number; subjectId: number }>();
  const addPair = (school: string, groupId: number, subjectId: number) =>
    pairs.set(`${school}|${groupId}|${subjectId}`, { school, groupId, subjectId });
  for (const g of grants) {
    if (g.scope_kind === 'groupSubject') addPair(g.school, g.group_id!, g.subject_id!);
    if (g.scope_kind === 'class') {
      const rows = db
        .prepare(
          `SELECT DISTINCT l.group_id AS g, l.subject_id AS s FROM lessons l JOIN groups gr ON gr.school = l.school AND gr.id = l.group_id
           WHERE l.school = ? AND gr.class_id = ? ORDER BY g, s`,
        )
        .all(g.school, g.class_id) as { g: number; s: number }[];
      for (const r of rows) addPair(g.school, r.g, r.s);
    }
  }
  const journals: JournalView[] = [...pairs.values()].map(({ school, groupId, subjectId }) => {
    const group = one<{ name: string; classId: number }>('SELECT data FROM groups WHERE school = ? AND id = ?', school, groupId);
    const lessons = db
      .prepare('SELECT data FROM lessons WHERE school = ? AND group_id = ? AND subject_id = ? ORDER BY date, slot, id')
      .pluck()
      .all(school, groupId, subjectId) as string[];
    return {
      school,
      groupId,
      group: group?.name ?? null,
      classLabel: classLabel(school, group?.classId),
      subjectId,
      subject: subjectName(school, subjectId),
      lessons: lessons.map((d) => {
        const { groupId: _g, subjectId: _s, teacher: _t, ...l } = JSON.parse(d) as Lesson;
        const cells = (
          db.prepare('SELECT data FROM cells WHERE school = ? AND lesson_id = ? ORDER BY pupil').pluck().all(school, l.id) as string[]
        )
          .map((c) => JSON.parse(c) as Cell)
          .filter((c) => c.marks.length > 0 || c.absence)
          .map(({ lessonId: _l, ...c }) => c);
        return { ...l, cells };
      }),
    };
  });

  const pupils: PupilView[] = grants
    .filter((g) => g.scope_kind === 'pupil')
    .map(({ school, pupil }) => pupilView(store, school, pupil!, subjectName, classLabel));
  return { uid, people, journals, pupils };
}

function pupilView(
  store: PortalStore,
  school: string,
  pupil: string,
  subjectName: (school: string, id: number) => string | null,
  classLabel: (school: string, id: number | undefined) => string | null,
): PupilView {
  const db = store.db;
  const lessons = db
    .prepare(
      `SELECT l.data AS lesson, c.data AS cell FROM lessons l
       LEFT JOIN cells c ON c.school = l.school AND c.lesson_id = l.id AND c.pupil = @pupil
       WHERE l.school = @school AND (c.pupil IS NOT NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.school = l.school
         AND m.pupil = @pupil AND m.group_id = l.group_id AND m.from_date <= l.date AND (m.to_date IS NULL OR l.date <= m.to_date)))
       ORDER BY l.subject_id, l.date, l.slot, l.id`,
    )
    .all({ school, pupil }) as { lesson: string; cell: string | null }[];
  const bySubject = new Map<number, PupilView['subjects'][number]>();
  const subject = (id: number) => {
    let s = bySubject.get(id);
    if (!s) bySubject.set(id, (s = { subjectId: id, subject: subjectName(school, id), lessons: [], termMarks: [] }));
    return s;
  };
  for (const row of lessons) {
    const { groupId: _g, subjectId, teacher: _t, ...l } = JSON.parse(row.lesson) as Lesson;
    const cell = row.cell === null ? null : (JSON.parse(row.cell) as Cell);
    subject(subjectId).lessons.push({ ...l, marks: cell?.marks ?? [], absence: cell?.absence ?? null });
  }
  const terms = db
    .prepare('SELECT data FROM term_marks WHERE school = ? AND pupil = ? ORDER BY subject_id, term_kind, term_number')
    .pluck()
    .all(school, pupil) as string[];
  for (const t of terms.map((d) => JSON.parse(d) as TermMark))
    subject(t.subjectId).termMarks.push({ term: t.term, value: t.value, closed: t.closed });
  const enrolment = db
    .prepare('SELECT class_id FROM enrolments WHERE school = ? AND pupil = ? ORDER BY from_date DESC LIMIT 1')
    .pluck()
    .get(school, pupil) as number | undefined;
  return { school, pupil, classLabel: classLabel(school, enrolment), subjects: [...bySubject.values()] };
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const short = (ref: string) => `Ученик ${ref.slice(0, 8)}`;
const marksHtml = (marks: Cell['marks']) => marks.map((m) => `<b title="${esc(m.workType)}">${esc(m.value)}</b>`).join(' ');
/** Homework text plus the names of attached files (the portal has only their metadata). */
const homework = (l: { homework: string | null; files: Lesson['files'] }) =>
  esc(l.homework) + l.files.map((f) => ` <small>[файл: ${esc(f.name)}]</small>`).join('');
const TERM = { quarter: 'четверть', half: 'полугодие', trimester: 'триместр' } as const;
const WHOLE = { year: 'год', exam: 'экзамен', final: 'итоговая' } as const;

/** A self-contained page (no scripts, no external assets): the diary as the portal shows it. */
export function diaryHtml(uid: string, view: DiaryView | null): string {
  const head = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Электронный дневник — UID ${esc(uid)}</title>
<style>body{font:14px sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:2px 6px;vertical-align:top}th{background:#eee}</style></head><body>`;
  if (!view) return `${head}<h1>Пользователь не найден</h1><p>UID ${esc(uid)} не зарегистрирован в дневнике.</p></body></html>`;
  const parts = [`<h1>Электронный дневник</h1><p>UID ${esc(uid)}</p>`];
  for (const j of view.journals) {
    const group = j.group && j.group !== j.classLabel ? `, ${j.group}` : '';
    parts.push(`<h2>Журнал: ${esc(j.classLabel)}${esc(group)} — ${esc(j.subject)}</h2>`);
    parts.push('<table><tr><th>Дата</th><th>Урок</th><th>Тема</th><th>Домашнее задание</th><th>Отметки и пропуски</th></tr>');
    for (const l of j.lessons) {
      const cells = l.cells.map((c) => `${esc(short(c.pupil))}: ${marksHtml(c.marks)}${c.absence ? ` <i>${esc(c.absence)}</i>` : ''}`);
      parts.push(
        `<tr><td>${esc(l.date)}</td><td>${l.slot}${l.held ? '' : ' (не проведён)'}</td><td>${esc(l.topic)}</td><td>${homework(l)}</td><td>${cells.join('<br>')}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  for (const p of view.pupils) {
    parts.push(`<h2>${esc(short(p.pupil))}${p.classLabel ? `, ${esc(p.classLabel)} класс` : ''}</h2>`);
    for (const s of p.subjects) {
      parts.push(`<h3>${esc(s.subject)}</h3>`);
      parts.push('<table><tr><th>Дата</th><th>Тема</th><th>Домашнее задание</th><th>Отметки</th><th>Пропуск</th></tr>');
      for (const l of s.lessons)
        parts.push(
          `<tr><td>${esc(l.date)}</td><td>${esc(l.topic)}</td><td>${homework(l)}</td><td>${marksHtml(l.marks)}</td><td>${esc(l.absence)}</td></tr>`,
        );
      parts.push('</table>');
      const term = (t: PupilView['subjects'][number]['termMarks'][number]) =>
        t.term.kind === 'year' || t.term.kind === 'exam' || t.term.kind === 'final'
          ? WHOLE[t.term.kind]
          : `${t.term.number} ${TERM[t.term.kind]}`;
      // A closed term's mark is final: the portal shows it as such.
      const shown = (t: PupilView['subjects'][number]['termMarks'][number]) =>
        `${term(t)}: <b>${esc(t.value)}</b>${t.closed ? ' <small data-closed="true">(период закрыт)</small>' : ''}`;
      if (s.termMarks.length > 0) parts.push(`<p>Итоговые: ${s.termMarks.map(shown).join('; ')}</p>`);
    }
  }
  if (view.journals.length === 0 && view.pupils.length === 0) parts.push('<p>Нет доступа ни к одному журналу.</p>');
  return `${head}${parts.join('\n')}</body></html>`;
}

/** GET /: the accounts the portal knows, each a link to its diary (for demos). */
export function indexHtml(store: PortalStore): string {
  const uids = store.db
    .prepare('SELECT uid FROM people WHERE uid IS NOT NULL UNION SELECT uid FROM grants ORDER BY uid')
    .pluck()
    .all() as string[];
  const schools = store.db.prepare('SELECT code, applied_feed_to AS a FROM schools ORDER BY code').all() as { code: string; a: number }[];
  const list = uids.map((u) => `<li><a href="/diary/${esc(u)}">UID ${esc(u)}</a></li>`).join('');
  const sch = schools.map((s) => `<li>${esc(s.code)}: применено до ${s.a}</li>`).join('');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Портал (тестовый двойник)</title></head><body>
<h1>Портал «Петербургское образование» — тестовый двойник</h1><h2>Школы</h2><ul>${sch || '<li>пока нет выгрузок</li>'}</ul>
<h2>Учётные записи</h2><ul>${list || '<li>нет</li>'}</ul></body></html>`;
}
