// School network benchmarks (issue 10): the host in its own process (`serve --host`, so its CPU
// and memory are its own), N simulated teachers each with its own paired device and its own
// pinned TLS connection, entering one school day's lessons (topic, marks, absences).
// Rows: p50/p99 save latency under that load against one unloaded save over the same TLS path,
// the host's time per save when all teachers save back to back (throughput), edits lost
// (counted with plain SQL afterwards), a cell save through a real client process against the
// same save on the host's loopback HTTP, and N logins at once (slowest wait, host peak memory).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import {
  freePort,
  login,
  pairDevice,
  pairingCode,
  PinnedAgent,
  rpcOk,
  startClient,
  startHost,
  wire,
  type HostProc,
} from '../helpers/network';
import { compare, memMb, row, type BenchRow } from './measure';

const DAY = '2027-05-28';

interface Slot {
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
}
type Save =
  | { kind: 'topic'; lessonId: number; lesson: Slot; topic: string }
  | { kind: 'cell'; lessonId: number; lesson: Slot; pupilId: number; marks: string[]; absence: string | null };
interface Teacher {
  login: string;
  saves: Save[];
  /** A cell of the teacher's first lesson that the day does not touch (single-save probes). */
  probe?: Extract<Save, { kind: 'cell' }>;
  agent?: PinnedAgent;
  device?: string;
  token?: string;
}

/** N teachers with lessons on DAY (own load, no substitution) and their day: topic, 5 marks, 2 absences a lesson. */
function planDay(dbFile: string, n: number, pass: number, maxLessons: number): Teacher[] {
  const d = new Database(dbFile, { readonly: true });
  try {
    const lessons = d
      .prepare(
        `SELECT s.login, l.id, l.group_id, l.subject_id, l.slot FROM lesson l
           JOIN teaching_load tl ON tl.group_id = l.group_id AND tl.subject_id = l.subject_id
             AND tl.valid_from <= l.date AND (tl.valid_to IS NULL OR tl.valid_to >= l.date)
           JOIN staff_user s ON s.id = tl.teacher_id
         WHERE l.date = ? AND l.held = 1 AND (l.actual_teacher_id IS NULL OR l.actual_teacher_id = tl.teacher_id)
         ORDER BY s.login, l.slot`,
      )
      .all(DAY) as { login: string; id: number; group_id: number; subject_id: number; slot: number }[];
    const pupils = d
      .prepare(
        'SELECT pupil_id FROM group_member WHERE group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) ORDER BY pupil_id',
      )
      .pluck();
    const byLogin = new Map<string, Teacher>();
    for (const l of lessons) {
      let t = byLogin.get(l.login);
      if (!t) {
        if (byLogin.size >= n) continue;
        byLogin.set(l.login, (t = { login: l.login, saves: [] }));
      } else if (t.saves.length >= 8 * maxLessons) continue;
      const lesson = { groupId: l.group_id, subjectId: l.subject_id, date: DAY, slot: l.slot };
      t.saves.push({ kind: 'topic', lessonId: l.id, lesson, topic: `Тема урока ${l.id}, проход ${pass}` });
      const ps = pupils.all(l.group_id, DAY, DAY) as number[];
      if (!t.probe && ps.length > 7) t.probe = { kind: 'cell', lessonId: l.id, lesson, pupilId: ps[7]!, marks: ['5'], absence: null };
      ps.slice(0, 7).forEach((pupilId, i) =>
        t.saves.push(
          i < 5
            ? { kind: 'cell', lessonId: l.id, lesson, pupilId, marks: [String(((l.id + i + pass) % 4) + 2)], absence: null }
            : { kind: 'cell', lessonId: l.id, lesson, pupilId, marks: [], absence: pass === 1 ? 'н' : 'б' },
        ),
      );
    }
    if (byLogin.size < n) throw new Error(`only ${byLogin.size} teachers have lessons on ${DAY}`);
    return [...byLogin.values()];
  } finally {
    d.close();
  }
}

// ---- The host process, as the kernel sees it ----
const TICKS = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime, stime (fields 14, 15)
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function send(host: HostProc, t: Teacher, s: Save, workTypeId: number): Promise<number> {
  const body =
    s.kind === 'topic'
      ? { lesson: s.lesson, topic: s.topic }
      : { lesson: s.lesson, pupilId: s.pupilId, marks: s.marks.map((value) => ({ value, workTypeId })), absence: s.absence };
  const t0 = performance.now();
  const a = await wire(host.url, `/rpc/journal.${s.kind === 'topic' ? 'setLesson' : 'setCell'}`, {
    agent: t.agent!,
    device: t.device!,
    token: t.token!,
    body,
    idempotencyKey: crypto.randomUUID(),
  });
  const ms = performance.now() - t0;
  if (!a.body.ok) throw new Error(`${t.login}: ${s.kind} refused: ${a.status} ${a.body.error.code} ${a.body.error.message}`);
  return ms;
}

export async function networkBenches(dbFile: string, quick: boolean, now: Date): Promise<{ rows: BenchRow[]; info: string[] }> {
  const n = quick ? 12 : 60;
  const info: string[] = [];
  const setup = new Database(dbFile);
  const workTypeId = setup.prepare('SELECT id FROM work_type WHERE is_make_up = 0 ORDER BY id LIMIT 1').pluck().get() as number;
  const maxLessons = quick ? 1 : 99;
  const teachers = planDay(dbFile, n, 1, maxLessons);
  // The demo gives passwords to five accounts; the simulated teachers get the same one.
  const hash = setup.prepare("SELECT password_hash FROM staff_user WHERE login = 'teacher'").pluck().get() as string;
  const setHash = setup.prepare('UPDATE staff_user SET password_hash = ? WHERE login = ?');
  // The day's cells start empty, so every save of the first pass changes something.
  const clearMarks = setup.prepare('DELETE FROM mark WHERE lesson_id = ? AND pupil_id = ?');
  const clearAbsence = setup.prepare('DELETE FROM absence WHERE lesson_id = ? AND pupil_id = ?');
  setup.transaction(() => {
    for (const t of teachers) {
      setHash.run(hash, t.login);
      for (const s of [...t.saves, t.probe!])
        if (s.kind === 'cell') {
          clearMarks.run(s.lessonId, s.pupilId);
          clearAbsence.run(s.lessonId, s.pupilId);
        }
    }
  })();
  const seqBefore = setup.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_event').pluck().get() as number;
  setup.close();

  const stateDir = join(dirname(dbFile), 'network-bench');
  mkdirSync(stateDir, { recursive: true });
  const host = await startHost({
    dbFile,
    listen: `127.0.0.1:${await freePort()}`,
    now: now.toISOString(),
    stateDir: join(stateDir, 'host'),
    ...(process.env.ZHURNAL_BENCH_DEBUG ? { echo: 'host' } : {}),
  });
  const clientProcs: { kill(): Promise<void> }[] = [];
  try {
    const admin = await login(host.loopback, 'admin');
    // Every teacher its own device, paired with its own code, and its own TLS connection.
    for (const [i, t] of teachers.entries()) {
      const { code } = await pairingCode(host, admin);
      t.agent = new PinnedAgent(host.fingerprint);
      const paired = await pairDevice(host.url, t.agent, code, `Кабинет ${i + 1}`);
      if (!paired.body.ok) throw new Error(`pairing ${i} failed: ${paired.body.error.message}`);
      t.device = paired.body.value.deviceToken;
    }

    // ---- N logins at once: the slowest wait and the host's peak memory ----
    const rssBefore = memMb(host.pid, 'VmRSS');
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, memMb(host.pid, 'VmRSS'))), 10);
    const loginStart = performance.now();
    const waits = await Promise.all(
      teachers.map(async (t) => {
        const a = await wire<{ token: string }>(host.url, '/rpc/auth.login', {
          agent: t.agent!,
          device: t.device!,
          body: { login: t.login, password: 'demo' },
        });
        if (!a.body.ok) throw new Error(`login ${t.login}: ${a.body.error.message}`);
        t.token = a.body.value.token;
        return performance.now() - loginStart;
      }),
    );
    clearInterval(sampler);
    peak = Math.max(peak, memMb(host.pid, 'VmRSS'));
    // One login alone, for scale: all N at once cannot finish before N × this / the cores.
    const t1 = performance.now();
    const again = await wire(host.url, '/rpc/auth.login', {
      agent: teachers[0]!.agent!,
      device: teachers[0]!.device!,
      body: { login: teachers[0]!.login, password: 'demo' },
    });
    if (!again.body.ok) throw new Error('single login failed');
    const single = performance.now() - t1;
    const slowest = Math.max(...waits);
    info.push(
      `network: ${n} logins at once over TLS: slowest ${(slowest / 1000).toFixed(2)} s, median ${(pct(waits, 50) / 1000).toFixed(2)} s, one alone ${(single / 1000).toFixed(2)} s; host RSS ${rssBefore.toFixed(0)} → peak ${peak.toFixed(0)} MB (VmHWM ${memMb(host.pid, 'VmHWM').toFixed(0)} MB)`,
    );

    // ---- One unloaded save over the TLS path ----
    const t0 = teachers[0]!;
    // Single saves: each after a pause, as a teacher's are (a save right after another finds
    // the connection, the host's code and the CPU warm, which no save of the day does).
    const unloaded: number[] = [];
    for (let i = 0; i < (quick ? 20 : 40); i++) {
      unloaded.push(await send(host, t0, { ...t0.probe!, marks: [['5', '4'][i % 2]!] }, workTypeId));
      await new Promise((r) => setTimeout(r, 250));
    }
    const single50 = pct(unloaded.slice(4), 50);

    // The first lesson save pays for the privacy scanner's name index, once per process: not a
    // cost of the load. One topic save of a lesson the day rewrites anyway.
    const warm = t0.saves.find((s) => s.kind === 'topic')!;
    await send(host, t0, { ...warm, topic: 'Разминка' }, workTypeId);

    // ---- The school day: every teacher enters their lessons at typing speed ----
    // A teacher types a mark and Enter about every 2 s: 60 teachers at once are ~30 saves/s,
    // some fifty times the peak of a school (≈2,000 edits an hour, DESIGN.md §10): latency
    // under load, not saturation (the back-to-back pass below measures that).
    const thinkMs = Number(process.env.ZHURNAL_BENCH_THINK_MS) || 2_000;
    const cpu0 = cpuSeconds(host.pid);
    const dayStart = performance.now();
    const latencies: number[] = [];
    const slow: string[] = [];
    let seed = 20261126;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    await Promise.all(
      teachers.map(async (t) => {
        await new Promise((r) => setTimeout(r, rand() * 2 * thinkMs));
        for (const s of t.saves) {
          const at = performance.now() - dayStart;
          const ms = await send(host, t, s, workTypeId);
          latencies.push(ms);
          if (process.env.ZHURNAL_BENCH_DEBUG && ms > Number(process.env.ZHURNAL_BENCH_SLOW_MS || 200))
            slow.push(`${t.login} ${s.kind} at ${at.toFixed(0)} took ${ms.toFixed(0)}`);
          await new Promise((r) => setTimeout(r, rand() * 2 * thinkMs));
        }
      }),
    );
    const dayWall = (performance.now() - dayStart) / 1000;
    if (slow.length) console.log(slow.join('\n'));
    const dayCpu = cpuSeconds(host.pid) - cpu0;
    const dayRss = memMb(host.pid, 'VmRSS');

    // ---- Throughput: the same day again with other values, every teacher saving back to back ----
    const second = planDay(dbFile, n, 2, maxLessons);
    second.forEach((t, i) => Object.assign(t, { agent: teachers[i]!.agent, device: teachers[i]!.device, token: teachers[i]!.token }));
    const cpu1 = cpuSeconds(host.pid);
    const burstStart = performance.now();
    const burst: number[] = [];
    await Promise.all(
      second.map(async (t) => {
        for (const s of t.saves) burst.push(await send(host, t, s, workTypeId));
      }),
    );
    const burstWall = (performance.now() - burstStart) / 1000;
    const burstCpu = cpuSeconds(host.pid) - cpu1;
    const saves = second.reduce((k, t) => k + t.saves.length, 0);
    info.push(
      `network: school day, ${n} teachers × ~${Math.round(latencies.length / n)} saves (topic, 5 marks, 2 absences a lesson) over TLS, pause ~${thinkMs} ms: ` +
        `${latencies.length} saves in ${dayWall.toFixed(1)} s (${(latencies.length / dayWall).toFixed(0)}/s), p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, ` +
        `one unloaded save ${single50.toFixed(1)} ms; host CPU ${((100 * dayCpu) / dayWall).toFixed(0)}% of a core, RSS ${dayRss.toFixed(0)} MB`,
      `network: back to back, ${n} connections: ${saves} saves in ${burstWall.toFixed(1)} s = ${(saves / burstWall).toFixed(0)} saves/s, p50 ${pct(burst, 50).toFixed(1)} ms, p99 ${pct(burst, 99).toFixed(1)} ms; host CPU ${((100 * burstCpu) / burstWall).toFixed(0)}% of a core, ${((1000 * burstCpu) / saves).toFixed(2)} ms CPU a save, RSS ${memMb(host.pid, 'VmRSS').toFixed(0)} MB`,
    );

    // ---- Nothing lost: every save of both passes, counted in the host's file ----
    const lost = countLost(dbFile, teachers, second, seqBefore);
    info.push(`network: ${lost.checked} cells and topics checked with SQL, ${lost.lost} lost or applied twice`);

    // ---- A cell save through a real client process vs the same save on the host's loopback ----
    const clientDir = join(stateDir, 'client');
    mkdirSync(clientDir, { recursive: true });
    const { code } = await pairingCode(host, admin);
    const client = await startClient({ stateDir: clientDir, hostUrl: host.url, pair: code, name: 'Учительская', now: now.toISOString() });
    clientProcs.push(client);
    const viaClient = await login(client.url, t0.login);
    const onHost = await login(host.loopback, teachers[1]!.login);
    const a = t0.probe!;
    const b = teachers[1]!.probe!;
    let k = 0;
    const cellSave = (base: string, s: Extract<Save, { kind: 'cell' }>, token: string) => () =>
      rpcOk(
        base,
        'journal.setCell',
        { lesson: s.lesson, pupilId: s.pupilId, marks: [{ value: ['5', '4', '3'][k++ % 3]!, workTypeId }], absence: null },
        token,
      );
    const through = await compare(cellSave(client.url, a, viaClient), cellSave(host.loopback, b, onHost), quick ? 40 : 200);
    // The same save straight over the pinned TLS connection (no client process, no outbox): what
    // of the difference is the network host itself.
    const direct = await compare(
      () => send(host, t0, { ...a, marks: [['5', '4', '3'][k++ % 3]!] }, workTypeId),
      cellSave(host.loopback, b, onHost),
      quick ? 40 : 200,
    );
    info.push(
      `network: one cell save through a client process ${through.value.toFixed(1)} ms, straight over pinned TLS ${direct.value.toFixed(1)} ms, on the host loopback ${through.baseline.toFixed(1)} ms; one fsync'd commit on this disk ${fsyncMs(dirname(dbFile)).toFixed(1)} ms (the client's outbox adds two: the entry written, then removed)`,
    );
    await client.stop();

    return {
      info,
      rows: [
        row(`network: ${n} teachers' day over TLS, p50 save vs one unloaded save`, 'ms', pct(latencies, 50), single50, 2),
        row(`network: ${n} teachers' day over TLS, p99 save vs one unloaded save`, 'ms', pct(latencies, 99), single50, 3),
        // Throughput as the wall time a save costs with all connections busy: the host must
        // serve N connections at least as fast as one connection one save at a time.
        row(
          `network: ${n} teachers back to back, ms a save (1/throughput) vs one unloaded save`,
          'ms',
          (1000 * burstWall) / saves,
          single50,
          1,
        ),
        row(`network: edits lost or applied twice (SQL) of ${lost.checked}`, 'edits', lost.lost, null, 0),
        row('network: cell save through a client process vs on the host loopback HTTP', 'ms', through.value, through.baseline, 2),
        row('network: cell save over pinned TLS (device) vs on the host loopback HTTP', 'ms', direct.value, direct.baseline, 2),
        // The host hashes two passwords at a time (ZHURNAL_HASH_CONCURRENCY): the last of N waits
        // for N/2 hashes at best.
        row(
          `network: ${n} logins at once, slowest wait vs ${n} × one login / 2 at a time`,
          's',
          slowest / 1000,
          (n * single) / 2 / 1000,
          1.5,
        ),
        row(`network: ${n} logins at once, host peak RSS`, 'MB', peak, null, 1024),
        row(`network: host CPU during the day, % of a core`, '%', (100 * dayCpu) / dayWall, null, 100),
      ],
    };
  } finally {
    for (const t of teachers) t.agent?.destroy();
    await Promise.all(clientProcs.map((c) => c.kill()));
    await host.stop();
  }
}

/** Median time of a small SQLite commit with synchronous=FULL in `dir` (what an outbox entry costs). */
function fsyncMs(dir: string): number {
  const file = join(dir, `fsync-probe-${process.pid}.sqlite`);
  const d = new Database(file);
  try {
    d.pragma('journal_mode = WAL');
    d.pragma('synchronous = FULL');
    d.exec('CREATE TABLE IF NOT EXISTS t (v INTEGER)');
    const ins = d.prepare('INSERT INTO t (v) VALUES (?)');
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      ins.run(i);
      times.push(performance.now() - t0);
    }
    return pct(times, 50);
  } finally {
    d.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

/** Each cell holds its last pass's value and has exactly one journal.cell audit row per pass; each topic is the last one. */
function countLost(dbFile: string, first: Teacher[], second: Teacher[], afterSeq: number): { checked: number; lost: number } {
  const d = new Database(dbFile, { readonly: true });
  try {
    const marks = d.prepare('SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position').pluck();
    const absence = d.prepare('SELECT reason FROM absence WHERE lesson_id = ? AND pupil_id = ?').pluck();
    const topic = d.prepare('SELECT topic FROM lesson WHERE id = ?').pluck();
    const audits = d.prepare("SELECT COUNT(*) FROM audit_event WHERE action = 'journal.cell' AND entity_id = ? AND seq > ?").pluck();
    let checked = 0;
    let lost = 0;
    const firstCount = new Map<string, number>();
    for (const t of first)
      for (const s of t.saves)
        if (s.kind === 'cell') firstCount.set(`${s.lessonId}:${s.pupilId}`, (firstCount.get(`${s.lessonId}:${s.pupilId}`) ?? 0) + 1);
    for (const t of second)
      for (const s of t.saves) {
        checked++;
        if (s.kind === 'topic') {
          if (topic.get(s.lessonId) !== s.topic) lost++;
          continue;
        }
        const key = `${s.lessonId}:${s.pupilId}`;
        const ok =
          JSON.stringify(marks.all(s.lessonId, s.pupilId)) === JSON.stringify(s.marks) &&
          ((absence.get(s.lessonId, s.pupilId) as string | undefined) ?? null) === s.absence &&
          // Once per pass: the first pass (counted) and this one.
          audits.get(key, afterSeq) === (firstCount.get(key) ?? 0) + 1;
        if (!ok) lost++;
      }
    return { checked, lost };
  } finally {
    d.close();
  }
}
