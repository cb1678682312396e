// Homework files in the renderer: File -> base64 for journal.attachFile, base64 -> a download.
// No Node here: FileReader and Blob only.
import { base64ToBlob, downloadBlob, fileToBase64 } from '../blobs';

/** Types main accepts (src-main/services/journal/files.ts), for files the OS gave no type. */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

export function mimeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** Saves a file the user asked for. */
export function downloadBase64(name: string, mime: string, data: string): void {
  downloadBlob(base64ToBlob(data, mime), name);
}

export { fileToBase64 as readBase64 };

/** "1,2 МБ", "830 КБ" */
export function fileSize(bytes: number, locale: string): string {
  const nf = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  const ru = locale.startsWith('ru');
  if (bytes >= 1024 * 1024) return `${nf(bytes / 1024 / 1024)} ${ru ? 'МБ' : 'MB'}`;
  if (bytes >= 1024) return `${nf(bytes / 1024)} ${ru ? 'КБ' : 'KB'}`;
  return `${bytes} ${ru ? 'Б' : 'B'}`;
}
