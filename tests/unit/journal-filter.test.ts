// The readers' journal picker filters: by class, teacher and subject (AND between them), each
// offering only what the other two leave. Expected lists written out by hand from the fixture.
import { describe, expect, it } from 'vitest';
import { filterChoices, filterJournals, NO_FILTER } from '../../src-renderer/journal/journal-filter';

const j = (groupId: number, className: string, subjectName: string, teacherName: string | null) => ({
  groupId,
  groupName: className,
  className,
  subjectId: subjectName.length,
  subjectName,
  teacherName,
  access: 'read' as const,
});
// In journal.list's order: grade, then letter.
const list = [
  j(1, '5А', 'Математика', 'Иванова М. П.'),
  j(1, '5А', 'Русский язык', 'Петрова А. С.'),
  j(2, '5Б', 'Математика', 'Иванова М. П.'),
  j(3, '10А', 'Алгебра', 'Сидоров В. В.'),
  j(3, '10А', 'Физика', null),
];

describe('journal picker filters', () => {
  it('shows everything with no filter, and narrows by each filter and by all of them together', () => {
    expect(filterJournals(list, NO_FILTER)).toHaveLength(5);
    expect(filterJournals(list, { ...NO_FILTER, className: '5А' }).map((x) => x.subjectName)).toEqual(['Математика', 'Русский язык']);
    expect(filterJournals(list, { ...NO_FILTER, teacherName: 'Иванова М. П.' }).map((x) => x.className)).toEqual(['5А', '5Б']);
    expect(filterJournals(list, { ...NO_FILTER, subjectName: 'Математика', className: '5Б' }).map((x) => x.groupId)).toEqual([2]);
    expect(filterJournals(list, { className: '5А', teacherName: 'Петрова А. С.', subjectName: 'Математика' })).toEqual([]);
  });

  it('offers classes in the list order, teachers and subjects alphabetically, with no empty teacher', () => {
    expect(filterChoices(list, NO_FILTER)).toEqual({
      className: ['5А', '5Б', '10А'],
      teacherName: ['Иванова М. П.', 'Петрова А. С.', 'Сидоров В. В.'],
      subjectName: ['Алгебра', 'Математика', 'Русский язык', 'Физика'],
    });
  });

  it('offers in each filter only what the other filters leave, keeping the chosen value', () => {
    const c = filterChoices(list, { ...NO_FILTER, teacherName: 'Иванова М. П.' });
    expect(c.className).toEqual(['5А', '5Б']);
    expect(c.subjectName).toEqual(['Математика']);
    expect(c.teacherName).toEqual(['Иванова М. П.', 'Петрова А. С.', 'Сидоров В. В.']);
    const d = filterChoices(list, { ...NO_FILTER, className: '10А' });
    expect(d.teacherName).toEqual(['Сидоров В. В.']);
    expect(d.subjectName).toEqual(['Алгебра', 'Физика']);
  });
});
