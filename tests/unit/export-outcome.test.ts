// The result box after «Полная выгрузка» / «Отправить сейчас» (issue 9): green only for a
// delivery the portal confirmed; refused, failed or still waiting is red with its reason.
import { describe, expect, it } from 'vitest';
import { sendOutcome, type SendResult } from '../../src-renderer/export/outcome';

const pkg = (state: string, lastError: string | null = null) =>
  ({
    id: 'p1',
    kind: 'incremental',
    feedFrom: 1,
    feedTo: 2,
    createdAt: '2026-11-26T07:00:00.000Z',
    size: 10,
    state,
    attempts: 1,
    lastError,
    nextAttemptAt: null,
    doneAt: null,
  }) as NonNullable<SendResult['package']>;
const sync = (over: Partial<NonNullable<SendResult['sync']>> = {}): NonNullable<SendResult['sync']> => ({
  sent: 1,
  done: [],
  refused: [],
  refusal: null,
  waiting: null,
  ...over,
});

describe('sendOutcome', () => {
  it('is good only when delivered (or nothing was due)', () => {
    expect(sendOutcome({ package: pkg('done'), sync: sync({ done: ['p1'] }), error: null })).toEqual({ tone: 'good', kind: 'done' });
    expect(sendOutcome({ package: null, sync: sync({ sent: 0 }), error: null })).toEqual({ tone: 'good', kind: 'nothing' });
    expect(sendOutcome({ package: null, sync: sync({ done: ['p0'] }), error: null })).toEqual({ tone: 'good', kind: 'delivered' });
  });

  it('a refusal is bad with the portal’s reason, even when the repair package went through', () => {
    const r = sendOutcome({
      package: pkg('superseded'),
      sync: sync({ sent: 2, refused: ['p0'], refusal: 'Портал отклонил пакет (422: schema)', done: ['full'] }),
      error: null,
    });
    expect(r).toEqual({ tone: 'bad', kind: 'refused', error: 'Портал отклонил пакет (422: schema)' });
    expect(sendOutcome({ package: pkg('refused', 'причина'), sync: sync(), error: null })).toMatchObject({ tone: 'bad', error: 'причина' });
  });

  it('a failed call or a package left waiting is bad, with what to do', () => {
    expect(sendOutcome({ package: null, sync: null, error: 'Выгрузка не настроена: укажите адрес портала' })).toEqual({
      tone: 'bad',
      kind: 'failed',
      error: 'Выгрузка не настроена: укажите адрес портала',
    });
    const waiting = { id: 'p0', error: 'Нет связи с порталом', nextAttemptAt: '2026-11-26T07:05:00.000Z' };
    expect(sendOutcome({ package: pkg('queued'), sync: sync({ waiting }), error: null })).toMatchObject({
      tone: 'bad',
      kind: 'unreachable',
    });
    // The new package was delivered, but an older one still waits: not a success either.
    expect(sendOutcome({ package: null, sync: sync({ done: ['x'], waiting }), error: null }).tone).toBe('bad');
  });

  it('a package that only waits in the queue, or was replaced, is neither success nor failure', () => {
    expect(sendOutcome({ package: pkg('superseded'), sync: sync({ sent: 0 }), error: null })).toEqual({ tone: 'info', kind: 'superseded' });
    expect(sendOutcome({ package: pkg('queued'), sync: sync({ sent: 0 }), error: null })).toEqual({ tone: 'info', kind: 'queued' });
  });
});
