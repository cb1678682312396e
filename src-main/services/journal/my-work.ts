// The teacher's own work: teaching load and the week's lessons from the timetable.
import { addDays, schoolDate, weekStart } from '../../../src-shared/dates';
import type { Handlers } from '../../rpc/handlers';
import { requireActor } from '../context';
import { className } from './format';
import { prep } from '../sql';

interface LoadRow {
  group_id: number;
  group_name: string;
  class_id: number;
  grade: number;
  letter: string;
  is_whole_class: number;
  subject_id: number;
  subject_name: string;
  hours: number;
  pupils: number;
  access: 'write' | 'read';
}

export const myWorkHandlers: Pick<Handlers, 'journal.myWork'> = {
  'journal.myWork': (ctx, input) => {
    const me = requireActor(ctx).staffId;
    const today = schoolDate(ctx.now());
    const date = input.date ?? today;
    const monday = weekStart(date);
    const sunday = addDays(monday, 6);
    // Own load (write), then every subject of the classes this teacher leads (read),
    // unless already in the own load. Pupils counted as enrolled in the group on the date.
    const load = prep(
      ctx.sqlite,
      `WITH mine AS (
           SELECT tl.group_id, tl.subject_id, tl.hours_per_week AS hours, 'write' AS access FROM teaching_load tl
           WHERE tl.teacher_id = @me AND tl.draft = 0 AND tl.valid_from <= @date AND (tl.valid_to IS NULL OR tl.valid_to >= @date)
         ), led AS (
           SELECT tl.group_id, tl.subject_id, tl.hours_per_week AS hours, 'read' AS access FROM teaching_load tl
           JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
           WHERE c.class_teacher_id = @me AND tl.draft = 0 AND tl.valid_from <= @date AND (tl.valid_to IS NULL OR tl.valid_to >= @date)
             AND NOT EXISTS (SELECT 1 FROM mine m WHERE m.group_id = tl.group_id AND m.subject_id = tl.subject_id)
         )
         SELECT x.group_id, g.name AS group_name, c.id AS class_id, c.grade, c.letter, g.is_whole_class,
                x.subject_id, s.name AS subject_name, x.hours, x.access,
                (SELECT COUNT(*) FROM group_member gm WHERE gm.group_id = x.group_id
                   AND gm.from_date <= @date AND (gm.to_date IS NULL OR gm.to_date >= @date)) AS pupils
         FROM (SELECT * FROM mine UNION ALL SELECT * FROM led) x
         JOIN study_group g ON g.id = x.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = x.subject_id
         ORDER BY x.access DESC, c.grade, c.letter, g.name, s.name`,
    ).all({ me, date }) as LoadRow[];

    const week = prep(
      ctx.sqlite,
      `WITH RECURSIVE days(d) AS (SELECT @monday UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < @sunday)
         SELECT days.d AS date, t.slot, t.group_id, g.name AS group_name, t.subject_id, s.name AS subject_name, t.room,
                l.id AS lesson_id, l.held, l.topic
         FROM days
         JOIN timetable_entry t ON t.teacher_id = @me AND t.draft = 0
           AND t.weekday = CAST(strftime('%u', days.d) AS INTEGER)
           AND t.valid_from <= days.d AND (t.valid_to IS NULL OR t.valid_to >= days.d)
         JOIN study_group g ON g.id = t.group_id JOIN subject s ON s.id = t.subject_id
         LEFT JOIN lesson l ON l.group_id = t.group_id AND l.subject_id = t.subject_id AND l.date = days.d AND l.slot = t.slot AND l.part = 0
         WHERE l.cancelled IS NOT 1
         ORDER BY days.d, t.slot`,
    ).all({ me, monday, sunday }) as {
      date: string;
      slot: number;
      group_id: number;
      group_name: string;
      subject_id: number;
      subject_name: string;
      room: string | null;
      lesson_id: number | null;
      held: number | null;
      topic: string | null;
    }[];

    return {
      today,
      weekStart: monday,
      load: load.map((r) => ({
        groupId: r.group_id,
        groupName: r.group_name,
        classId: r.class_id,
        className: className(r.grade, r.letter),
        subjectId: r.subject_id,
        subjectName: r.subject_name,
        hoursPerWeek: r.hours,
        pupils: r.pupils,
        access: r.access,
      })),
      week: week.map((w) => ({
        date: w.date,
        slot: w.slot,
        groupId: w.group_id,
        groupName: w.group_name,
        subjectId: w.subject_id,
        subjectName: w.subject_name,
        room: w.room,
        lessonId: w.lesson_id,
        held: w.held === 1,
        topic: w.topic,
      })),
    };
  },
};
