// PLACEHOLDER while issue 13 is built (the lead replaces it): one class's printed journal for the
// year, every subject, as one PDF. The signature is the contract the archive relies on.
import { createHash } from 'node:crypto';
import type { Services } from '../context';
import { newDoc } from '../pdf/doc';

export interface PrintedFile {
  data: Buffer;
  /** sha256 of the data the document was printed from (the footer's), not of the PDF bytes. */
  sha256: string;
}

export async function classYearPdf(s: Services, classId: number, onProgress?: (done: number, total: number) => void): Promise<PrintedFile> {
  const sha256 = createHash('sha256').update(`class ${classId}`).digest('hex');
  const { doc, finish } = newDoc(s, 'Классный журнал', '');
  doc.text(`Классный журнал (класс ${classId})`);
  onProgress?.(1, 1);
  return { data: await finish(sha256), sha256 };
}
