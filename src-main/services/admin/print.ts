// The application printed for signature: an A4 PDF (services/pdf/doc.ts) whose every line comes
// from forms/application.ts with the names declined (issue 13).
import type { Ctx } from '../context';
import { applicationText } from '../forms/application';
import { schoolFullName } from '../forms/school';
import { contentWidth, newDoc, regular } from '../pdf/doc';
import { applicationById } from './applications';

export async function printApplication(ctx: Ctx, input: { id: number }) {
  // The whole text is read first, in one synchronous pass; rendering comes after.
  const a = applicationById(ctx, input.id);
  const text = applicationText(ctx, a);
  const { doc, finish } = newDoc(ctx, `Заявление № ${a.number}`, schoolFullName(ctx, 'nominative'), { side: 60 });

  // The addressee block of a Russian application: the right half of the page, lines flush left.
  const half = contentWidth(doc) / 2;
  const block = { width: half };
  const x = doc.page.margins.left + half;
  doc.font(regular(doc)).fontSize(11);
  doc.text(text.to.join('\n'), x, doc.y, block);
  doc.text(text.from, x, doc.y, block);
  doc.text(text.relation, x, doc.y, block);
  doc.x = doc.page.margins.left;
  doc.moveDown(2);
  const full = { width: contentWidth(doc) };
  doc
    .font('bold')
    .fontSize(14)
    .text('ЗАЯВЛЕНИЕ', { ...full, align: 'center' });
  doc
    .font(regular(doc))
    .fontSize(11)
    .text('о предоставлении доступа к электронному дневнику', { ...full, align: 'center' });
  doc.moveDown(1.5);
  doc.fontSize(12).text(text.body, { ...full, lineGap: 3 });
  doc.moveDown();
  doc.text(`UID на портале: ${a.portalUid ?? '____________________'}`, full);
  doc.moveDown();
  doc.text(text.consent, { ...full, lineGap: 3 });
  doc.moveDown(2);
  doc.text(text.footer, full);
  doc.moveDown(2);
  doc.text('Подпись заявителя ____________________      Дата ______________', full);
  doc.moveDown(3);
  doc.fontSize(10).fillColor('#333');
  doc.text(text.checked, full);
  doc.text('Подпись сотрудника ____________________', full);
  doc.fillColor('black');
  const data = await finish(text.sha256);
  return {
    name: `zayavlenie-${a.number.replace(/[^\p{L}\p{N}-]+/gu, '_')}.pdf`,
    mime: 'application/pdf' as const,
    data: data.toString('base64'),
  };
}
