// The printed class journal's RPC (issue 13): one journal's pages for a period, a class's year
// as a job. Scope: a journal prints for whoever may read it (journalAccess); a class's whole
// journal for the deputy, the director and the class's own class teacher.
import { dotDate, schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { printJournalMethods } from '../../../src-shared/rpc/print-journal';
import type { Handlers } from '../../rpc/handlers';
import { requireActor, type Actor, type Ctx } from '../context';
import { journalAccess, termsFor } from '../journal/access';
import { className } from '../journal/format';
import { newDoc } from '../pdf/doc';
import { prep } from '../sql';
import { classBookPdf, drawJournal } from './book';
import { oneRead, sourceHash } from '../pdf/source';
import { loadBookHead, loadBookJournal } from './book-data';
import { jobState, startJob } from './jobs';

type Methods = typeof printJournalMethods;

/** «5A»: ASCII file names survive every browser's download dialog. */
const LATIN: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ж: 'Zh',
  З: 'Z',
  И: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
};
export const asciiClass = (name: string) => [...name].map((ch) => LATIN[ch.toUpperCase()] ?? (/[\w-]/.test(ch) ? ch : '_')).join('');

/** May the caller print a whole class's journal? Checked before any lookup, so nobody probes other classes. */
function assertClassScope(ctx: Ctx, actor: Actor, classId: number): void {
  if (actor.roles.includes('deputy') || actor.roles.includes('director')) return;
  if (prep(ctx.sqlite, 'SELECT 1 FROM class_unit WHERE id = ? AND class_teacher_id = ?').get(classId, actor.staffId)) return;
  throw new AppError('forbidden', 'Журнал класса целиком печатают заместитель директора, директор и классный руководитель этого класса');
}

export const printJournalHandlers: Pick<Handlers, keyof Methods> = {
  'print.journal': async (ctx, input) => {
    const actor = requireActor(ctx);
    const group = prep(ctx.sqlite, 'SELECT class_id FROM study_group WHERE id = ?').get(input.groupId) as { class_id: number } | undefined;
    if (!group) throw new AppError('not_found', 'Нет такого журнала');
    const head = loadBookHead(ctx, group.class_id);
    let from = input.from ?? head.yearStarts;
    let to = input.to ?? head.yearEnds;
    if (input.termId !== undefined) {
      const t = termsFor(ctx, input.groupId).find((x) => x.id === input.termId);
      if (!t) throw new AppError('not_found', 'Нет такого учебного периода для этого класса');
      ({ starts_on: from, ends_on: to } = t);
    }
    if (!journalAccess(ctx, actor, input.groupId, input.subjectId, from, to))
      throw new AppError('forbidden', 'Печатать можно только журналы, которые вам доступны для просмотра');
    const j = oneRead(ctx, () => loadBookJournal(ctx, head, input.groupId, input.subjectId, from, to));
    const sha256 = sourceHash({ head, from, to, journal: j });
    const { doc, finish } = newDoc(ctx, `Классный журнал: ${j.subject}, ${j.group}`, head.school, { side: 28 });
    drawJournal(doc, j, head.terms, from, to, input.size);
    // newDoc opens a page of its own; the journal starts each spread on a new one.
    doc.switchToPage(0);
    doc.fontSize(14).text(`${j.subject}, ${j.group}`, { align: 'center' });
    doc
      .fontSize(11)
      .text(`${head.school}, ${head.year} учебный год. Страницы журнала с ${dotDate(from)} по ${dotDate(to)}`, { align: 'center' });
    return {
      name: `zhurnal-${asciiClass(j.group)}-${input.subjectId}-${from}_${to}.pdf`,
      mime: 'application/pdf',
      data: (await finish(sha256)).toString('base64'),
    };
  },
  'print.classes': (ctx) => {
    const actor = requireActor(ctx);
    const all = actor.roles.includes('deputy') || actor.roles.includes('director');
    // The open year's classes and the archived years' (their journals are printed for the archive too).
    const rows = prep(
      ctx.sqlite,
      `SELECT c.id, c.grade, c.letter, y.label FROM class_unit c JOIN school_year y ON y.id = c.year_id
        WHERE (@all = 1 OR c.class_teacher_id = @me) ORDER BY y.starts_on DESC, c.grade, c.letter`,
    ).all({ all: all ? 1 : 0, me: actor.staffId }) as { id: number; grade: number; letter: string; label: string }[];
    return { classes: rows.map((r) => ({ id: r.id, name: className(r.grade, r.letter), year: r.label })) };
  },
  'print.classYearStart': (ctx, input) => {
    const actor = requireActor(ctx);
    assertClassScope(ctx, actor, input.classId);
    const head = loadBookHead(ctx, input.classId);
    const services = { ...ctx, actor: null };
    const jobId = startJob(actor.staffId, ctx.now, async (progress) => {
      const f = await classBookPdf(services, input.classId, { size: input.size, onProgress: progress });
      return {
        name: `klassnyj-zhurnal-${asciiClass(head.label)}-${head.year.replace('/', '-')}-${schoolDate(ctx.now())}.pdf`,
        data: f.data,
      };
    });
    return { jobId };
  },
  'print.classYearJob': (ctx, input) => jobState(requireActor(ctx).staffId, input.jobId),
};
