// R5: a timetabled lesson more than entryDays school days old that is not marked held — a
// timetable slot with no journal column at all (nothing entered) or a column marked «не
// проведён» — and per journal the lag: timetabled lessons due vs lessons held.
// Keys name the place (group, subject, date, slot), not the row: a slot gains a row when the
// teacher enters the lesson, and the re-check must still find (or miss) the same key.
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { journalKey } from '../data';
import { entryOverdue, finding, inPeriod, journalOf, journalPlace, lessonPlace, lessonTeacher, ruDate } from './common';

export function r5(data: CheckData): Finding[] {
  const out: Finding[] = [];
  const planned = new Map<string, number>();
  const held = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const l of data.lessons) {
    if (l.part !== 0 || !inPeriod(data, l.date)) continue;
    const j = journalOf(data, l);
    if (!j || !entryOverdue(data, j, l.date)) continue;
    const k = journalKey(l.groupId, l.subjectId);
    // A cancelled row at a timetable slot (moved away, cancelled) was still planned there.
    if (l.origin === 'timetable') bump(planned, k);
    if (l.cancelled) continue;
    if (l.held) {
      bump(held, k);
      continue;
    }
    if (l.origin !== 'timetable') continue;
    out.push(
      finding(
        'R5',
        `R5:${l.groupId}:${l.subjectId}:${l.date}:${l.slot}`,
        { teacherId: lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: l.id, date: l.date },
        `${lessonPlace(j, l)}: урок по расписанию отмечен как не проведённый (не перенесён и не отменён)`,
        { slot: l.slot, stored: true },
      ),
    );
  }
  for (const s of data.slots) {
    if (!inPeriod(data, s.date)) continue;
    const j = journalOf(data, s);
    if (!j || !entryOverdue(data, j, s.date)) continue;
    bump(planned, j.key);
    out.push(
      finding(
        'R5',
        `R5:${s.groupId}:${s.subjectId}:${s.date}:${s.slot}`,
        { teacherId: s.teacherId, groupId: s.groupId, subjectId: s.subjectId, date: s.date },
        `${lessonPlace(j, s)}: урок по расписанию не отмечен проведённым (в журнале по нему ничего нет)`,
        { slot: s.slot, stored: false },
      ),
    );
  }
  for (const [k, p] of planned) {
    const h = held.get(k) ?? 0;
    if (h >= p) continue;
    const j = data.journals.get(k)!;
    out.push(
      finding(
        'R5',
        `R5:lag:${j.groupId}:${j.subjectId}`,
        { teacherId: j.teacherId, groupId: j.groupId, subjectId: j.subjectId, date: data.cutoff },
        `${journalPlace(j)}: по расписанию к ${ruDate(data.cutoff)} — ${p} ур., проведено ${h} (отставание ${p - h})`,
        { planned: p, held: h, lag: p - h },
      ),
    );
  }
  return out;
}
