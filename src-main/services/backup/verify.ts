// A copy is a backup only once it has been opened and checked: SQLite's integrity check,
// a self-contained file (no -wal beside it needed), and the audit chain it carries is a
// prefix of the live one (same head record, same number of records up to it). A copy that
// fails any of these is deleted by the caller: a backup nobody can restore is worse than
// none, because it is trusted.
import Database from 'better-sqlite3';
import type { Sqlite } from '../../../db/client';

export interface AuditHead {
  seq: number;
  hash: string;
  count: number;
}

export class BackupVerifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupVerifyError';
  }
}

function hasAuditTable(db: Sqlite): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_event'").get() !== undefined;
}

export function auditHead(db: Sqlite): AuditHead {
  if (!hasAuditTable(db)) return { seq: 0, hash: '', count: 0 };
  const head = db.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const count = db.prepare('SELECT COUNT(*) FROM audit_event').pluck().get() as number;
  return { seq: head?.seq ?? 0, hash: head?.hash ?? '', count };
}

export interface Verified {
  head: AuditHead;
  userVersion: number;
}

/**
 * Opens `file` read-only and checks it. `source`, when given, is the live database the copy
 * was taken from: its audit chain must contain the copy's head at the same position.
 */
export function verifyBackupFile(file: string, source?: Sqlite): Verified {
  let copy: Sqlite;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupVerifyError(`файл не открывается как база данных (${(e as Error).message})`);
  }
  try {
    let ok: unknown;
    try {
      ok = copy.pragma('integrity_check', { simple: true });
    } catch (e) {
      throw new BackupVerifyError(`проверка целостности не выполнена (${(e as Error).message})`);
    }
    if (ok !== 'ok') throw new BackupVerifyError(`проверка целостности не пройдена: ${String(ok).slice(0, 200)}`);
    const mode = copy.pragma('journal_mode', { simple: true });
    if (mode !== 'delete') throw new BackupVerifyError(`копия не самостоятельна (журнал ${String(mode)})`);
    const head = auditHead(copy);
    if (source && hasAuditTable(source)) {
      const at = source.prepare('SELECT hash FROM audit_event WHERE seq = ?').pluck().get(head.seq) as string | undefined;
      const upTo = source.prepare('SELECT COUNT(*) FROM audit_event WHERE seq <= ?').pluck().get(head.seq) as number;
      if (head.seq > 0 && at !== head.hash) throw new BackupVerifyError(`журнал изменений копии расходится с базой (запись ${head.seq})`);
      if (upTo !== head.count) throw new BackupVerifyError(`в копии ${head.count} записей журнала изменений, в базе ${upTo}`);
    }
    return { head, userVersion: copy.pragma('user_version', { simple: true }) as number };
  } finally {
    copy.close();
  }
}
