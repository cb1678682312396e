// What every handler receives: the database, the clock and the caller.
import type { Db, Sqlite } from '../../db/client';
import type { Role } from '../../src-shared/domain';
import type { JournalEventBus } from './events';
import type { SecretBox } from './secrets';
import type { NetworkControl } from '../network/host/control';

export interface Actor {
  staffId: number;
  personId: number;
  login: string;
  roles: Role[];
  tokenHash: string;
  /** After a reset: only auth.* methods until the password is changed. */
  mustChangePassword: boolean;
}

export interface Services {
  db: Db;
  sqlite: Sqlite;
  /** Injectable clock: tests freeze it. */
  now: () => Date;
  /** Shipped files (fonts for printed forms): beside the source tree, or the packaged app's resources. */
  resourcesDir?: string;
  /** The operating system's protection for secrets at rest, where the host has it (Electron). */
  secrets?: SecretBox;
  /** Where backups are written and listed (the restore takes names from this folder only). */
  backupDir?: string;
  /** The schema migrations: a restored copy from before a migration is brought up to date. */
  migrationsFolder?: string;
  /** The school network host's switch, where this process may serve (DESIGN.md §10). */
  network?: NetworkControl;
  /** Live updates: journal changes announced after their commit (absent: nobody listens). */
  events?: JournalEventBus;
}

export interface Ctx extends Services {
  actor: Actor | null;
  /** The paired device the call came through on the network host; absent: this PC. */
  deviceId?: number;
}

/** A handler that needs a signed-in caller; the router guarantees it for non-public methods. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('handler needs an actor but the router gave none');
  return ctx.actor;
}
