// The pure rules of control-work columns (issue 11): where a column goes, which marks a
// work-type change concerns, header names, the Russian counting of marks.
import { describe, expect, it } from 'vitest';
import { marksWord, retypeMessage, workTypeShort } from '../../src-shared/journal/columns';
import type { LessonView } from '../../src-shared/rpc/journal';
import { columnLabel, dropColumn, lessonColOf, marksTypes, putColumn, retypeCount } from '../../src-renderer/journal/columns';
import { colKey, type Cell } from '../../src-renderer/journal/model';

const types = [
  { id: 1, name: 'Ответ на уроке', weight: 1, isControl: false, isMakeUp: false },
  { id: 5, name: 'Контрольная работа', weight: 2, isControl: true, isMakeUp: false },
  { id: 6, name: 'Отработка', weight: 1, isControl: false, isMakeUp: true },
];
const lesson = (date: string, slot: number, part = 0, workTypeId: number | null = null): LessonView => ({
  lessonId: part + 100,
  date,
  slot,
  held: true,
  topic: null,
  homework: null,
  workTypeId,
  plannedTeacherId: 1,
  actualTeacherId: 1,
  actualTeacherName: null,
  files: [],
  editable: true,
  privacy: [],
  version: 0,
  part,
  weight: null,
  origin: 'timetable',
  movedFrom: null,
  planTopicId: null,
  noHomework: false,
});

describe('column keys and placement', () => {
  it('keys a lesson by date and slot as before, a column by its part too', () => {
    expect(colKey(lesson('2026-11-23', 2))).toBe('2026-11-23.2');
    expect(colKey(lesson('2026-11-23', 2, 1))).toBe('2026-11-23.2.1');
    expect(lessonColOf(lesson('2026-11-23', 2, 1))).toBe('2026-11-23.2');
    expect(lessonColOf(lesson('2026-11-23', 2))).toBeNull();
  });

  it('puts a new column after its lesson and earlier columns, replaces a known one, drops one', () => {
    const ls = [lesson('2026-11-20', 1), lesson('2026-11-23', 2), lesson('2026-11-23', 2, 1), lesson('2026-11-26', 2)];
    const two = putColumn(ls, lesson('2026-11-23', 2, 2, 5));
    expect(two.map(colKey)).toEqual(['2026-11-20.1', '2026-11-23.2', '2026-11-23.2.1', '2026-11-23.2.2', '2026-11-26.2']);
    const again = putColumn(two, { ...lesson('2026-11-23', 2, 2, 1), version: 3 });
    expect(again).toHaveLength(5);
    expect(again[3]!.workTypeId).toBe(1);
    expect(dropColumn(again, '2026-11-23.2.1').map(colKey)).toEqual(['2026-11-20.1', '2026-11-23.2', '2026-11-23.2.2', '2026-11-26.2']);
  });
});

describe('which marks a work-type change concerns', () => {
  const pupils = [{ id: 7 }, { id: 8 }, { id: 9 }];
  const l = lesson('2026-11-23', 2);
  const cells = new Map<string, Cell>([
    ['2026-11-23.2#7', { marks: [{ value: '4', workTypeId: 1, weight: 1 }], absence: null }],
    [
      '2026-11-23.2#8',
      {
        marks: [
          { value: '3', workTypeId: 1, weight: 1 },
          { value: '5', workTypeId: 5, weight: 2 },
        ],
        absence: null,
      },
    ],
    ['2026-11-23.2#9', { marks: [{ value: '5', workTypeId: 6, weight: 1 }], absence: 'н' }],
  ]);
  it('counts the marks of the lesson’s current type (the default when it names none), not others', () => {
    expect(retypeCount(cells, l, pupils, types, 5)).toBe(2);
    expect(retypeCount(cells, l, pupils, types, 1)).toBe(0); // the default is «Ответ на уроке» already
    expect(retypeCount(cells, l, pupils, types, null)).toBe(0);
    expect(retypeCount(cells, { ...l, workTypeId: 5 }, pupils, types, 1)).toBe(1);
    expect(retypeCount(cells, l, pupils, types, 1, true)).toBe(2); // a new weight for the same type
  });
});

describe('names and words', () => {
  it('gives a column header the school abbreviation of its work type', () => {
    expect(columnLabel(lesson('2026-11-23', 2, 1, 5), types)).toBe('К/р');
    expect(columnLabel(lesson('2026-11-23', 2, 0, 5), types)).toBeNull();
    expect(workTypeShort('Диктант')).toBe('Дикт.');
    expect(workTypeShort('Лабораторная работа')).toBe('Лаб.');
    expect(workTypeShort('Устный опрос')).toBe('У/о');
    expect(workTypeShort('Реферат')).toBe('Рефе.');
  });
  it('counts marks in Russian', () => {
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 111].map((n) => `${n} ${marksWord(n)}`)).toEqual([
      '1 оценка',
      '2 оценки',
      '4 оценки',
      '5 оценок',
      '11 оценок',
      '12 оценок',
      '21 оценка',
      '22 оценки',
      '25 оценок',
      '111 оценок',
    ]);
    expect(retypeMessage(3)).toMatch(/^Уже поставлено 3 оценки с прежним видом работы/);
  });
  it('lists a cell’s work types once each, in order', () => {
    expect(marksTypes([{ workTypeId: 1 }, { workTypeId: 5 }, { workTypeId: 1 }], types)).toBe('Ответ на уроке, Контрольная работа');
    expect(marksTypes([], types)).toBe('');
  });
});
