// The renderer's pure live-update modules: versions only move forward, events become grid
// changes, the SSE parser, the reconnecting stream, and what a conflict shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEvent } from '../../src-shared/rpc/events';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { changesFromView, toChange } from '../../src-renderer/journal/live/changes';
import { conflictIndex, conflictRows } from '../../src-renderer/journal/live/conflicts';
import { backoffMs, createSseParser, type SseFrame } from '../../src-renderer/journal/live/sse';
import { openLive, type Connect, type LiveMessage } from '../../src-renderer/journal/live/stream';
import { lessonKey, termKey, VersionBook } from '../../src-renderer/journal/live/versions';

const lesson = (over: Partial<LessonView>): LessonView => ({
  lessonId: null,
  date: '2026-11-23',
  slot: 2,
  held: true,
  topic: null,
  homework: null,
  workTypeId: null,
  plannedTeacherId: 1,
  actualTeacherId: 1,
  actualTeacherName: null,
  files: [],
  editable: true,
  privacy: [],
  version: 0,
  part: 0,
  weight: null,
  origin: 'timetable',
  movedFrom: null,
  planTopicId: null,
  noHomework: false,
  ...over,
});

const view = (over: Partial<JournalView>): JournalView =>
  ({
    lessons: [lesson({ lessonId: 10, version: 2 }), lesson({ date: '2026-11-26' })],
    cells: [{ lessonId: 10, pupilId: 7, marks: [], absence: null, version: 4 }],
    termMarks: [{ pupilId: 7, value: '5', suggested: null, confirmedAt: null, version: 9 }],
    term: { id: 3 },
    ...over,
  }) as JournalView;

describe('VersionBook', () => {
  it('starts from the journal, emptied cells included, and only moves forward', () => {
    const b = VersionBook.fromView(view({}));
    expect(b.get('2026-11-23.2#7')).toBe(4);
    expect(b.get(lessonKey('2026-11-23.2'))).toBe(2);
    expect(b.get(lessonKey('2026-11-26.2'))).toBe(0);
    expect(b.get(termKey(7))).toBe(9);
    expect(b.get('2026-11-26.2#7')).toBe(0);
    // Own answers: equal or newer is kept, older refused.
    expect(b.accept('2026-11-23.2#7', 4)).toBe(true);
    expect(b.accept('2026-11-23.2#7', 3)).toBe(false);
    // Live changes: only news.
    expect(b.newer('2026-11-23.2#7', 4)).toBe(false);
    expect(b.newer('2026-11-23.2#7', 5)).toBe(true);
    expect(b.get('2026-11-23.2#7')).toBe(5);
  });
});

describe('toChange / changesFromView', () => {
  const by = { staffId: 2, name: 'Петрова А. В.' };
  const where = { termId: 3, colOf: (id: number) => (id === 10 ? '2026-11-23.2' : undefined) };
  it('places cell, lesson and term mark events on the grid, and drops what is not on it', () => {
    const cell: JournalEvent = {
      type: 'cell',
      groupId: 1,
      subjectId: 1,
      cell: { lessonId: 10, pupilId: 7, marks: [{ value: '4', workTypeId: 1, weight: 1 }], absence: null, version: 5 },
      by,
    };
    expect(toChange(cell, where)).toEqual({
      kind: 'cell',
      key: '2026-11-23.2#7',
      cell: { marks: [{ value: '4', workTypeId: 1, weight: 1 }], absence: null },
      version: 5,
      by,
    });
    expect(toChange({ ...cell, cell: { ...cell.cell, lessonId: 99 } }, where)).toBeNull();
    const { editable: _, ...shared } = lesson({ lessonId: 11, date: '2026-11-26', version: 0 });
    expect(toChange({ type: 'lesson', groupId: 1, subjectId: 1, lesson: shared, by }, where)).toMatchObject({
      kind: 'lesson',
      key: '2026-11-26.2#lesson',
      col: '2026-11-26.2',
      version: 0,
    });
    const term: JournalEvent = { type: 'termMark', groupId: 1, subjectId: 1, termId: 3, pupilId: 7, termMark: null, version: 12, by };
    expect(toChange(term, where)).toMatchObject({ kind: 'term', key: 'term#7', termMark: null, version: 12 });
    expect(toChange({ ...term, termId: 4 }, where)).toBeNull();
  });

  it('turns a re-read journal into changes, a vanished term mark into a removal', () => {
    const changes = changesFromView(view({ termMarks: [] }), [7, 8].values(), (k) => (k === 'term#8' ? 3 : 0));
    expect(changes.map((c) => [c.kind, c.key, c.version, c.by])).toEqual([
      ['lesson', '2026-11-23.2#lesson', 2, null],
      ['lesson', '2026-11-26.2#lesson', 0, null],
      ['cell', '2026-11-23.2#7', 4, null],
      ['term', 'term#7', 1, null],
      ['term', 'term#8', 4, null],
    ]);
  });
});

describe('SSE parser', () => {
  it('splits frames across chunks, reads data, event names and comments', () => {
    const frames: SseFrame[] = [];
    const feed = createSseParser((f) => frames.push(f));
    feed(': open\n\nda');
    feed('ta: {"a":1}\n');
    feed('\nevent: end\r\ndata: {"code":"x"}\r\n\r\n: ping\n\n');
    expect(frames).toEqual([
      { event: 'comment', data: 'open' },
      { event: 'message', data: '{"a":1}' },
      { event: 'end', data: '{"code":"x"}' },
      { event: 'comment', data: 'ping' },
    ]);
  });
  it('backs off from half a second to ten', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('openLive', () => {
  afterEach(() => vi.useRealTimers());
  it('reconnects with back-off, says when it reconnected, and stops on a final refusal', () => {
    vi.useFakeTimers();
    const sessions: ((m: LiveMessage) => void)[] = [];
    const stopped: number[] = [];
    const connect: Connect = (_ref, _token, on) => {
      const n = sessions.push(on) - 1;
      return () => stopped.push(n);
    };
    const opens: boolean[] = [];
    const events: JournalEvent[] = [];
    const stop = openLive(
      { groupId: 1, subjectId: 2 },
      () => 't',
      { onOpen: (r) => opens.push(r), onEvent: (e) => events.push(e) },
      connect,
    );
    sessions[0]!({ kind: 'open' });
    const e = { type: 'termMark' } as JournalEvent;
    sessions[0]!({ kind: 'event', event: e });
    sessions[0]!({ kind: 'end', error: null });
    expect(sessions).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(sessions).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sessions).toHaveLength(2);
    // Refused while the session is locked: retried later, with a longer wait.
    sessions[1]!({ kind: 'end', error: { code: 'unauthenticated', message: '' } });
    vi.advanceTimersByTime(999);
    expect(sessions).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sessions[2]!({ kind: 'open' });
    expect(opens).toEqual([false, true]);
    expect(events).toEqual([e]);
    sessions[2]!({ kind: 'end', error: { code: 'forbidden', message: '' } });
    vi.advanceTimersByTime(60_000);
    expect(sessions).toHaveLength(3);
    stop();
    // Nothing after stop(): a late message is ignored.
    sessions[2]!({ kind: 'event', event: e });
    expect(events).toHaveLength(1);
  });

  it('closes the open stream on stop()', () => {
    const stopped: number[] = [];
    const stop = openLive(
      { groupId: 1, subjectId: 2 },
      () => null,
      { onOpen: () => {}, onEvent: () => {} },
      () => () => stopped.push(1),
    );
    stop();
    expect(stopped).toEqual([1]);
  });
});

describe('conflicts', () => {
  it('names the refused edit of a batch and shows both values', () => {
    expect(conflictIndex([{ path: ['edits', 3] }])).toBe(3);
    expect(conflictIndex([])).toBe(0);
    const cell = { marks: [{ value: '5' as const, workTypeId: 1, weight: 1 }], absence: null };
    const cur = { marks: [{ value: '4' as const, workTypeId: 1, weight: 1 }], absence: 'н' as const };
    const names = { workType: (id: number) => `вид ${id}`, teacher: (id: number) => `учитель ${id}` };
    expect(conflictRows({ kind: 'cells', message: '', edits: [], mine: cell, current: cur }, names)).toEqual([
      { field: 'value', mine: '5', current: 'н 4' },
    ]);
    expect(conflictRows({ kind: 'term', message: '', pupilId: 1, mine: '5', current: null }, names)).toEqual([
      { field: 'value', mine: '5', current: '' },
    ]);
    const current = lesson({ topic: 'Глагол', workTypeId: 2 });
    expect(conflictRows({ kind: 'lesson', message: '', col: 'c', patch: { topic: 'Причастие', workTypeId: 1 }, current }, names)).toEqual([
      { field: 'topic', mine: 'Причастие', current: 'Глагол' },
      { field: 'workTypeId', mine: 'вид 1', current: 'вид 2' },
    ]);
  });
});

describe('KeyedQueue', () => {
  it('sends an edit of a key only after the earlier one is answered, other keys at once', async () => {
    const { KeyedQueue } = await import('../../src-renderer/journal/live/queue');
    const q = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = q.run(['a'], () => {
      log.push('a1 sent');
      return new Promise<void>((r) => (release = r)).then(() => void log.push('a1 answered'));
    });
    const second = q.run(['a', 'b'], async () => void log.push('a2+b sent'));
    const other = q.run(['c'], async () => void log.push('c sent'));
    await other;
    expect(log).toEqual(['a1 sent', 'c sent']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 sent', 'c sent', 'a1 answered', 'a2+b sent']);
    // A refused earlier edit does not stop the next.
    const failed = q.run(['d'], () => Promise.reject(new Error('refused')));
    const after = q.run(['d'], async () => 'sent');
    await expect(failed).rejects.toThrow('refused');
    await expect(after).resolves.toBe('sent');
    await new Promise((r) => setTimeout(r, 0));
    expect(q.busy()).toBe(0);
  });
});
