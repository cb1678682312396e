// The outbox methods on a PC that keeps the database (standalone or the school host): such a
// PC writes straight into its database and never queues, so its outbox is always empty. The
// school network client answers these itself (src-main/network/client/outbox.ts).
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../rpc/handlers';

export const outboxHandlers: Pick<Handlers, 'outbox.list' | 'outbox.dismiss'> = {
  'outbox.list': () => ({ entries: [] }),
  'outbox.dismiss': () => {
    throw new AppError('not_found', 'Такого неотправленного изменения на этом компьютере нет');
  },
};
