// The client's outbox file (state dir/outbox.sqlite): edits waiting for the school host, in
// the order they were made. WAL with synchronous=FULL: an entry's commit reaches the disk
// before the teacher is told it is kept, so switching the PC off loses nothing.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcErrorBody } from '../../../src-shared/errors';

export interface OutboxRow {
  seq: number;
  key: string;
  method: string;
  input: unknown;
  /** The session the edit was made in; rewritten when the same login signs in again. */
  token: string;
  /** The login of that session, where this client saw it (auth.login) or asked (auth.me). */
  login: string | null;
  createdAt: string;
  state: 'pending' | 'refused';
  /** refused: the host's answer; pending: why the last attempt did not go through, or null. */
  error: RpcErrorBody | null;
}

interface RawRow {
  seq: number;
  key: string;
  method: string;
  input: string;
  token: string;
  login: string | null;
  created_at: string;
  state: 'pending' | 'refused';
  error: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entry (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL,
  input TEXT NOT NULL,
  token TEXT NOT NULL,
  login TEXT,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'refused')),
  error TEXT
);
CREATE TABLE IF NOT EXISTS token_login (
  token TEXT PRIMARY KEY,
  login TEXT NOT NULL
);`;

const toRow = (r: RawRow): OutboxRow => ({
  seq: r.seq,
  key: r.key,
  method: r.method,
  input: JSON.parse(r.input) as unknown,
  token: r.token,
  login: r.login,
  createdAt: r.created_at,
  state: r.state,
  error: r.error === null ? null : (JSON.parse(r.error) as RpcErrorBody),
});

export type OutboxStore = ReturnType<typeof openOutboxStore>;

export function openOutboxStore(stateDir: string) {
  // A fresh client (Electron's first pairing) may not have its state folder yet.
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(join(stateDir, 'outbox.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const q = {
    add: db.prepare('INSERT INTO entry (key, method, input, token, login, created_at) VALUES (?,?,?,?,?,?)'),
    nextPending: db.prepare("SELECT * FROM entry WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT 1"),
    hasPending: db.prepare("SELECT 1 FROM entry WHERE state = 'pending' LIMIT 1"),
    pending: db.prepare("SELECT * FROM entry WHERE state = 'pending' ORDER BY seq"),
    ofOwner: db.prepare('SELECT * FROM entry WHERE token = ? OR (login IS NOT NULL AND login = ?) ORDER BY seq'),
    get: db.prepare('SELECT * FROM entry WHERE key = ?'),
    remove: db.prepare('DELETE FROM entry WHERE key = ?'),
    refuse: db.prepare("UPDATE entry SET state = 'refused', error = ? WHERE key = ?"),
    hold: db.prepare("UPDATE entry SET error = ? WHERE key = ? AND state = 'pending'"),
    retoken: db.prepare("UPDATE entry SET token = ?, error = NULL WHERE login = ? AND state = 'pending'"),
    setLogin: db.prepare('INSERT INTO token_login (token, login) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET login = excluded.login'),
    login: db.prepare('SELECT login FROM token_login WHERE token = ?'),
    fillLogin: db.prepare('UPDATE entry SET login = ? WHERE token = ? AND login IS NULL'),
    // Earlier sessions of the login that no entry names any more: the table stays small.
    forget: db.prepare('DELETE FROM token_login WHERE login = ? AND token <> ? AND token NOT IN (SELECT token FROM entry)'),
    forgetToken: db.prepare('DELETE FROM token_login WHERE token = ? AND token NOT IN (SELECT token FROM entry)'),
    setInput: db.prepare("UPDATE entry SET input = ? WHERE key = ? AND state = 'pending'"),
    release: db.prepare("UPDATE entry SET error = NULL WHERE token = ? AND state = 'pending' AND error IS NOT NULL"),
  };
  return {
    add(e: { key: string; method: string; input: unknown; token: string; login: string | null; createdAt: string }): void {
      q.add.run(e.key, e.method, JSON.stringify(e.input), e.token, e.login, e.createdAt);
    },
    /** The first pending entry after `seq` (0: the first of all), in the order they were made. */
    nextPending(seq: number): OutboxRow | undefined {
      const r = q.nextPending.get(seq) as RawRow | undefined;
      return r && toRow(r);
    },
    hasPending: () => q.hasPending.get() !== undefined,
    pending: () => (q.pending.all() as RawRow[]).map(toRow),
    /** Entries made in this session or by the same login in an earlier one. */
    ofOwner: (token: string, login: string | null) => (q.ofOwner.all(token, login) as RawRow[]).map(toRow),
    get(key: string): OutboxRow | undefined {
      const r = q.get.get(key) as RawRow | undefined;
      return r && toRow(r);
    },
    /**
     * A delivered entry leaves without waiting for the disk: should a power cut undo this one
     * commit, the entry is sent again with its key and the host answers what it answered the
     * first time (idempotency_key), so nothing is applied twice. The entry's arrival is what
     * must be durable, and that commit stays FULL. Saves one fsync per edit.
     */
    remove(key: string): void {
      db.pragma('synchronous = OFF');
      try {
        q.remove.run(key);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    refuse: (key: string, error: RpcErrorBody) => void q.refuse.run(JSON.stringify(error), key),
    hold: (key: string, error: RpcErrorBody | null) => void q.hold.run(error === null ? null : JSON.stringify(error), key),
    /** The login signed in again: its waiting entries go out in the new session. */
    retoken: (login: string, token: string) => void q.retoken.run(token, login),
    setLogin(token: string, login: string): void {
      db.transaction(() => {
        q.setLogin.run(token, login);
        q.fillLogin.run(login, token);
        q.forget.run(login, token);
      })();
    },
    /** The session answered again: its entries held for it go out on the next replay. */
    release: (token: string) => void q.release.run(token),
    /** A signed-out session: its token is kept on disk only while an entry still needs it. */
    forgetToken: (token: string) => void q.forgetToken.run(token),
    /** A waiting entry's input rewritten (its base versions after an earlier entry of the same place went through). */
    setInput: (key: string, input: unknown) => void q.setInput.run(JSON.stringify(input), key),
    loginOf: (token: string) => (q.login.get(token) as { login: string } | undefined)?.login ?? null,
    close: () => db.close(),
  };
}
