// The year-end archive (issue 13) on the small demo school at its year's end: the folder's
// content checked against the database by plain SQL and against the files by hashing them here;
// the verifier passing, then failing for each kind of tampering; permissions; the CLI's exit code.
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive } from '../../src-main/services/archive/verify';
import { pdfPages } from '../helpers/pdf-text';
import { tempDir, type TestApp } from '../helpers/app';
import { openYearEnd, yearEndTemplate } from '../helpers/rollover-school';

interface Job {
  id: string;
  done: number;
  total: number;
  stage: string;
  result: { folder: string; dir: string; files: number; fingerprint: string; previous: string[]; changedDuring: boolean } | null;
  error: string | null;
}
interface ManifestJson {
  school: { name: string };
  year: { id: number; label: string };
  key: { publicKey: string; fingerprint: string };
  files: { path: string; kind: string; title: string; size: number; sha256: string; sourceSha256: string | null; classId: number | null }[];
}

let app: TestApp;
let admin: string;
let deputy: string;
let teacher: string;
let job: Job;
/** Every answer of archive.progress while the job ran. */
const seen: Job[] = [];
/** Other calls answered while the job ran (the event loop kept serving). */
let servedMeanwhile = 0;
const scratch = tempDir('zhurnal-archive-test-');

const login = async (l: string) => (await app.call<{ token: string }>('auth.login', { login: l, password: 'demo' })).token;
const one = <T>(db: Database.Database, sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as T;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const nextTick = () => new Promise((r) => setTimeout(r, 5));

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; message: string } }).body;
  }
  throw new Error('expected a refusal');
}

/** Starts an archive and polls it to the end (deadline 60 s), recording what it saw. */
async function archive(token: string, input: object = {}): Promise<Job> {
  let j = await app.call<Job>('archive.start', input, token);
  const deadline = Date.now() + 60_000;
  while (j.stage !== 'done' && j.stage !== 'failed') {
    if (Date.now() > deadline) throw new Error('archive did not finish in 60 s');
    await nextTick();
    j = await app.call<Job>('archive.progress', { jobId: j.id }, token);
    seen.push(j);
    if (j.stage !== 'done' && j.stage !== 'failed') {
      await app.call('auth.me', {}, token);
      servedMeanwhile++;
    }
  }
  return j;
}

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name).split('\\').join('/')],
  );
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestJson;

/** A writable copy of the archive to tamper with (the archive's files are read-only). */
function copyOf(name: string): string {
  const dir = join(scratch, name);
  cpSync(job.result!.dir, dir, { recursive: true });
  for (const f of walk(dir)) chmodSync(join(dir, f), 0o644);
  return dir;
}

beforeAll(async () => {
  await yearEndTemplate();
  app = await openYearEnd();
  admin = await login('admin');
  deputy = await login('deputy');
  teacher = await login('teacher');
  job = await archive(admin);
}, 120_000);
afterAll(() => {
  app?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the year archive', () => {
  it('runs as a job: progress rises to the total while other calls are served', () => {
    expect(job.error).toBeNull();
    expect(job.stage).toBe('done');
    expect(job.done).toBe(job.total);
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(seen.some((s) => s.done > 0 && s.done < s.total && s.stage === 'classes')).toBe(true);
    expect(servedMeanwhile).toBeGreaterThan(0);
    // Nothing was recorded while it ran: the snapshot and the PDFs show the same state.
    expect(job.result!.changedDuring).toBe(false);
  });

  it('holds one PDF per class (ASCII names, Russian titles), the summary, the snapshot, and a manifest of exactly these', () => {
    const dir = job.result!.dir;
    const m = manifestOf(dir);
    const year = one<number>(app.services.sqlite, "SELECT id FROM school_year WHERE status = 'open'");
    expect(m.year.id).toBe(year);
    expect(job.result!.folder).toBe(m.year.label.replace('/', '-'));
    const classes = app.services.sqlite.prepare('SELECT id, grade || letter AS title FROM class_unit WHERE year_id = ? ORDER BY id').all(year) as { id: number; title: string }[];
    expect(classes.length).toBeGreaterThan(1);
    const journals = m.files.filter((f) => f.kind === 'classJournal');
    expect(journals.map((f) => f.classId).sort()).toEqual(classes.map((c) => c.id).sort());
    for (const f of journals) {
      expect(f.path).toMatch(/^classes\/[A-Za-z0-9_-]+\.pdf$/);
      expect(f.title).toContain(classes.find((c) => c.id === f.classId)!.title);
    }
    // «5А» (Cyrillic А) is written as 5A.
    const fiveA = classes.find((c) => c.title === '5А');
    if (fiveA) expect(journals.find((f) => f.classId === fiveA.id)!.path).toBe('classes/5A.pdf');
    expect(m.files.filter((f) => f.kind === 'summary').map((f) => f.path)).toEqual(['summary.pdf']);
    expect(m.files.filter((f) => f.kind === 'snapshot').map((f) => f.path)).toEqual(['snapshot.db']);
    // Exactly the files on disk, each with its size and sha256 computed here.
    expect(m.files.map((f) => f.path).sort()).toEqual(walk(dir).filter((f) => !f.startsWith('manifest.')).sort());
    expect(walk(dir).filter((f) => f.startsWith('manifest.')).sort()).toEqual(['manifest.json', 'manifest.sig']);
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, f.path));
      expect(f.size, f.path).toBe(bytes.length);
      expect(f.sha256, f.path).toBe(sha(bytes));
    }
    // Every PDF's footer carries the source sha256 the manifest records.
    for (const f of m.files.filter((x) => x.kind !== 'snapshot')) {
      const bytes = readFileSync(join(dir, f.path));
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfPages(bytes)[0]!.text.replace(/\s/g, ''), f.path).toContain(f.sourceSha256);
    }
    expect(m.files.length).toBe(classes.length + 2);
  });

  it("is signed by the school's key, whose fingerprint the screen shows", async () => {
    const dir = job.result!.dir;
    const m = manifestOf(dir);
    const status = await app.call<{ key: { publicKey: string; fingerprint: string } }>('archive.status', {}, deputy);
    expect(m.key.publicKey).toBe(status.key.publicKey);
    const raw = Buffer.from(status.key.publicKey, 'base64');
    expect(raw.length).toBe(32);
    expect(status.key.fingerprint.replace(/ /g, '')).toBe(sha(raw).toUpperCase());
    expect(job.result!.fingerprint).toBe(status.key.fingerprint);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    const sig = Buffer.from(readFileSync(join(dir, 'manifest.sig'), 'utf8').trim(), 'base64');
    expect(verify(null, readFileSync(join(dir, 'manifest.json')), key, sig)).toBe(true);
    // The private key never leaves the secret table; its making is audited with the fingerprint.
    expect(JSON.stringify(status)).not.toContain('PRIVATE');
    const made = one<string>(app.services.sqlite, "SELECT after FROM audit_event WHERE action = 'archive.key_create'");
    expect(JSON.parse(made).fingerprint).toBe(status.key.fingerprint);
    const created = app.services.sqlite.prepare("SELECT entity_id, after FROM audit_event WHERE action = 'archive.create'").all() as { entity_id: string; after: string }[];
    expect(created).toHaveLength(1);
    expect(Number(created[0]!.entity_id)).toBe(m.year.id);
    expect(JSON.parse(created[0]!.after)).toMatchObject({ folder: job.result!.folder, manifestSha256: sha(readFileSync(join(dir, 'manifest.json'))) });
  });

  it("has a read-only snapshot with the year's marks and without the secrets", () => {
    const file = join(job.result!.dir, 'snapshot.db');
    expect(statSync(file).mode & 0o222).toBe(0);
    const live = app.services.sqlite;
    const snap = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const year = one<number>(live, "SELECT id FROM school_year WHERE status = 'open'");
      const counts = [
        `SELECT COUNT(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ${year}`,
        `SELECT COUNT(*) FROM absence a JOIN lesson l ON l.id = a.lesson_id JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ${year}`,
        `SELECT COUNT(*) FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ${year}`,
        'SELECT COUNT(*) FROM person',
      ];
      for (const sql of counts) expect(one<number>(snap, sql), sql).toBe(one<number>(live, sql));
      expect(one<number>(live, counts[0]!)).toBeGreaterThan(100);
      expect(one<number>(snap, 'SELECT COUNT(*) FROM secret')).toBe(0);
    } finally {
      snap.close();
    }
    // Opened for writing (as root, who ignores the file mode, too): SQLite refuses every write.
    const rw = new Database(file, { fileMustExist: true });
    try {
      expect(() => rw.prepare('DELETE FROM mark').run()).toThrow(/readonly/i);
    } finally {
      rw.close();
    }
    // No byte of the signing key or the pseudonym key in the file.
    const bytes = readFileSync(file);
    const pem = one<string>(live, "SELECT value FROM secret WHERE key = 'archive.signing_key'");
    const body = pem.split('\n').find((l) => l.length > 40)!;
    expect(bytes.includes(Buffer.from(body))).toBe(false);
    const pseudo = one<string>(live, 'SELECT pseudonym_secret FROM school');
    expect(pseudo.length).toBeGreaterThan(8);
    expect(bytes.includes(Buffer.from(pseudo))).toBe(false);
  });
});

describe('the verifier', () => {
  it('passes an intact archive, with or without the pinned key, and through the RPC', async () => {
    const v = await verifyArchive(job.result!.dir);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect((await verifyArchive(job.result!.dir, { publicKey: job.result!.fingerprint })).ok).toBe(true);
    const r = await app.call<{ ok: boolean; ownKey: boolean; files: number }>('archive.verify', { folder: job.result!.folder }, admin);
    expect(r).toMatchObject({ ok: true, ownKey: true, files: job.result!.files });
  });

  it('fails when one byte of a PDF changes', async () => {
    const dir = copyOf('byte');
    const pdf = join(dir, 'summary.pdf');
    const b = readFileSync(pdf);
    const at = Math.floor(b.length / 2);
    b[at] = b[at]! ^ 1;
    writeFileSync(pdf, b);
    const v = await verifyArchive(dir);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => [p.code, p.path])).toEqual([['sha256', 'summary.pdf']]);
  });

  it('fails when a file is removed or added', async () => {
    const gone = copyOf('removed');
    const victim = manifestOf(gone).files.find((f) => f.kind === 'classJournal')!.path;
    rmSync(join(gone, victim));
    expect((await verifyArchive(gone)).problems.map((p) => [p.code, p.path])).toEqual([['missing', victim]]);
    const added = copyOf('added');
    writeFileSync(join(added, 'classes', 'extra.pdf'), '%PDF-1.4');
    expect((await verifyArchive(added)).problems.map((p) => [p.code, p.path])).toEqual([['extra', 'classes/extra.pdf']]);
  });

  it('fails when the manifest is edited without re-signing', async () => {
    const dir = copyOf('edited');
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'manifest.json'), text.replace('Классный журнал', 'Классный  журнал'));
    expect((await verifyArchive(dir)).problems.map((p) => p.code)).toEqual(['signature']);
  });

  it('fails when signed by another key', async () => {
    const other = generateKeyPairSync('ed25519');
    // The school's key named, another key's signature.
    const dir = copyOf('other-sig');
    const bytes = readFileSync(join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'manifest.sig'), sign(null, bytes, other.privateKey).toString('base64'));
    expect((await verifyArchive(dir)).problems.map((p) => p.code)).toEqual(['signature']);
    // Re-signed consistently with another key: only a pinned key tells it apart.
    const forged = copyOf('forged');
    const m = manifestOf(forged);
    const raw = Buffer.from(other.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const fp = sha(raw).toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
    const text = Buffer.from(JSON.stringify({ ...m, key: { ...m.key, publicKey: raw.toString('base64'), fingerprint: fp } }, null, 2));
    writeFileSync(join(forged, 'manifest.json'), text);
    writeFileSync(join(forged, 'manifest.sig'), sign(null, text, other.privateKey).toString('base64'));
    expect((await verifyArchive(forged)).ok).toBe(true);
    const pinned = await verifyArchive(forged, { publicKey: job.result!.fingerprint });
    expect(pinned.problems.map((p) => p.code)).toEqual(['key']);
  });

  it('CLI: exit 0 and a one-line verdict for an intact archive, 1 for a tampered one, 2 without a folder', async () => {
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/archive-verify.ts', ...args], { timeout: 60_000 });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const bad = copyOf('cli-bad');
    rmSync(join(bad, 'summary.pdf'));
    // The three runs at once: each spends most of its time starting tsx.
    const [good, r, none] = await Promise.all([cli(job.result!.dir, '--key', job.result!.fingerprint), cli(bad), cli(join(scratch, 'nowhere'))]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout.trim().split('\n')).toHaveLength(1);
    expect(good.stdout).toMatch(/^Архив цел: .* \/ Archive intact/);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Архив НЕ прошёл проверку \(1 нарушение\): нет файла summary\.pdf \/ Archive verification FAILED/);
    expect(none.status).toBe(2);
  }, 60_000);
});

describe('archive rules', () => {
  it('never overwrites: a second run writes a new folder and leaves the first as it was', async () => {
    const first = job.result!;
    const before = sha(readFileSync(join(first.dir, 'manifest.json')));
    app.clock.advance(60_000);
    // Nothing recorded since: a new archive would be a copy, and is refused with a message.
    const copy = await refusal(app.call('archive.start', {}, deputy));
    expect(copy.code).toBe('conflict');
    expect(copy.message).toContain(`папка ${first.folder}`);
    expect(readdirSync(join(first.dir, '..')).sort()).toEqual([first.folder]);
    // After a change (here an audited backup), a second archive goes to a new folder.
    await app.call('rollover.backup', {}, deputy);
    const second = await archive(deputy);
    expect(second.result!.folder).toBe(`${first.folder}-2`);
    expect(second.result!.previous).toEqual([first.folder]);
    expect(sha(readFileSync(join(first.dir, 'manifest.json')))).toBe(before);
    expect((await verifyArchive(second.result!.dir)).ok).toBe(true);
    const status = await app.call<{ archives: { folder: string }[] }>('archive.status', {}, admin);
    expect(status.archives.map((a) => a.folder).sort()).toEqual([first.folder, `${first.folder}-2`]);
  });

  it('reports a failed archive to the caller and in the audit log, and leaves no folder', async () => {
    const other = await openYearEnd();
    try {
      // The archive directory's place is taken by a file: nothing can be written there.
      writeFileSync(join(other.dir, 'archive'), 'not a folder');
      const token = (await other.call<{ token: string }>('auth.login', { login: 'admin', password: 'demo' })).token;
      let j = await other.call<Job>('archive.start', {}, token);
      const deadline = Date.now() + 30_000;
      while (j.stage !== 'done' && j.stage !== 'failed' && Date.now() < deadline) {
        await nextTick();
        j = await other.call<Job>('archive.progress', { jobId: j.id }, token);
      }
      expect(j.stage).toBe('failed');
      expect(j.result).toBeNull();
      expect(j.error).toMatch(/^Архив не сформирован: /);
      const failed = one<string>(other.services.sqlite, "SELECT after FROM audit_event WHERE action = 'archive.failed'");
      expect(JSON.parse(failed).message).toBe(j.error);
      expect(one<number>(other.services.sqlite, "SELECT COUNT(*) FROM audit_event WHERE action = 'archive.create'")).toBe(0);
      expect(statSync(join(other.dir, 'archive')).isFile()).toBe(true);
    } finally {
      other.dispose();
    }
  });

  it('is refused to a teacher, and names only folders of the archive directory', async () => {
    for (const [m, input] of [
      ['archive.start', {}],
      ['archive.status', {}],
      ['archive.verify', { folder: job.result!.folder }],
    ] as const)
      expect((await refusal(app.call(m, input, teacher))).code, m).toBe('forbidden');
    expect((await refusal(app.call('archive.verify', { folder: '../backups' }, admin))).code).toBe('validation');
    expect((await refusal(app.call('archive.verify', { folder: 'nothing-here' }, admin))).code).toBe('not_found');
    expect((await refusal(app.call('archive.start', { yearId: 999_999 }, admin))).code).toBe('not_found');
    expect((await refusal(app.call('archive.progress', { jobId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' }, admin))).code).toBe('not_found');
  });
});
