// The second backup folder: another disk or a USB drive, so one dead disk does not take the
// database and all its backups with it. The folder is checked when the administrator sets
// it; at backup time a missing drive (the USB stick is at home) is a warning, never a
// failure of the backup in the primary folder.
import { accessSync, constants, copyFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { verifyBackupFile } from './verify';

/** Refuses a folder a backup could not be written to, with a message that says what to fix. */
export function checkMirrorDir(dir: string, primaryDir: string | undefined): string {
  const bad = (message: string) => new AppError('validation', message, [{ path: ['dir'], message }]);
  if (!isAbsolute(dir)) throw bad('Укажите полный путь к папке (например, E:\\Резервные копии или /media/usb/zhurnal)');
  const full = resolve(dir);
  if (primaryDir && full === resolve(primaryDir))
    throw bad('Это основная папка резервных копий: выберите папку на другом диске или на флешке');
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    throw bad('Папка не найдена: подключите диск или флешку и проверьте путь');
  }
  if (!isDir) throw bad('По этому пути находится файл, а не папка');
  // access(W_OK) is not enough on Windows and network shares: write and remove a probe file.
  const probe = join(full, `.zhurnal-write-test-${process.pid}`);
  try {
    accessSync(full, constants.W_OK);
    writeFileSync(probe, 'zhurnal');
    rmSync(probe, { force: true });
  } catch {
    throw bad('В эту папку нельзя записывать: выберите другую или проверьте права доступа');
  }
  return full;
}

export type MirrorResult = { state: 'off' } | { state: 'ok'; file: string } | { state: 'failed'; message: string };

/**
 * Copies a verified backup into the second folder and checks the copy. `keep` names the
 * backups that should stay (the primary's retention), so the mirror does not fill the drive.
 */
export function copyToMirror(file: string, name: string, mirrorDir: string): MirrorResult {
  if (!mirrorDir) return { state: 'off' };
  const target = join(mirrorDir, name);
  const partial = `${target}.partial`;
  try {
    if (!statSync(mirrorDir).isDirectory()) return { state: 'failed', message: `${mirrorDir} — не папка` };
  } catch {
    return { state: 'failed', message: `Папка для второй копии недоступна (диск или флешка не подключены?): ${mirrorDir}` };
  }
  try {
    copyFileSync(file, partial);
    verifyBackupFile(partial);
    renameSync(partial, target);
    return { state: 'ok', file: target };
  } catch (e) {
    rmSync(partial, { force: true });
    return { state: 'failed', message: `Вторая копия не записана в ${mirrorDir}: ${(e as Error).message}` };
  }
}
