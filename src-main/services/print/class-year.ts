// One class's printed journal for the year, every subject, as one PDF: the entry point the
// year-end archive and the «Печать» action share.
import type { Services } from '../context';
import { classBookPdf, type PrintedFile } from './book';

export type { PrintedFile };

export function classYearPdf(s: Services, classId: number, onProgress?: (done: number, total: number) => void): Promise<PrintedFile> {
  return classBookPdf(s, classId, { onProgress });
}
