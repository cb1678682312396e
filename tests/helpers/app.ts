// A real app on a temporary database file, with a frozen clock the test can move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../src-main/app';
import { hashPassword } from '../../src-main/services/auth/password';
import type { Role } from '../../src-shared/domain';

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));
export const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));

export interface TestApp extends App {
  dir: string;
  file: string;
  clock: { now: Date; advance(ms: number): void };
  /** Calls the router like a host would; throws on an error envelope. */
  call<T = unknown>(method: string, input: unknown, token?: string | null): Promise<T>;
  dispose(): void;
}

export function tempDir(prefix = 'zhurnal-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function createTestApp(start = '2026-11-26T07:00:00Z', opts: { log?: (message: string, error: unknown) => void } = {}): TestApp {
  const dir = tempDir();
  const file = join(dir, 'school.db');
  const clock = {
    now: new Date(start),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = openApp({
    dbFile: file,
    migrationsFolder,
    resourcesDir,
    now: () => clock.now,
    checkOutput: true,
    log: opts.log ?? (() => {}),
  });
  return {
    ...app,
    dir,
    file,
    clock,
    async call<T>(method: string, input: unknown, token: string | null = null): Promise<T> {
      const env = await app.router.call(method, input, token);
      if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { body: env.error });
      return env.value as T;
    },
    dispose() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cachedHash: Promise<string> | null = null;
/** One real scrypt hash of "secret-pass", shared by test users (each hash costs ~0.7 s). */
export function testPasswordHash(): Promise<string> {
  return (cachedHash ??= hashPassword('secret-pass'));
}
export const TEST_PASSWORD = 'secret-pass';

export async function addUser(app: App, login: string, roles: Role[], opts: { mustChange?: boolean } = {}): Promise<number> {
  const hash = await testPasswordHash();
  const { sqlite } = app.services;
  const personId = Number(
    sqlite.prepare("INSERT INTO person (surname, name, patronymic) VALUES ('Тестова', ?, 'Ивановна')").run(login).lastInsertRowid,
  );
  const staffId = Number(
    sqlite
      .prepare('INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,?,?,?)')
      .run(personId, login, hash, opts.mustChange ? 1 : 0, new Date().toISOString()).lastInsertRowid,
  );
  for (const r of roles) sqlite.prepare('INSERT INTO staff_role (staff_id, role) VALUES (?,?)').run(staffId, r);
  return staffId;
}

/** Row counts of every table: a write that should not have happened shows here. */
export function tableCounts(app: App): Record<string, number> {
  const { sqlite } = app.services;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
    name: string;
  }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}
