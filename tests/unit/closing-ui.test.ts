// The journal's and the closing tab's pure closing rules (issue 11), from the rules as written:
// a reopened journal opens every cell and term mark; a cell reopening opens that lesson ×
// pupil only; a term-mark reopening (lesson null) opens that pupil's term mark only.
import { describe, expect, it } from 'vitest';
import { cellReopened, termMarkReopened } from '../../src-renderer/journal/closing/reopen';
import { classesOfTerm, closedFor, reopeningKind, type Status } from '../../src-renderer/year/closing/model';

const r = (lessonId: number | null, pupilId: number | null) => ({ id: 1, lessonId, pupilId, reason: 'причина' });

describe('what a reopening opens', () => {
  const table: [string, ReturnType<typeof r>[], [number | null, number], boolean, number, boolean][] = [
    // name, reopenings, [lesson, pupil] of a cell, cell open?, pupil of a term mark, term mark open?
    ['nothing reopened', [], [10, 7], false, 7, false],
    ['the journal', [r(null, null)], [10, 7], true, 7, true],
    ['that cell', [r(10, 7)], [10, 7], true, 7, false],
    ['another pupil’s cell', [r(10, 8)], [10, 7], false, 7, false],
    ['another lesson’s cell', [r(11, 7)], [10, 7], false, 7, false],
    ['a lesson not stored yet', [r(10, 7)], [null, 7], false, 7, false],
    ['the pupil’s term mark', [r(null, 7)], [10, 7], false, 7, true],
    ['another pupil’s term mark', [r(null, 8)], [10, 7], false, 7, false],
  ];
  it.each(table)('%s', (_, reopened, [lessonId, pupilId], cellOpen, markPupil, markOpen) => {
    expect(cellReopened(reopened, lessonId, pupilId)).toBe(cellOpen);
    expect(termMarkReopened(reopened, markPupil)).toBe(markOpen);
  });
  it('names the kind', () => {
    expect([reopeningKind(r(null, null)), reopeningKind(r(3, 4)), reopeningKind(r(null, 4))]).toEqual(['journal', 'cell', 'mark']);
  });
});

describe('the closing tab’s classes and states', () => {
  const term = {
    id: 5,
    kind: 'quarter' as const,
    number: 1,
    startsOn: '2026-09-01',
    endsOn: '2026-10-24',
    gradeFrom: 1,
    gradeTo: 9,
    closedAt: null,
  };
  const status: Status = {
    year: { id: 1, label: '2026/2027', archived: false },
    terms: [term, { ...term, id: 6, kind: 'half', gradeFrom: 10, gradeTo: 11, closedAt: '2026-12-29T10:00:00Z' }],
    classes: [
      { id: 1, name: '5А', grade: 5, closures: [{ termId: 5, closedAt: '2026-10-30T10:00:00Z', closedBy: 'Иванова И. И.' }] },
      { id: 2, name: '5Б', grade: 5, closures: [] },
      { id: 3, name: '10А', grade: 10, closures: [] },
    ],
    reopenings: [],
  };
  it('lists the classes of the term’s grades', () => {
    expect(classesOfTerm(status, term).map((c) => c.name)).toEqual(['5А', '5Б']);
  });
  it('takes the class’s own closure, else the whole school’s', () => {
    expect(closedFor(status, 1, term)).toEqual({ at: '2026-10-30T10:00:00Z', by: 'Иванова И. И.' });
    expect(closedFor(status, 2, term)).toBeNull();
    expect(closedFor(status, 3, status.terms[1]!)).toEqual({ at: '2026-12-29T10:00:00Z', by: null });
  });
});
