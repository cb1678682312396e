// The bells editor's and the one-off forms' pure logic (src-renderer/year/timetable/oneoff.ts):
// expected values are written out by hand from the rules (HH:MM, end after start, no overlap;
// exact RPC inputs), never computed by the code under test.
import { describe, expect, it } from 'vitest';
import type { SubstitutionView, TimetableEntryView } from '../../src-shared/rpc/timetable';
import {
  addMinutes,
  bellsInput,
  checkBellRows,
  extraLessonInput,
  freeSlots,
  groupSubjects,
  lessonsOfGroup,
  moveLessonInput,
  nextBell,
  normalizeTime,
  placeIssues,
  teacherFor,
} from '../../src-renderer/year/timetable/oneoff';

const lesson = (over: Partial<SubstitutionView>): SubstitutionView => ({
  lessonId: 1,
  groupId: 10,
  groupName: '5А',
  className: '5А',
  subjectId: 3,
  subjectName: 'Математика',
  date: '2026-11-26',
  slot: 2,
  plannedTeacherId: 7,
  plannedTeacherName: 'Иванова А. Б.',
  actualTeacherId: 7,
  actualTeacherName: 'Иванова А. Б.',
  termId: 1,
  ...over,
});

describe('bell rows', () => {
  it('accepts consistent bells and normalizes "8:30"', () => {
    const rows = [
      { slot: 1, startsAt: '8:30', endsAt: '09:15' },
      { slot: 2, startsAt: '09:25', endsAt: '10:10' },
    ];
    expect([...checkBellRows(rows)]).toEqual([]);
    expect(bellsInput(4, [rows[1]!, rows[0]!])).toEqual({
      yearId: 4,
      bells: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:25', endsAt: '10:10' },
      ],
    });
  });

  it('names the field of each problem: bad time, end not after start, overlap with the previous slot', () => {
    const rows = [
      { slot: 1, startsAt: '08:30', endsAt: '08:30' },
      { slot: 2, startsAt: '25:00', endsAt: '10:10' },
      { slot: 3, startsAt: '10:00', endsAt: '' },
      { slot: 4, startsAt: '9.00', endsAt: 'abc' },
    ];
    expect(Object.fromEntries(checkBellRows(rows))).toEqual({
      '0/endsAt': 'timetable.bells.endBeforeStart',
      '1/startsAt': 'timetable.bells.badTime',
      '2/startsAt': 'timetable.bells.overlap',
      '2/endsAt': 'timetable.bells.badTime',
      '3/startsAt': 'timetable.bells.badTime',
      '3/endsAt': 'timetable.bells.badTime',
    });
    expect(normalizeTime(' 7:05 ')).toBe('07:05');
    expect(normalizeTime('17:5')).toBe('17:5');
  });

  it('adds the next slot 10 minutes after the last, 45 minutes long; none past slot 12', () => {
    expect(nextBell([])).toEqual({ slot: 1, startsAt: '08:30', endsAt: '09:15' });
    expect(nextBell([{ slot: 3, startsAt: '10:20', endsAt: '11:05' }])).toEqual({ slot: 4, startsAt: '11:15', endsAt: '12:00' });
    expect(nextBell([{ slot: 5, startsAt: '10:20', endsAt: '' }])).toEqual({ slot: 6, startsAt: '', endsAt: '' });
    expect(nextBell([{ slot: 12, startsAt: '18:00', endsAt: '18:45' }])).toBeNull();
    expect(addMinutes('23:40', 45)).toBe('23:59');
  });

  it("places the server's issues at the fields they name, the rest above the table", () => {
    const placed = placeIssues([
      { path: ['bells', 1, 'endsAt'], message: 'время в формате ЧЧ:ММ, от 00:00 до 23:59' },
      { path: ['bells'], message: 'Урок 3 указан дважды' },
      { path: ['yearId'], message: 'Нет такого учебного года' },
    ]);
    expect(Object.fromEntries(placed.fields)).toEqual({ '1/endsAt': 'время в формате ЧЧ:ММ, от 00:00 до 23:59' });
    expect(placed.general).toEqual(['Урок 3 указан дважды', 'Нет такого учебного года']);
  });
});

describe('one-off lesson changes', () => {
  const day = [
    lesson({ slot: 3, subjectId: 4, subjectName: 'Русский язык' }),
    lesson({ groupId: 11, slot: 1 }),
    lesson({ slot: 1 }),
  ];

  it("lists the group's lessons by slot and the slots it has free", () => {
    expect(lessonsOfGroup(day, 10).map((l) => [l.groupId, l.slot])).toEqual([
      [10, 1],
      [10, 3],
    ]);
    expect(freeSlots(lessonsOfGroup(day, 10), [])).toEqual([2, 4, 5, 6, 7]);
    expect(freeSlots(lessonsOfGroup(day, 10), [1, 2, 9])).toEqual([2, 4, 5, 6, 7, 8, 9]);
  });

  it('builds timetable.addLesson input or names what to choose', () => {
    expect(extraLessonInput(10, '2027-05-20', { subjectId: '3', teacherId: '7', slot: '8' })).toEqual({
      ok: true,
      input: { lesson: { groupId: 10, subjectId: 3, date: '2027-05-20', slot: 8 }, teacherId: 7 },
    });
    expect(extraLessonInput(10, '2027-05-20', { subjectId: '', teacherId: '7', slot: '8' })).toEqual({ ok: false, problem: 'timetable.oneoff.pickSubject' });
    expect(extraLessonInput(10, '2027-05-20', { subjectId: '3', teacherId: '', slot: '8' })).toEqual({ ok: false, problem: 'timetable.oneoff.pickTeacher' });
    expect(extraLessonInput(10, '2027-05-20', { subjectId: '3', teacherId: '7', slot: '13' })).toEqual({ ok: false, problem: 'timetable.oneoff.pickSlot' });
  });

  it('builds timetable.moveLesson input; the same place is refused', () => {
    const l = lesson({ slot: 2 });
    expect(moveLessonInput(l, { date: '2026-11-27', slot: '5' })).toEqual({
      ok: true,
      input: { lesson: { groupId: 10, subjectId: 3, date: '2026-11-26', slot: 2 }, to: { date: '2026-11-27', slot: 5 } },
    });
    expect(moveLessonInput(l, { date: '2026-11-26', slot: '2' })).toEqual({ ok: false, problem: 'timetable.oneoff.sameSlot' });
    expect(moveLessonInput(l, { date: '', slot: '2' })).toEqual({ ok: false, problem: 'timetable.oneoff.pickDate' });
    expect(moveLessonInput(l, { date: '2026-11-27', slot: '0' })).toEqual({ ok: false, problem: 'timetable.oneoff.pickSlot' });
  });

  it("offers the group's own subjects with their usual teacher (all subjects when the group has none)", () => {
    const entry = (groupId: number, subjectId: number, subjectName: string, teacherId: number): TimetableEntryView => ({
      id: groupId * 100 + subjectId,
      groupId,
      groupName: 'x',
      className: 'x',
      subjectId,
      subjectName,
      teacherId,
      teacherName: 't',
      weekday: 1,
      slot: 1,
      room: null,
      validFrom: '2026-09-01',
      validTo: null,
      draft: false,
    });
    const week = [entry(10, 3, 'Математика', 7), entry(10, 4, 'Химия', 8), entry(11, 5, 'Алгебра', 9)];
    expect(groupSubjects(week, 10)).toEqual([
      { id: 3, name: 'Математика' },
      { id: 4, name: 'Химия' },
    ]);
    expect(groupSubjects(week, 12).map((s) => s.id)).toEqual([5, 3, 4]);
    expect(teacherFor(week, 10, 4)).toBe(8);
    expect(teacherFor(week, 10, 5)).toBeNull();
  });
});
