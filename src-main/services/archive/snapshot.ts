// The archive's copy of the database: VACUUM INTO (synchronous, one consistent state), then
// made a record rather than a working copy:
//  - secrets are removed (the archive signing key would let anyone holding the archive sign a
//    forged one; the portal key and the pseudonym key are no part of the journal), with
//    secure_delete so their bytes do not linger in free pages;
//  - checked like a backup (integrity, self-contained, audit chain a prefix of the live one);
//  - marked read-only twice: the file's mode (0444) and SQLite's own header (write version 3 at
//    offset 18: every SQLite, this app included, then opens it read-only, even as root, who
//    ignores the file mode). A record that an opened app could migrate or edit is no record.
import { closeSync, chmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Sqlite } from '../../../db/client';
import { verifyBackupFile } from '../backup/verify';

export const SNAPSHOT_OMITS = ['secret', 'school.pseudonym_secret'];

/** SQLite file header: bytes 18 and 19 are the write and read format versions. */
const WRITE_VERSION_OFFSET = 18;
const READ_ONLY_WRITE_VERSION = 3;

/**
 * Writes the snapshot. The copy itself is one synchronous step (the consistent state); the
 * check after it runs after a turn of the event loop: on the reference workload each blocks for
 * about 2 s, and other callers are served in between.
 */
export async function writeSnapshot(source: Sqlite, file: string): Promise<void> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    source.prepare('VACUUM INTO ?').run(partial);
    const db = new Database(partial);
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma('secure_delete = ON');
      db.transaction(() => {
        db.prepare('DELETE FROM secret').run();
        db.prepare("UPDATE school SET pseudonym_secret = ''").run();
      })();
    } finally {
      db.close();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    verifyBackupFile(partial, source);
    const fd = openSync(partial, 'r+');
    try {
      writeSync(fd, Buffer.from([READ_ONLY_WRITE_VERSION]), 0, 1, WRITE_VERSION_OFFSET);
    } finally {
      closeSync(fd);
    }
    chmodSync(partial, 0o444);
    renameSync(partial, file);
  } catch (e) {
    for (const f of [partial, `${partial}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}
