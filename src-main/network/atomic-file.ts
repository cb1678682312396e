// Small state files of the school network (the PC's mode, the client's pairing, the host's key,
// certificate and serving choice): written to a temporary file, flushed, then renamed over the
// old one, so a power cut leaves the old file or the new one, never half of one.
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** `mode` for files holding a secret (0o600): set explicitly, as the umask or a stale temporary file may differ. */
export function writeFileAtomic(file: string, text: string, mode?: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { flush: true, ...(mode !== undefined ? { mode } : {}) });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
