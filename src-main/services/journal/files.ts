// Homework files: content stored once per sha256 in file_blob, linked to lessons by lesson_file.
import { createHash } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { LessonSlot } from '../../../src-shared/rpc/journal';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { canEditLesson, journalAccess } from './access';
import { assertWritable } from './writable';
import { ensureLessonRow, lessonById, resolveLesson, type LessonRow } from './lessons';
import { prep } from '../sql';
import { lessonFindings, schoolNameIndex } from '../privacy/school';
import { lessonView, recordLesson } from './edit';

/** Inside a file's write: the lesson changed for everyone who has its journal open. */
function announce(ctx: Ctx, lesson: LessonRow): void {
  if (ctx.events?.hasListeners(lesson.group_id, lesson.subject_id))
    recordLesson(ctx, { groupId: lesson.group_id, subjectId: lesson.subject_id }, lessonView(ctx, lesson.id));
}

/** Documents and pictures teachers hand out; no executables or archives that could hide them. */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/rtf': 'rtf',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function fileLesson(
  ctx: Ctx,
  fileId: number,
): { file: { id: number; lesson_id: number; sha256: string; name: string; mime: string }; lesson: LessonRow } {
  const file = prep(ctx.sqlite, 'SELECT id, lesson_id, sha256, name, mime FROM lesson_file WHERE id = ?').get(fileId) as
    { id: number; lesson_id: number; sha256: string; name: string; mime: string } | undefined;
  if (!file) throw new AppError('not_found', 'Файл не найден');
  return { file, lesson: lessonById(ctx, file.lesson_id)! };
}

export function attachFile(ctx: Ctx, input: { lesson: LessonSlot; name: string; mime: string; data: string }) {
  const actor = requireActor(ctx);
  const l = resolveLesson(ctx, input.lesson);
  if (!canEditLesson(ctx, actor, l)) throw new AppError('forbidden', 'Вы не ведёте этот урок: журнал доступен только для чтения');
  assertWritable(ctx, { groupId: l.groupId, subjectId: l.subjectId, date: l.date, lessonId: l.row?.id ?? null });
  if (!ALLOWED_TYPES[input.mime])
    throw new AppError('validation', `Такой тип файла не принимается. Можно: ${[...new Set(Object.values(ALLOWED_TYPES))].join(', ')}`, [
      { path: ['mime'], message: 'тип файла не разрешён' },
    ]);
  const content = Buffer.from(input.data, 'base64');
  const max = loadSettings(ctx).maxFileMb;
  if (content.length > max * 1024 * 1024)
    throw new AppError('validation', `Файл больше ${max} МБ: уменьшите его или дайте ссылку в тексте задания`, [
      { path: ['data'], message: 'слишком большой файл' },
    ]);
  if (content.length === 0) throw new AppError('validation', 'Файл пустой', [{ path: ['data'], message: 'пустой файл' }]);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const name = input.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const saved = mutate(ctx, (rec) => {
    const lesson = ensureLessonRow(ctx, rec, l);
    prep(ctx.sqlite, 'INSERT INTO file_blob (sha256, content) VALUES (?, ?) ON CONFLICT DO NOTHING').run(sha256, content);
    const id = Number(
      prep(ctx.sqlite, 'INSERT INTO lesson_file (lesson_id, sha256, name, mime, size) VALUES (?,?,?,?,?)').run(
        lesson.id,
        sha256,
        name,
        input.mime,
        content.length,
      ).lastInsertRowid,
    );
    rec.audit({
      action: 'journal.file_attach',
      entity: 'lesson',
      entityId: lesson.id,
      after: { fileId: id, name, mime: input.mime, size: content.length, sha256 },
      feed: 'upsert',
    });
    announce(ctx, lesson);
    return { id, lessonId: lesson.id, name, mime: input.mime, size: content.length };
  });
  // Checked after the commit: a warning for the teacher, never a reason to refuse the file.
  return { ...saved, privacy: lessonFindings(schoolNameIndex(ctx.sqlite), { topic: null, homework: null, files: [saved] }) };
}

export function removeFile(ctx: Ctx, input: { fileId: number }) {
  const actor = requireActor(ctx);
  const { file, lesson } = fileLesson(ctx, input.fileId);
  const ref = { groupId: lesson.group_id, subjectId: lesson.subject_id, date: lesson.date, actualTeacherId: lesson.actual_teacher_id };
  if (!canEditLesson(ctx, actor, ref)) throw new AppError('forbidden', 'Вы не ведёте этот урок: журнал доступен только для чтения');
  assertWritable(ctx, { groupId: lesson.group_id, subjectId: lesson.subject_id, date: lesson.date, lessonId: lesson.id });
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'DELETE FROM lesson_file WHERE id = ?').run(file.id);
    // The content goes when no lesson links it any more.
    prep(ctx.sqlite, 'DELETE FROM file_blob WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM lesson_file WHERE sha256 = ?)').run(
      file.sha256,
      file.sha256,
    );
    rec.audit({
      action: 'journal.file_remove',
      entity: 'lesson',
      entityId: lesson.id,
      before: { fileId: file.id, name: file.name, sha256: file.sha256 },
      feed: 'upsert',
    });
    announce(ctx, lesson);
  });
  return { ok: true as const };
}

export function getFile(ctx: Ctx, input: { fileId: number }) {
  const actor = requireActor(ctx);
  const { file, lesson } = fileLesson(ctx, input.fileId);
  if (!journalAccess(ctx, actor, lesson.group_id, lesson.subject_id, lesson.date, lesson.date))
    throw new AppError('forbidden', 'Этот журнал вам недоступен');
  const blob = prep(ctx.sqlite, 'SELECT content FROM file_blob WHERE sha256 = ?').get(file.sha256) as { content: Buffer };
  return { name: file.name, mime: file.mime, data: blob.content.toString('base64') };
}
