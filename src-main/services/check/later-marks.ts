// R12's look past the period (issue 12): the held lessons after it up to today of the journals
// asked about, and which of the pupils asked about got a mark there. Read only when needed.
import { prep } from '../sql';
import type { TermData, TermJournal } from './data-terms';

const json = (v: unknown) => JSON.stringify(v);
type Raw = unknown[];

/** A held lesson after the period and the pupils (of those asked about) who have a mark there. */
export interface LaterLesson {
  id: number;
  date: string;
  marked: Set<number>;
}

/**
 * The first lowMarkFollowLessons held lessons after the period up to today of the journals asked
 * about, each with which of the pupils asked about got a mark there (in the lesson or one of its
 * columns). Only R12 needs them, and only for a «2» near the period's end. The first N per journal
 * are enough: every loaded stay begins by the period's end, so the later lessons a pupil attends
 * are a prefix of the journal's. Two queries: the lessons (lesson_slot ranges of those journals),
 * then the marks of just those lessons by id through mark_cell — not every mark of the school up
 * to today (a month of marks, once the slowest part of the check).
 */
export function laterMarks(d: TermData, journals: readonly TermJournal[], pupils: readonly number[]): Map<string, LaterLesson[]> {
  const out = new Map<string, LaterLesson[]>();
  if (!journals.length || d.to >= d.today) return out;
  const n = d.settings.lowMarkFollowLessons;
  const byId = new Map<number, LaterLesson>();
  // One query for the journals' first n held lessons after the period, seeking lesson_slot per
  // journal (a query per journal costs more in calls than these rows).
  const pairs = [...new Set(journals)].map((j) => [j.groupId, j.subjectId]);
  for (const r of prep(
    d.sqlite,
    `SELECT l.id, l.group_id, l.subject_id, l.date
       FROM json_each(@journals) j CROSS JOIN lesson l ON l.id IN
            (SELECT x.id FROM lesson x
              WHERE x.group_id = json_extract(j.value, '$[0]') AND x.subject_id = json_extract(j.value, '$[1]')
                AND x.date > @start AND x.date <= @end AND x.cancelled = 0 AND x.held = 1 AND x.part = 0
              ORDER BY x.date, x.slot LIMIT @n)
      ORDER BY l.group_id, l.subject_id, l.date, l.slot`,
  )
    .raw(true)
    .iterate({ journals: json(pairs), start: d.to, end: d.today, n }) as IterableIterator<Raw>) {
    const k = `${r[1] as number}:${r[2] as number}`;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    if (list.length >= n) continue;
    const later: LaterLesson = { id: r[0] as number, date: r[3] as string, marked: new Set() };
    list.push(later);
    byId.set(later.id, later);
  }
  if (!byId.size) return out;
  // The lesson and its columns (same journal, date and slot; not cancelled) via lesson_slot; the
  // pupils' filter is kept off mark_pupil (+): the lessons are few, the pupils' marks many.
  for (const r of prep(
    d.sqlite,
    `SELECT l.id, m.pupil_id FROM lesson l
       JOIN lesson c ON c.group_id = l.group_id AND c.subject_id = l.subject_id AND c.date = l.date AND c.slot = l.slot AND c.cancelled = 0
       JOIN mark m ON m.lesson_id = c.id
      WHERE l.id IN (SELECT value FROM json_each(@ids)) AND +m.pupil_id IN (SELECT value FROM json_each(@pupils))`,
  )
    .raw(true)
    .iterate({ ids: json([...byId.keys()]), pupils: json([...new Set(pupils)]) }) as IterableIterator<Raw>)
    byId.get(r[0] as number)!.marked.add(r[1] as number);
  return out;
}
