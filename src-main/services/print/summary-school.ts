// PLACEHOLDER while issue 13 is built (replaced by the summary-sheet part): the whole school's
// summary sheets («сводные ведомости») of one year as one PDF. The signature is the contract.
import { createHash } from 'node:crypto';
import type { Services } from '../context';
import { newDoc } from '../pdf/doc';
import type { PrintedFile } from './class-year';

export async function schoolSummaryPdf(s: Services, yearId: number): Promise<PrintedFile> {
  const sha256 = createHash('sha256').update(`year ${yearId}`).digest('hex');
  const { doc, finish } = newDoc(s, 'Сводные ведомости', '');
  doc.text(`Сводные ведомости (год ${yearId})`);
  return { data: await finish(sha256), sha256 };
}
