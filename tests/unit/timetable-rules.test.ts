// The pure timetable rules: bells, reading a timetable file's rows, the substitution and grid
// helpers of the «Учебный год» screens. Expected values are written out from the issue.
import { describe, expect, it } from 'vitest';
import { checkBells } from '../../src-main/services/timetable/bells';
import { parseTimetableTable, parseWeekday } from '../../src-main/services/timetable/import-rows';
import type { Table } from '../../src-main/services/roster/table';
import type { SubstitutionView, TimetableEntryView } from '../../src-shared/rpc/timetable';
import { freeTeachers, groupsOf, lessonsShown, teachersOfDay, weekGrid } from '../../src-renderer/year/timetable/model';

describe('bells', () => {
  it('accepts ordered bells and names the first problem', () => {
    expect(checkBells([{ slot: 1, startsAt: '08:30', endsAt: '09:15' }, { slot: 2, startsAt: '09:15', endsAt: '10:00' }])).toBeNull();
    expect(checkBells([{ slot: 1, startsAt: '08:30', endsAt: '08:30' }])).toMatch(/позже начала/);
    expect(checkBells([{ slot: 1, startsAt: '08:30', endsAt: '09:15' }, { slot: 1, startsAt: '10:00', endsAt: '10:45' }])).toMatch(/дважды/);
    expect(checkBells([{ slot: 2, startsAt: '09:00', endsAt: '09:45' }, { slot: 1, startsAt: '08:30', endsAt: '09:15' }])).toMatch(
      /Урок 2 начинается \(09:00\) раньше, чем кончается урок 1/,
    );
  });
});

describe('timetable file rows', () => {
  it('reads weekdays as Пн, понедельник or 1', () => {
    expect(['Пн', 'пн.', 'понедельник', 'ВТОРНИК', '3', 'сб', 'Вс', '7'].map(parseWeekday)).toEqual([1, 1, 1, 2, 3, 6, 7, 7]);
    expect(['8', 'пон', '', 'monday'].map(parseWeekday)).toEqual([null, null, null, null]);
  });

  const table = (rows: string[][]): Table => ({ rows: rows.map((cells, i) => ({ line: i + 1, cells })) });
  it('maps columns by their header and gives each bad row its line and every problem', () => {
    const r = parseTimetableTable(
      table([
        ['Учитель', 'Класс', 'День', 'Урок', 'Предмет', 'С даты', 'Кабинет'],
        ['Иванова А. П.', '5А', 'Пн', '2', 'Математика', '01.09.2026', '12'],
        ['', '5А', 'Пнд', '13', 'Математика', '31.09.2026', ''],
      ]),
    );
    expect(r.rows).toEqual([
      { line: 2, className: '5А', groupName: '', weekday: 1, slot: 2, subject: 'Математика', teacher: 'Иванова А. П.', room: '12', from: '2026-09-01' },
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBe(3);
    expect(r.errors[0]!.message).toBe(
      'не заполнен столбец «учитель»; «Пнд» — не день недели (Пн, понедельник или 1–7); номер урока «13» должен быть числом от 0 до 12; «31.09.2026» — не дата (нужно ДД.ММ.ГГГГ)',
    );
  });

  it('refuses a file without the required columns', () => {
    expect(parseTimetableTable(table([['Класс', 'Предмет']])).errors).toEqual([
      { line: 1, message: 'Нет столбцов: «день недели», «урок», «учитель», «с даты»' },
    ]);
  });
});

const lesson = (o: Partial<SubstitutionView>): SubstitutionView => ({
  lessonId: null,
  groupId: 1,
  groupName: '5А',
  className: '5А',
  subjectId: 1,
  subjectName: 'Математика',
  date: '2026-11-26',
  slot: 1,
  plannedTeacherId: 10,
  plannedTeacherName: 'Белова',
  actualTeacherId: 10,
  actualTeacherName: 'Белова',
  termId: 2,
  ...o,
});

describe('substitution screen', () => {
  const day = [
    lesson({}),
    lesson({ groupId: 2, slot: 2, plannedTeacherId: 11, plannedTeacherName: 'Абрамова', actualTeacherId: 12, actualTeacherName: 'Волков' }),
    lesson({ groupId: 3, slot: 1, plannedTeacherId: 12, plannedTeacherName: 'Волков', actualTeacherId: 12 }),
  ];
  it("lists the day's teachers alphabetically and shows an absent teacher's lessons or every substitution", () => {
    expect(teachersOfDay(day).map((t) => t.name)).toEqual(['Абрамова', 'Белова', 'Волков']);
    expect(lessonsShown(day, 10).map((l) => l.groupId)).toEqual([1]);
    expect(lessonsShown(day, null).map((l) => l.groupId)).toEqual([2]);
  });
  it('offers only teachers free in that slot, never the timetabled one', () => {
    const all = [10, 11, 12, 13].map((id) => ({ id, name: String(id) }));
    // Slot 1: 12 teaches group 3; 10 is the timetabled teacher.
    expect(freeTeachers(all, day, day[0]!).map((t) => t.id)).toEqual([11, 13]);
  });
});

describe('timetable grid', () => {
  const entry = (o: Partial<TimetableEntryView>): TimetableEntryView => ({
    id: 1,
    groupId: 1,
    groupName: '5А',
    className: '5А',
    subjectId: 1,
    subjectName: 'Математика',
    teacherId: 1,
    teacherName: 'Белова',
    weekday: 1,
    slot: 1,
    room: null,
    validFrom: '2026-09-01',
    validTo: null,
    draft: false,
    ...o,
  });
  it('keys cells by weekday/slot with at least seven rows, and orders groups by grade', () => {
    const g = weekGrid([entry({ weekday: 3, slot: 8 }), entry({ groupId: 2, weekday: 1, slot: 1 })], 1);
    expect(g.slots).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...g.cell.keys()]).toEqual(['3/8']);
    expect(
      groupsOf([
        entry({ groupId: 5, className: '10А', groupName: '10А' }),
        entry({ groupId: 4, className: '9Б', groupName: 'англ. 1' }),
        entry({ groupId: 3, className: '9Б', groupName: '9Б' }),
      ]).map((x) => x.label),
    ).toEqual(['9Б', '9Б · англ. 1', '10А']);
  });
});
