// Which grid keys show «не сохранено на сервере» (src-renderer/journal/outbox.ts): written out
// here from the grid's key scheme (date.slot#pupil, term#pupil, date.slot#lesson).
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { isQueued, pendingCount, refusedEntries, shouldPoll, unsavedKeys } from '../../src-renderer/journal/outbox';
import { RpcError } from '../../src-renderer/rpc/client';

const view = { group: { id: 1 }, subject: { id: 2 }, term: { id: 9 } } as Parameters<typeof unsavedKeys>[1];
const entry = (state: OutboxEntry['state'], targets: Partial<OutboxEntry['targets']>, key = 'k'): OutboxEntry => ({
  key,
  method: 'journal.setCell',
  summary: '',
  createdAt: '2026-11-26T08:00:00Z',
  state,
  error: state === 'refused' ? { code: 'conflict', message: 'уже изменено' } : null,
  targets: { groupId: 1, subjectId: 2, cells: [], lessons: [], termMarks: [], ...targets },
});

describe('the outbox markers of a journal', () => {
  it('marks the pending cells, lessons and term marks of this journal only', () => {
    const keys = unsavedKeys(
      [
        entry('pending', {
          cells: [
            { date: '2026-11-23', slot: 2, pupilId: 11 },
            { date: '2026-11-26', slot: 1, pupilId: 12 },
          ],
        }),
        entry('pending', { lessons: [{ date: '2026-11-23', slot: 2 }] }),
        entry('pending', {
          termMarks: [
            { termId: 9, pupilId: 11 },
            { termId: 8, pupilId: 12 },
          ],
        }),
        entry('refused', { cells: [{ date: '2026-11-19', slot: 2, pupilId: 11 }] }),
        entry('pending', { groupId: 5, cells: [{ date: '2026-11-19', slot: 2, pupilId: 13 }] }),
      ],
      view,
    );
    expect([...keys].sort()).toEqual(['2026-11-23.2#11', '2026-11-23.2#lesson', '2026-11-26.1#12', 'term#11']);
  });

  it('lists refused entries and counts the waiting ones; polls only while something waits', () => {
    const all = [entry('pending', {}, 'a'), entry('refused', {}, 'b'), entry('pending', {}, 'c')];
    expect(refusedEntries(all).map((e) => e.key)).toEqual(['b']);
    expect(pendingCount(all)).toBe(2);
    expect(shouldPoll(all, 0)).toBe(true);
    expect(shouldPoll([entry('refused', {})], 0)).toBe(false);
    expect(shouldPoll([], 1)).toBe(true);
  });

  it('knows a queued answer from a refusal', () => {
    expect(isQueued(new RpcError('queued', 'Сервер школы недоступен'))).toBe(true);
    expect(isQueued(new RpcError('conflict', 'уже изменено'))).toBe(false);
    expect(isQueued(new Error('queued'))).toBe(false);
  });
});
