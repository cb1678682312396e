// R3, late entry: from the audit log, the day a lesson's topic, its first mark and its first
// absence were entered; more than entryDays school days after the lesson is late. A value that
// was already there when the scan starts (the day before the period) was entered in time.
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { finding, journalOf, lessonPlace, lessonTeacher, ruDate } from './common';

type Kind = 'topic' | 'marks' | 'absences';
const KIND_RU: Record<Kind, string> = { topic: 'тема', marks: 'отметки', absences: 'пропуски' };

interface CellJson {
  marks?: unknown[];
  absence?: string | null;
}

function parse<T>(s: string | null): T | null {
  if (s === null) return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

export function r3(data: CheckData): Finding[] {
  const byId = new Map(data.lessons.filter((l) => !l.cancelled && l.held && l.date >= data.from && l.date <= data.cutoff).map((l) => [l.id, l]));
  // lesson id → kind → the school date it was first entered (null: present before the scan).
  const first = new Map<number, Partial<Record<Kind, string | null>>>();
  const note = (lessonId: number, kind: Kind, had: boolean, has: boolean, date: string) => {
    let f = first.get(lessonId);
    if (!f) first.set(lessonId, (f = {}));
    if (f[kind] !== undefined) return;
    if (had) f[kind] = null;
    else if (has) f[kind] = date;
  };
  for (const a of data.audit) {
    if (a.entity === 'lesson') {
      const id = Number(a.entityId);
      if (!byId.has(id)) continue;
      const before = parse<{ topic?: string | null }>(a.before);
      const after = parse<{ topic?: string | null }>(a.after);
      // Records without a topic field (a created row, a move) say nothing about the topic.
      if (!after || !('topic' in after)) continue;
      note(id, 'topic', !!before?.topic?.trim(), !!after.topic?.trim(), a.date);
    } else if (a.entity === 'cell') {
      const id = Number(a.entityId.split(':')[0]);
      if (!byId.has(id)) continue;
      const before = parse<CellJson>(a.before);
      const after = parse<CellJson>(a.after);
      note(id, 'marks', !!before?.marks?.length, !!after?.marks?.length, a.date);
      note(id, 'absences', !!before?.absence, !!after?.absence, a.date);
    }
  }
  const out: Finding[] = [];
  for (const [id, f] of first) {
    const l = byId.get(id)!;
    const j = journalOf(data, l);
    if (!j) continue;
    const late = (Object.keys(f) as Kind[]).filter((k) => f[k] && data.schoolDaysBetween(j, l.date, f[k]!) > data.settings.entryDays);
    if (!late.length) continue;
    const days = Math.max(...late.map((k) => data.schoolDaysBetween(j, l.date, f[k]!)));
    const list = late.map((k) => `${KIND_RU[k]} — ${ruDate(f[k]!)}`).join(', ');
    out.push(
      finding(
        'R3',
        `R3:l${id}`,
        { teacherId: lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: id, date: l.date },
        `${lessonPlace(j, l)}: внесено с опозданием (${list}; ${days} уч. дн. после урока)`,
        { topic: f.topic ?? null, marks: f.marks ?? null, absences: f.absences ?? null, schoolDays: days, allowed: data.settings.entryDays },
      ),
    );
  }
  return out;
}
