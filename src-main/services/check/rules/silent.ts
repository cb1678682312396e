// R4, a journal not kept: silentDays school days in a row (holidays and weekends are not school
// days) on which the journal got no entry, while lessons were due in them. An entry day is the
// date of a held lesson with a topic, homework, a mark or an absence (the data, not the audit log: the
// demo and imported journals have no per-edit audit; lateness is R3's).
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { journalKey } from '../data';
import { finding, journalPlace, ruDate } from './common';

export function r4(data: CheckData): Finding[] {
  const entered = new Map<string, Set<string>>();
  const due = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, d: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(d);
  };
  const withCell = new Set<number>(data.marks.rows.keys());
  for (const a of data.absences) withCell.add(a.lessonId);
  for (const l of data.lessons) {
    if (l.cancelled) continue;
    const k = journalKey(l.groupId, l.subjectId);
    if (l.part === 0) add(due, k, l.date);
    if (l.held && (l.topic?.trim() || l.homework?.trim() || withCell.has(l.id))) add(entered, k, l.date);
  }
  for (const s of data.slots) add(due, journalKey(s.groupId, s.subjectId), s.date);

  const out: Finding[] = [];
  const need = data.settings.silentDays;
  const periodDays = new Map<string, string[]>();
  for (const j of data.journals.values()) {
    const cal = `${j.yearId}:${j.grade}`;
    let days = periodDays.get(cal);
    if (!days) periodDays.set(cal, (days = data.schoolDays(j.yearId, j.grade).filter((d) => d >= data.from && d <= data.cutoff)));
    const dueDays = due.get(j.key);
    if (!dueDays) continue;
    const done = entered.get(j.key) ?? new Set<string>();
    let start = -1;
    let hasDue = false;
    const close = (end: number) => {
      const len = end - start;
      if (start >= 0 && len >= need && hasDue) {
        const a = days[start]!;
        const b = days[end - 1]!;
        out.push(
          finding(
            'R4',
            `R4:${j.groupId}:${j.subjectId}:${a}`,
            { teacherId: j.teacherId, groupId: j.groupId, subjectId: j.subjectId, date: a },
            `${journalPlace(j)}: журнал не заполнялся ${len} уч. дн. подряд (с ${ruDate(a)} по ${ruDate(b)})`,
            { from: a, to: b, schoolDays: len, allowed: need },
          ),
        );
      }
      start = -1;
      hasDue = false;
    };
    days.forEach((d, i) => {
      if (done.has(d)) close(i);
      else {
        if (start < 0) start = i;
        if (dueDays.has(d)) hasDue = true;
      }
    });
    close(days.length);
  }
  return out;
}
