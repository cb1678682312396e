// The rollover's drafts (teaching load and timetable copied for the new year, draft = 1) are
// in force nowhere until published: then they close whatever was in force for the same groups
// and the year's lessons are generated from them.
import { addDays } from '../../../src-shared/dates';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { generateLessons, yearOf } from './generate';

export function publishDrafts(ctx: Ctx, input: { yearId: number }) {
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    yearOf(s, input.yearId);
    const inYear = 'SELECT g.id FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?';
    // Per group, the earliest draft start: rows in force before it end the day before.
    for (const table of ['teaching_load', 'timetable_entry'] as const) {
      const starts = prep(
        s,
        `SELECT group_id, MIN(valid_from) AS d FROM ${table} WHERE draft = 1 AND group_id IN (${inYear}) GROUP BY group_id`,
      ).all(input.yearId) as { group_id: number; d: string }[];
      for (const st of starts) {
        prep(s, `UPDATE ${table} SET valid_to = ? WHERE group_id = ? AND draft = 0 AND valid_from < ? AND (valid_to IS NULL OR valid_to >= ?)`).run(
          addDays(st.d, -1),
          st.group_id,
          st.d,
          st.d,
        );
        if (table === 'timetable_entry') prep(s, 'DELETE FROM timetable_entry WHERE group_id = ? AND draft = 0 AND valid_from >= ?').run(st.group_id, st.d);
      }
    }
    const loads = prep(s, `UPDATE teaching_load SET draft = 0 WHERE draft = 1 AND group_id IN (${inYear})`).run(input.yearId).changes;
    const entries = prep(s, `UPDATE timetable_entry SET draft = 0 WHERE draft = 1 AND group_id IN (${inYear})`).run(input.yearId).changes;
    rec.audit({ action: 'timetable.publish_drafts', entity: 'school_year', entityId: input.yearId, after: { loads, entries } });
    const made = generateLessons(ctx, rec, { yearId: input.yearId });
    return { loads, entries, created: made.created };
  });
}
