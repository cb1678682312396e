// Base versions of queued edits moved after an earlier edit of the same place went through
// (src-main/network/client/outbox-versions.ts); the places and versions are written out here.
import { describe, expect, it } from 'vitest';
import { rebased, versionMoves } from '../../src-main/network/client/outbox-versions';

const lesson = { groupId: 1, subjectId: 2, date: '2026-11-23', slot: 2 };
const cell = (pupilId: number, version?: number, date = '2026-11-23') => ({
  lesson: { ...lesson, date },
  pupilId,
  marks: [],
  absence: null,
  ...(version === undefined ? {} : { version }),
});
const term = (pupilId: number, version: number) => ({ groupId: 1, subjectId: 2, termId: 9, pupilId, value: '5', version });

describe('queued edits after an earlier one went through', () => {
  it('a cell edit made on the same version moves to the new one; others stay', () => {
    const moves = versionMoves({ method: 'journal.setCell', input: cell(11, 4) }, { lessonId: 40, cell: { version: 5 } });
    expect(rebased({ method: 'journal.setCell', input: cell(11, 4) }, moves)).toEqual(cell(11, 5));
    expect(rebased({ method: 'journal.setCell', input: cell(11, 3) }, moves)).toBeNull(); // someone else's change between
    expect(rebased({ method: 'journal.setCell', input: cell(12, 4) }, moves)).toBeNull(); // another pupil
    expect(rebased({ method: 'journal.setCell', input: cell(11, 4, '2026-11-26') }, moves)).toBeNull(); // another lesson
    expect(rebased({ method: 'journal.setCell', input: cell(11) }, moves)).toBeNull(); // no version: last writer wins
    const pasted = rebased({ method: 'journal.setCells', input: { edits: [cell(12, 4), cell(11, 4)] } }, moves);
    expect(pasted).toEqual({ edits: [cell(12, 4), cell(11, 5)] });
  });

  it('a pasted column moves each of its cells; a lesson and a term mark move too, a removed term mark to 0', () => {
    const pasted = versionMoves(
      { method: 'journal.setCells', input: { edits: [cell(11, 0), cell(12, 2)] } },
      {
        cells: [
          { lessonId: 40, cell: { version: 1 } },
          { lessonId: 40, cell: { version: 3 } },
        ],
      },
    );
    expect(rebased({ method: 'journal.setCell', input: cell(12, 2) }, pasted)).toEqual(cell(12, 3));
    const topic = versionMoves({ method: 'journal.setLesson', input: { lesson, topic: 'А', version: 7 } }, { lessonId: 40, version: 8 });
    expect(rebased({ method: 'journal.setLesson', input: { lesson, homework: 'Б', version: 7 } }, topic)).toEqual({
      lesson,
      homework: 'Б',
      version: 8,
    });
    const removed = versionMoves({ method: 'journal.setTermMark', input: { ...term(11, 2), value: null } }, { termMark: null, version: 3 });
    expect(rebased({ method: 'journal.setTermMark', input: term(11, 2) }, removed)).toEqual(term(11, 0));
    const set = versionMoves({ method: 'journal.setTermMark', input: term(11, 2) }, { termMark: { version: 3 }, version: 3 });
    expect(rebased({ method: 'journal.setTermMark', input: term(11, 2) }, set)).toEqual(term(11, 3));
  });
});
