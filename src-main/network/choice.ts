// Which role this PC plays on the school network (DESIGN.md §10), chosen at the desktop app's
// first start and kept in userData/network.json: it keeps the school's database (standalone,
// and the host once the administrator serves the network) or it is a client of the school host.
// Written via a temporary file and a rename: a half-written choice would ask again or, worse,
// turn a school's database PC into a client that ignores its database.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export const NetworkChoice = z.strictObject({ mode: z.enum(['standalone', 'client']) });
export type NetworkChoice = z.infer<typeof NetworkChoice>;

export const CHOICE_FILE = 'network.json';

export function readNetworkChoice(dir: string): NetworkChoice | null {
  const file = join(dir, CHOICE_FILE);
  if (!existsSync(file)) return null;
  const parsed = NetworkChoice.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: неизвестный режим работы; удалите файл, чтобы выбрать режим заново`);
  return parsed.data;
}

export function writeNetworkChoice(dir: string, choice: NetworkChoice): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, CHOICE_FILE);
  writeFileAtomic(file, JSON.stringify(choice) + '\n');
}

/**
 * The saved choice; else a PC that already has a database keeps it (an update from before the
 * school network must not ask, let alone stop using the school's data), and a demo run is a
 * database of its own. Only a fresh installation asks.
 */
export function decideMode(saved: NetworkChoice | null, hasDatabase: boolean, demo: boolean): NetworkChoice | 'ask' {
  if (saved) return saved;
  if (hasDatabase || demo) return { mode: 'standalone' };
  return 'ask';
}
