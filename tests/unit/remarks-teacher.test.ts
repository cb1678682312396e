// The teacher's remarks, pure (issue 12): buttons per state, the start page's order, days left,
// the journal link, and where the grid's markers go. Expected values written from the contract.
import { describe, expect, it } from 'vitest';
import type { RemarkState, RemarkView } from '../../src-shared/rpc/check';
import { daysLeft, lessonRemarks, NO_MARKS, remarkActions, remarkHref, remarkMarks, replyInput, sortRemarks } from '../../src-renderer/remarks/remarks';

const remark = (id: number, over: Partial<RemarkView> = {}): RemarkView => ({
  id,
  checkId: 1,
  findingId: null,
  rule: 'R1',
  teacherId: 7,
  teacherName: 'Иванова И. И.',
  groupId: 3,
  groupName: '5А',
  subjectId: 4,
  subjectName: 'Математика',
  lessonId: null,
  lessonDate: null,
  lessonSlot: null,
  pupilId: null,
  pupilName: null,
  text: `замечание ${id}`,
  deadline: '2026-12-01',
  state: 'open',
  fixedBy: null,
  reply: null,
  createdAt: '2026-11-20T10:00:00Z',
  stateAt: '2026-11-20T10:00:00Z',
  version: 0,
  ...over,
});

describe('remark actions by state', () => {
  it.each<[RemarkState, boolean, boolean]>([
    ['open', true, true],
    ['acknowledged', false, true],
    ['overdue', false, true],
    ['fixed', false, false],
    ['verified', false, false],
    ['draft', false, false],
  ])('%s → acknowledge %s, fix %s', (state, acknowledge, fix) => {
    expect(remarkActions({ state })).toEqual({ acknowledge, fix });
  });
});

describe('the start page order and the deadline', () => {
  it('puts overdue first, then the waiting ones by deadline, fixed last', () => {
    const list = [
      remark(1, { state: 'fixed', deadline: '2026-11-01' }),
      remark(2, { state: 'open', deadline: '2026-12-05' }),
      remark(3, { state: 'acknowledged', deadline: '2026-12-02' }),
      remark(4, { state: 'overdue', deadline: '2026-11-25' }),
      remark(5, { state: 'open', deadline: '2026-12-02' }),
    ];
    expect(sortRemarks(list).map((r) => r.id)).toEqual([4, 3, 5, 2, 1]);
  });

  it('counts calendar days, across a month end and the DST-free Moscow calendar', () => {
    expect(daysLeft('2026-12-03', '2026-11-26')).toBe(7);
    expect(daysLeft('2026-11-26', '2026-11-26')).toBe(0);
    expect(daysLeft('2026-11-24', '2026-11-26')).toBe(-2);
    expect(daysLeft('2027-03-01', '2027-02-27')).toBe(2);
  });

  it('sends a reply only when one was typed', () => {
    expect(replyInput('  ')).toEqual({});
    expect(replyInput(' тема внесена ')).toEqual({ reply: 'тема внесена' });
  });
});

describe('the link into the journal', () => {
  it('opens the lesson column when the remark names a lesson, the journal otherwise, nothing without one', () => {
    expect(remarkHref(remark(1, { lessonDate: '2026-11-12', lessonSlot: 2 }))).toBe('#/journal/3/4?at=2026-11-12.2');
    expect(remarkHref(remark(1))).toBe('#/journal/3/4');
    expect(remarkHref(remark(1, { groupId: null, subjectId: null }))).toBeNull();
  });
});

describe('grid markers', () => {
  const lessons = [
    { lessonId: 10, date: '2026-11-12', slot: 2, part: 0 },
    { lessonId: 11, date: '2026-11-12', slot: 2, part: 1 },
    { lessonId: null, date: '2026-11-16', slot: 2, part: 0 },
  ];

  it('places lesson, cell and pupil remarks; waiting ones only; other terms only in the list', () => {
    const m = remarkMarks(
      [
        remark(1, { lessonId: 10 }),
        remark(2, { lessonId: 10, text: 'ещё' }),
        remark(3, { lessonId: 11, pupilId: 50 }),
        remark(4, { pupilId: 51 }),
        remark(5, { lessonId: 99 }), // a lesson of another term
        remark(6, { lessonId: 10, state: 'fixed' }),
        remark(7),
      ],
      lessons,
    );
    expect([...m.byCol]).toEqual([['2026-11-12.2', 'замечание 1\nещё']]);
    expect([...m.byRow.get(50)!]).toEqual([['2026-11-12.2.1', 'замечание 3']]);
    expect(m.byRow.has(51)).toBe(false);
    expect([...m.byPupil]).toEqual([[51, 'замечание 4']]);
    expect(m.waiting.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(lessonRemarks(m, 10).map((r) => r.id)).toEqual([1, 2]);
    expect(lessonRemarks(m, null)).toEqual([]);
  });

  it('is the shared empty value when nothing waits (rows keep their props)', () => {
    expect(remarkMarks([], lessons)).toBe(NO_MARKS);
    expect(remarkMarks([remark(1, { state: 'verified', lessonId: 10 })], lessons)).toBe(NO_MARKS);
  });
});
