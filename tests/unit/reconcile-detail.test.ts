// «Проверка дневника» details: lessons keep the answer's order; inside a lesson the field
// differences come before the pupils, pupils by name; the label names the slot when known.
import { describe, expect, it } from 'vitest';
import { detailRows, fieldKey, lessonLabel, type CellDiff } from '../../src-renderer/export/reconcile-detail';

const cell = (
  lessonId: number,
  field: CellDiff['field'],
  pupilName: string | null,
  ours: string | null,
  theirs: string | null,
): CellDiff => ({
  lessonId,
  date: '2026-11-12',
  slot: 2,
  field,
  pupilId: pupilName ? pupilName.length : null,
  pupilName,
  ours,
  theirs,
});

describe('reconcile detail rows', () => {
  it('puts every difference under its lesson: fields first, then pupils in Russian order', () => {
    const lessons = [
      { lessonId: 7, date: '2026-11-10', slot: 1, problem: 'missing' as const },
      { lessonId: 9, date: '2026-11-12', slot: 2, problem: 'different' as const },
    ];
    const cells = [
      cell(9, 'cell', 'Яковлев Я. Я.', '5', '4'),
      cell(9, 'cell', 'Ёлкина Е. Е.', null, 'н'),
      cell(9, 'topic', null, 'Дроби', null),
    ];
    const rows = detailRows({ lessons, cells });
    expect(rows.map((r) => r.lesson.lessonId)).toEqual([7, 9]);
    expect(rows[0]!.cells).toEqual([]);
    expect(rows[1]!.cells.map((c) => c.pupilName ?? c.field)).toEqual(['topic', 'Ёлкина Е. Е.', 'Яковлев Я. Я.']);
  });

  it('names a field by its key and a pupil by the name', () => {
    expect(fieldKey(cell(1, 'homework', null, 'a', 'b'))).toBe('recon.field.homework');
    expect(fieldKey(cell(1, 'cell', 'Иванов И. И.', '5', '4'))).toBeNull();
  });

  it('labels a lesson with its slot, or the date alone when the slot is unknown', () => {
    const d = (s: string) => s.split('-').reverse().join('.');
    expect(lessonLabel({ date: '2026-11-12', slot: 2 }, d)).toBe('12.11.2026, 2-й урок');
    expect(lessonLabel({ date: '2026-11-12', slot: 0 }, d)).toBe('12.11.2026');
  });
});
