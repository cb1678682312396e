// The year rollover of the reference school (issue 11): ≤ 10 s from the click to the new year,
// the automatic backup, the one transaction and the new year's full export included. Runs on a
// copy of the bench database (the rollover archives its year); preconditions arranged by SQL.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app';
import { migrationsFolder, resourcesDir } from '../../src-main/cli/paths';
import { arrangeYearEnd } from '../helpers/rollover-school';
import { row, type BenchRow } from './measure';

const TARGET_MS = 10_000;

export async function rolloverBenches(dbFile: string, now: Date): Promise<{ rows: BenchRow[]; info: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhurnal-bench-rollover-'));
  try {
    const file = join(dir, 'school.db');
    copyFileSync(dbFile, file);
    mkdirSync(join(dir, 'backups'));
    let clock = now.getTime();
    // Each call a millisecond later: backup names carry the instant.
    const app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => new Date(clock++), checkOutput: false });
    try {
      const call = async <T>(method: string, input: unknown, token: string | null = null): Promise<T> => {
        const env = await app.router.call(method, input, token);
        if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
        return env.value as T;
      };
      arrangeYearEnd(app.services.sqlite);
      const { token } = await call<{ token: string }>('auth.login', { login: 'deputy', password: 'demo' });
      // The backup alone, on the same database: the share of the apply it takes.
      let t0 = performance.now();
      await call('rollover.backup', {}, token);
      const backupMs = performance.now() - t0;
      const draft = await call<{ classes: unknown[]; pupils: { pupilId: number; decision: string; toClass: string | null; debts: unknown[] }[] }>(
        'rollover.draft',
        {},
        token,
      );
      const plan = { classes: draft.classes, pupils: draft.pupils.map((p) => ({ pupilId: p.pupilId, decision: p.decision, toClass: p.toClass, debts: p.debts })) };
      t0 = performance.now();
      const out = await call<{ exportError: string | null }>('rollover.apply', { plan, councilNumber: '1', councilDate: '2027-06-05' }, token);
      const applyMs = performance.now() - t0;
      if (out.exportError) throw new Error(`the new year's full export failed: ${out.exportError}`);
      return {
        rows: [row('rollover: apply on the reference school (backup, transaction, full export)', 'ms', applyMs, null, TARGET_MS)],
        info: `rollover: ${draft.pupils.length} pupils, ${draft.classes.length} classes, apply ${Math.round(applyMs)} ms, of which the backup ≈ ${Math.round(backupMs)} ms (${Math.round((backupMs / applyMs) * 100)} %)`,
      };
    } finally {
      app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
