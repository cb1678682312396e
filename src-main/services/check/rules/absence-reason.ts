// R16: an absence still without its reason («н», not given yet) more than absenceReasonDays
// calendar days after the lesson. One finding per pupil and day (a pupil away all day is one
// question to the class teacher, who answers for reasons), linked to the day's first lesson.
import type { Finding } from '../../../../src-shared/check/rules';
import { addDays } from '../../../../src-shared/dates';
import type { CheckData, CheckLesson } from '../data';
import { finding, isJudgedLesson, journalOf, lessonTeacher, ruDate } from './common';

export function r16(data: CheckData): Finding[] {
  const byId = new Map(data.lessons.map((l) => [l.id, l]));
  // The lesson date must be before this: more than N days have passed since it.
  const latest = addDays(data.today, -data.settings.absenceReasonDays - 1);
  const days = new Map<string, { pupilId: number; lessons: CheckLesson[] }>();
  for (const a of data.absences) {
    if (a.reason !== 'н') continue;
    const l = byId.get(a.lessonId);
    if (!l || !isJudgedLesson(data, l) || l.date > latest) continue;
    const k = `${a.pupilId}:${l.date}`;
    let d = days.get(k);
    if (!d) days.set(k, (d = { pupilId: a.pupilId, lessons: [] }));
    d.lessons.push(l);
  }
  const out: Finding[] = [];
  for (const [k, d] of days) {
    d.lessons.sort((a, b) => a.slot - b.slot);
    const l = d.lessons[0]!;
    const j = journalOf(data, l);
    if (!j) continue;
    const name = data.pupilNames.get(d.pupilId) ?? `ученик №${d.pupilId}`;
    const n = d.lessons.length;
    out.push(
      finding(
        'R16',
        `R16:${k}`,
        { teacherId: j.classTeacherId ?? lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: l.id, pupilId: d.pupilId, date: l.date },
        `${j.groupLabel}, ${ruDate(l.date)}: ${name} — ${n === 1 ? `пропуск (${j.subjectName}, ${l.slot}-й урок)` : `пропуски (${n} ур.)`} без указанной причины`,
        { lessons: n, allowedDays: data.settings.absenceReasonDays },
      ),
    );
  }
  return out;
}
