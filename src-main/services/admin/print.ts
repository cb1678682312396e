// The application printed for signature: an A4 PDF in a Cyrillic font shipped in resources/.
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatRuDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { schoolRow } from '../school/settings';
import { applicationById } from './applications';

export async function printApplication(ctx: Ctx, input: { id: number }) {
  const a = applicationById(ctx, input.id);
  const school = schoolRow(ctx);
  if (!ctx.resourcesDir) throw new AppError('internal', 'Не найдены шрифты для печати');
  const fonts = join(ctx.resourcesDir, 'fonts');
  // The default font is given as a file, so pdfkit never loads its built-in Helvetica (no Cyrillic).
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    font: join(fonts, 'DejaVuSans.ttf'),
    info: { Title: `Заявление № ${a.number}`, Author: school?.name ?? '', Creator: 'zhurnal' },
  });
  doc.registerFont('regular', join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(fonts, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const right = { align: 'right' as const };
  doc.font('regular').fontSize(11);
  doc.text(`Директору ${school?.name ?? ''}`, right);
  doc.text(`от ${a.guardianName}`, right);
  doc.text(`(${a.relation ?? 'законный представитель'})`, right);
  doc.moveDown(2);
  doc.font('bold').fontSize(14).text('ЗАЯВЛЕНИЕ', { align: 'center' });
  doc.font('regular').fontSize(11).text('о предоставлении доступа к электронному дневнику', { align: 'center' });
  doc.moveDown(1.5);
  doc
    .fontSize(12)
    .text(
      `Прошу предоставить мне доступ к информации о текущей успеваемости, посещаемости и домашних заданиях ` +
        `моего ребёнка (подопечного) ${a.pupilName}${a.className ? `, обучающегося ${a.className} класса` : ''}, ` +
        `в сервисе «Электронный дневник» портала «Петербургское образование».`,
      { lineGap: 3 },
    );
  doc.moveDown();
  doc.text(`UID на портале: ${a.portalUid ?? '____________________'}`);
  doc.moveDown();
  doc.text(
    'С порядком предоставления услуги ознакомлен(а). Согласен(на) на обработку персональных данных в объёме, ' +
      'необходимом для предоставления услуги.',
    { lineGap: 3 },
  );
  doc.moveDown(2);
  doc.text(`Заявление № ${a.number} от ${formatRuDate(a.appliedOn)}`);
  doc.moveDown(2);
  doc.text('Подпись заявителя ____________________      Дата ______________');
  doc.moveDown(3);
  doc.fontSize(10).fillColor('#333');
  doc.text(
    `Личность заявителя и ФИО сверены с документом, удостоверяющим личность` +
      (a.mismatchConfirmed ? ' (расхождения в написании подтверждены)' : '') +
      `: ${a.passportCheckedBy ?? ''}${a.passportCheckedAt ? `, ${formatRuDate(a.passportCheckedAt.slice(0, 10))}` : ''}`,
  );
  doc.text('Подпись сотрудника ____________________');
  doc.end();
  await done;
  return {
    name: `zayavlenie-${a.number.replace(/[^\p{L}\p{N}-]+/gu, '_')}.pdf`,
    mime: 'application/pdf' as const,
    data: Buffer.concat(chunks).toString('base64'),
  };
}
