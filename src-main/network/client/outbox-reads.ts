// What the client answers from its outbox without the host: the teacher's list of waiting and
// refused edits (outbox.list), taking a seen refusal off it (outbox.dismiss), and the journals
// open on this PC, remembered so that they stay readable, with the waiting edits, while the
// host is away (journal.open).
import type { Envelope, ErrorCode } from '../../../src-shared/errors';
import type { JournalView } from '../../../src-shared/rpc/journal';
import type { OutboxEntry, OutboxMethod } from '../../../src-shared/rpc/outbox';
import { methods } from '../../../src-shared/rpc/registry';
import type { CallOptions, Router } from '../../rpc/router';
import type { OutboxStore } from './outbox-store';
import { applyQueued, editSummary, editTargets } from './outbox-view';

/** journal.open answers kept in memory: a few journals per session are open in a day. */
const MAX_OPENED = 32;

const fail = (code: ErrorCode, message: string): Envelope<unknown> => ({ ok: false, error: { code, message } });

export function outboxReads(store: OutboxStore) {
  /** The last good journal.open answer per session and input; the oldest goes first. */
  const opened = new Map<string, JournalView>();
  const mine = (token: string) => store.ofOwner(token, store.loginOf(token));

  function list(token: string): OutboxEntry[] {
    const views = [...opened.values()];
    return mine(token).map((e) => {
      const edit = { method: e.method as OutboxMethod, input: e.input };
      const targets = editTargets(edit);
      const view = views.find((v) => v.group.id === targets.groupId && v.subject.id === targets.subjectId);
      return {
        key: e.key,
        method: e.method,
        summary: editSummary(edit, view),
        createdAt: e.createdAt,
        state: e.state,
        error: e.error && { code: e.error.code, message: e.error.message },
        targets,
      };
    });
  }

  return {
    /** outbox.list and outbox.dismiss: the caller's own entries only (by session, or by login). */
    answer(method: 'outbox.list' | 'outbox.dismiss', input: unknown, token: string | null): Envelope<unknown> {
      if (token === null) return fail('unauthenticated', 'Требуется вход в систему');
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) return fail('validation', 'Неверные данные запроса');
      if (method === 'outbox.list') return { ok: true, value: { entries: list(token) } };
      const { key } = parsed.data as { key: string };
      const entry = list(token).find((e) => e.key === key);
      if (!entry) return fail('not_found', 'Такого неотправленного изменения на этом компьютере нет');
      if (entry.state !== 'refused') return fail('conflict', 'Это изменение ещё ждёт отправки на сервер школы');
      store.remove(key);
      return { ok: true, value: { ok: true } };
    },

    /** journal.open: remembered while good; served from memory, with the waiting edits, while the host is away. */
    async open(remote: Router, input: unknown, token: string | null, callOpts?: CallOptions): Promise<Envelope<unknown>> {
      const at = `${token}\n${JSON.stringify(input)}`;
      const env = await remote.call('journal.open', input, token, callOpts);
      const withQueued = (v: JournalView) =>
        applyQueued(
          v,
          (token === null ? [] : mine(token))
            .filter((e) => e.state === 'pending')
            .map((e) => ({ method: e.method as OutboxMethod, input: e.input })),
        );
      if (env.ok) {
        opened.delete(at);
        opened.set(at, env.value as JournalView);
        if (opened.size > MAX_OPENED) opened.delete(opened.keys().next().value!);
        return { ok: true, value: withQueued(env.value as JournalView) };
      }
      const last = opened.get(at);
      if (env.error.code === 'unavailable' && last) return { ok: true, value: withQueued(last) };
      return env;
    },
  };
}
