// The audit hash format is a stored contract: databases written by earlier builds must still
// verify. These digests were computed by the build before the hash moved to one-shot
// crypto.hash (issue 9, part 11); any change to field order, separator or encoding breaks them.
import { describe, expect, it } from 'vitest';
import { auditHash } from '../../src-main/services/mutate';

const record = {
  at: '2026-11-26T07:00:00.000Z',
  actorId: 7,
  action: 'journal.cell',
  entity: 'cell',
  entityId: '12:34',
  before: '{"marks":[],"absence":null}',
  after: '{"marks":[{"value":"5","workTypeId":1}],"absence":null}',
  reason: null,
  feed: 'upsert',
};

describe('audit hash', () => {
  it('is unchanged for a feed record', () => {
    expect(auditHash('0'.repeat(64), record)).toBe('ce50297602de4b1dfdcb2fe02ef565f3b44c95f87914591fc4385ace124bca50');
  });

  it('is unchanged for a record without feed, actor or id, with non-ASCII text', () => {
    expect(
      auditHash('ab'.repeat(32), { ...record, feed: null, actorId: null, entityId: null, reason: 'Ёлка «тест»' }),
    ).toBe('b3d97ec04a00ccfb72c5eb10948da3c09b4099941556c376172ef52e66d0f7a4');
  });
});
