// Crash safety, measured (issue 9, part 6): a child process commits journal edits through the
// router as a teacher would and acknowledges each one on stdout after its call returned; the
// test kills it with SIGKILL at seeded random moments (after a random number of acknowledged
// edits, or a random short time after its ready line) and restarts it on the same file. After
// every kill: PRAGMA integrity_check is ok, the audit chain verifies, and every acknowledged
// edit is in the mark table (plain SQL, expected values from the edit sequence itself).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import { int, mulberry32 } from '../../src-main/demo/random';
import { verifyAuditChain } from '../../src-main/services/mutate';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';
import { editFor, type CrashCell, type CrashJob } from './fixtures/journal-edits';

const KILLS = Number(process.env.ZHURNAL_CRASH_KILLS ?? 50);
const SEED = Number(process.env.ZHURNAL_CRASH_SEED ?? 20261126);
const TODAY = '2026-11-26';
const NOW = `${TODAY}T12:00:00.000Z`;

let dir: string;
let dbFile: string;
let childJs: string;
let job: Omit<CrashJob, 'start'>;

const stubPdfkit: Plugin = {
  name: 'stub-pdfkit',
  setup(b) {
    b.onResolve({ filter: /^pdfkit$/ }, () => ({ path: 'pdfkit', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export default class { constructor() { throw new Error('no printing in the crash child'); } }",
      loader: 'js',
    }));
  },
};

beforeAll(async () => {
  dir = tempDir('zhurnal-crash-');
  dbFile = join(dir, 'school.db');
  await createDemoDatabase(dbFile, { big: false, today: TODAY, now: () => new Date(NOW) });
  const app = openApp({ dbFile, migrationsFolder, resourcesDir, now: () => new Date(NOW), checkOutput: false });
  try {
    const login = await app.router.call('auth.login', { login: 'teacher', password: 'demo' }, null);
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { token: string }).token;
    const s = app.services.sqlite;
    const teacher = (s.prepare("SELECT id FROM staff_user WHERE login = 'teacher'").get() as { id: number }).id;
    // Held lessons of the teacher's own load in an open term, up to today, and their pupils.
    const lessons = s
      .prepare(
        `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot FROM lesson l
           JOIN teaching_load tl ON tl.group_id = l.group_id AND tl.subject_id = l.subject_id AND tl.teacher_id = ?
             AND tl.valid_from <= l.date AND (tl.valid_to IS NULL OR tl.valid_to >= l.date)
           JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
           JOIN term t ON t.year_id = c.year_id AND t.kind <> 'year' AND c.grade BETWEEN t.grade_from AND t.grade_to
             AND l.date BETWEEN t.starts_on AND t.ends_on AND t.closed_at IS NULL
         WHERE l.held = 1 AND l.date <= ? ORDER BY l.date DESC, l.id LIMIT 6`,
      )
      .all(teacher, TODAY) as { id: number; group_id: number; subject_id: number; date: string; slot: number }[];
    const pupils = s.prepare(
      `SELECT pupil_id FROM group_member WHERE group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)
         ORDER BY pupil_id LIMIT 6`,
    );
    const cells: CrashCell[] = lessons.flatMap((l) =>
      (pupils.pluck().all(l.group_id, l.date, l.date) as number[]).map((pupilId) => ({
        lessonId: l.id,
        slot: { groupId: l.group_id, subjectId: l.subject_id, date: l.date, slot: l.slot },
        pupilId,
      })),
    );
    // Absences would forbid ordinary marks: the cells used start without one.
    for (const c of cells) s.prepare('DELETE FROM absence WHERE lesson_id = ? AND pupil_id = ?').run(c.lessonId, c.pupilId);
    const workTypeId = (s.prepare('SELECT id FROM work_type WHERE is_make_up = 0 ORDER BY id LIMIT 1').get() as { id: number }).id;
    job = { dbFile, migrationsFolder, resourcesDir, now: NOW, token, workTypeId, cells };
  } finally {
    app.close();
  }
  // One bundle for the 50+ restarts: each start then costs a node start, not a TypeScript compile.
  // It lives under node_modules/.cache so that its import of better-sqlite3 (native, not
  // bundled) resolves to the repository's node_modules.
  const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  childJs = join(mkdtempSync(join(cache, 'crash-child-')), 'child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/journal-edit-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childJs,
    external: ['better-sqlite3'],
    // The child never prints: without pdfkit and its fonts (2 MB of bundle) it starts twice as fast.
    plugins: [stubPdfkit],
    banner: { js: "import { createRequire as zhurnalRequire } from 'node:module'; const require = zhurnalRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (childJs) rmSync(dirname(childJs), { recursive: true, force: true });
});

interface Run {
  acks: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** One child life: started at edit `start`, killed by `kill` once it said it is ready. */
function runChild(start: number, kill: { afterAcks: number } | { afterMs: number }): Promise<Run> {
  const jobFile = join(dir, 'job.json');
  writeFileSync(jobFile, JSON.stringify({ ...job, start } satisfies CrashJob));
  const child = spawn(process.execPath, [childJs, jobFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: number[] = [];
  let stderr = '';
  let buf = '';
  let killed = false;
  const killNow = () => {
    if (!killed) child.kill('SIGKILL');
    killed = true;
  };
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === 'ready') {
        if ('afterMs' in kill) setTimeout(killNow, kill.afterMs);
        else if (kill.afterAcks === 0) killNow();
      } else if (line.startsWith('ack ')) {
        acks.push(Number(line.slice(4)));
        if ('afterAcks' in kill && acks.length >= kill.afterAcks) killNow();
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ acks, signal, stderr }));
  });
}

const cellKey = (c: CrashCell) => `${c.lessonId}:${c.pupilId}`;

describe('crash safety', () => {
  it(`keeps every acknowledged mark, the audit chain and the file intact across ${KILLS} SIGKILLs`, async () => {
    const rng = mulberry32(SEED);
    const cells = job.cells;
    expect(cells.length).toBeGreaterThanOrEqual(12);
    /** Per cell: the marks of the last acknowledged edit (null: never edited, so not checked). */
    const expected = new Map<string, string[]>();
    let next = 0;
    let checked = 0;
    let duringRun = 0;
    const t0 = performance.now();
    for (let k = 0; k < KILLS; k++) {
      const kill = rng() < 0.5 ? { afterAcks: int(rng, 0, 40) } : { afterMs: int(rng, 0, 60) };
      const run = await runChild(next, kill);
      expect(run.stderr, `child ${k} failed`).toBe('');
      expect(run.signal, `child ${k} was not killed`).toBe('SIGKILL');
      // Acknowledged edits are consecutive from where this life started.
      expect(run.acks).toEqual(run.acks.map((_, i) => next + i));
      for (const n of run.acks) {
        const e = editFor(n, cells.length);
        expected.set(cellKey(cells[e.cell]!), e.values);
      }
      if (run.acks.length) next = run.acks.at(-1)! + 1;
      if (run.acks.length && 'afterMs' in kill) duringRun++;
      // Edit `next` may have committed without its ack: its cell may hold either value.
      const inFlight = editFor(next, cells.length);

      const db = new Database(dbFile);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `integrity after kill ${k}`).toBe('ok');
        expect(verifyAuditChain({ sqlite: db }), `audit chain after kill ${k}`).toBeNull();
        const marks = db.prepare('SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position').pluck();
        for (const [i, c] of cells.entries()) {
          const want = expected.get(cellKey(c));
          if (!want) continue;
          const got = marks.all(c.lessonId, c.pupilId) as string[];
          const alternatives = i === inFlight.cell ? [want, inFlight.values] : [want];
          expect(alternatives, `cell ${cellKey(c)} after kill ${k} (last ack ${next - 1})`).toContainEqual(got);
          checked++;
        }
        const audited = db.prepare("SELECT COUNT(*) FROM audit_event WHERE action = 'journal.cell'").pluck().get() as number;
        expect(audited).toBeGreaterThanOrEqual(next);
      } finally {
        db.close();
      }
    }
    // The kills must have landed while edits were being committed, not only before the first.
    expect(next).toBeGreaterThan(KILLS);
    console.log(
      `crash test: ${KILLS} SIGKILLs, ${next} acknowledged edits over ${cells.length} cells, ${checked} cell checks, ` +
        `${duringRun} timed kills after some acks, ${Math.round(performance.now() - t0)} ms`,
    );
  }, 180_000);
});
