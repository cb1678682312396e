// Backups for the administrator: the list, a copy now, the second folder, restore.
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { BackupEvent as BackupEventSchema } from '../../../src-shared/rpc/backup';
import type { Handlers } from '../../rpc/handlers';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { listBackups } from './files';
import { backupNow } from './make';
import { checkMirrorDir } from './mirror';
import { restoreBackup } from './restore';

function backupDir(ctx: Ctx): string {
  if (!ctx.backupDir) throw new AppError('not_found', 'Папка резервных копий не настроена');
  return ctx.backupDir;
}

interface EventRow {
  at: string;
  action: z.infer<typeof BackupEventSchema>['action'];
  entity_id: string | null;
  after: string | null;
}

export const backupHandlers: Pick<Handlers, 'backup.list' | 'backup.create' | 'backup.setMirror' | 'backup.restore'> = {
  'backup.list': (ctx) => {
    const dir = backupDir(ctx);
    const rows = prep(
      ctx.sqlite,
      `SELECT at, action, entity_id, after FROM audit_event
         WHERE entity = 'backup' AND action IN ('backup.create', 'backup.failed', 'backup.mirror_failed', 'backup.restore')
         ORDER BY seq DESC LIMIT 20`,
    ).all() as EventRow[];
    return {
      dir,
      mirrorDir: loadSettings(ctx).backupMirrorDir,
      backups: listBackups(dir),
      events: rows.map((r) => {
        const after = r.after ? (JSON.parse(r.after) as { message?: unknown }) : {};
        return { at: r.at, action: r.action, name: r.entity_id, message: typeof after.message === 'string' ? after.message : null };
      }),
    };
  },

  'backup.create': (ctx) => {
    const made = backupNow(ctx, backupDir(ctx), 'manual');
    return { name: made.name, mirror: made.mirror };
  },

  'backup.setMirror': (ctx, input) => {
    const dir = input.dir === '' ? '' : checkMirrorDir(input.dir, ctx.backupDir);
    const before = loadSettings(ctx);
    mutate(ctx, (rec) => {
      prep(ctx.sqlite, 'UPDATE school SET settings = ? WHERE id = 1').run(JSON.stringify({ ...before, backupMirrorDir: dir }));
      rec.audit({ action: 'backup.set_mirror', entity: 'school', entityId: 1, before: { dir: before.backupMirrorDir }, after: { dir } });
    });
    return { mirrorDir: dir };
  },

  'backup.restore': (ctx, input) => {
    if (!ctx.migrationsFolder) throw new AppError('not_found', 'Восстановление недоступно: программа запущена без папки миграций');
    return restoreBackup(ctx, backupDir(ctx), ctx.migrationsFolder, input.name);
  },
};
