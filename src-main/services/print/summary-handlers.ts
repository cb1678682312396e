// RPC of the class-wide sheets: the summary sheet of a class or the whole school, and a class's
// attendance sheet, PDF or XLSX. The scope is checked before any lookup, so a class teacher
// cannot probe which class ids exist: the deputy and the director print any class and the whole
// school; a class teacher their own class (class_unit.class_teacher_id); anybody else nothing.
import { AppError } from '../../../src-shared/errors';
import { PDF_MIME, XLSX_MIME, type printSheetMethods } from '../../../src-shared/rpc/print';
import type { Handlers } from '../../rpc/handlers';
import { loadYear } from '../calendar/store';
import { requireActor, type Actor, type Ctx } from '../context';
import { prep } from '../sql';
import { attendancePdf, attendanceXlsx, classSummaryPdf, classSummaryXlsx } from './summary-files';
import { schoolSummaryPdf, schoolSummaryXlsx } from './summary-school';

type Methods = typeof printSheetMethods;

const seesAll = (a: Actor) => a.roles.includes('deputy') || a.roles.includes('director');

const FORBIDDEN_CLASS = 'Ведомости класса печатают заместитель директора, директор и классный руководитель этого класса';
const FORBIDDEN_SCHOOL = 'Сводные ведомости всей школы печатают заместитель директора и директор; классный руководитель — ведомость своего класса';

function assertClassScope(ctx: Ctx, actor: Actor, classId: number): void {
  if (seesAll(actor)) return;
  if (!prep(ctx.sqlite, 'SELECT 1 FROM class_unit WHERE id = ? AND class_teacher_id = ?').get(classId, actor.staffId))
    throw new AppError('forbidden', FORBIDDEN_CLASS);
}

const LATIN: Record<string, string> = { А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ж: 'Zh', З: 'Z', И: 'I', К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F' };
/** ASCII file names survive every browser's download dialog: «5А» → «5A», «2026/2027» → «2026-2027». */
const ascii = (s: string) =>
  [...s.toUpperCase()]
    .map((c) => LATIN[c] ?? c)
    .join('')
    .replace(/[^0-9A-Za-z-]+/g, '-');

interface ClassInfo {
  label: string;
  year: string;
  year_id: number;
}

function classInfo(ctx: Ctx, classId: number): ClassInfo {
  const c = prep(ctx.sqlite, "SELECT c.grade || c.letter AS label, y.label AS year, c.year_id FROM class_unit c JOIN school_year y ON y.id = c.year_id WHERE c.id = ?").get(classId) as
    | ClassInfo
    | undefined;
  if (!c) throw new AppError('not_found', 'Класс не найден: выберите класс из списка');
  return c;
}

const file = (name: string, format: 'pdf' | 'xlsx', data: Buffer): { name: string; mime: typeof PDF_MIME | typeof XLSX_MIME; data: string } => ({
  name: `${name}.${format}`,
  mime: format === 'pdf' ? PDF_MIME : XLSX_MIME,
  data: data.toString('base64'),
});

export const printSheetHandlers: Pick<Handlers, keyof Methods> = {
  'print.sheetClasses': (ctx, input) => {
    const actor = requireActor(ctx);
    const year = loadYear(ctx, input.yearId);
    const all = seesAll(actor);
    const classes = prep(
      ctx.sqlite,
      `SELECT id, grade || letter AS label FROM class_unit WHERE year_id = ? AND (? OR class_teacher_id = ?) ORDER BY grade, letter`,
    ).all(year.id, all ? 1 : 0, actor.staffId) as { id: number; label: string }[];
    return { yearId: year.id, year: year.label, wholeSchool: all, classes };
  },
  'print.summarySheets': async (ctx, input) => {
    const actor = requireActor(ctx);
    if (input.classId !== undefined) {
      assertClassScope(ctx, actor, input.classId);
      const c = classInfo(ctx, input.classId);
      if (input.yearId !== undefined && input.yearId !== c.year_id)
        throw new AppError('validation', `Класс ${c.label} — из ${c.year} учебного года: выберите этот год или не указывайте год`);
      const f = input.format === 'pdf' ? await classSummaryPdf(ctx, input.classId) : classSummaryXlsx(ctx, input.classId);
      return file(`svodnaya-vedomost-${ascii(c.label)}-${ascii(c.year)}`, input.format, f.data);
    }
    if (!seesAll(actor)) throw new AppError('forbidden', FORBIDDEN_SCHOOL);
    const year = loadYear(ctx, input.yearId);
    const f = input.format === 'pdf' ? await schoolSummaryPdf(ctx, year.id) : schoolSummaryXlsx(ctx, year.id);
    return file(`svodnye-vedomosti-${ascii(year.label)}`, input.format, f.data);
  },
  'print.attendanceSheet': async (ctx, input) => {
    const actor = requireActor(ctx);
    assertClassScope(ctx, actor, input.classId);
    const c = classInfo(ctx, input.classId);
    const f = input.format === 'pdf' ? await attendancePdf(ctx, input.classId) : attendanceXlsx(ctx, input.classId);
    return file(`poseshchaemost-${ascii(c.label)}-${ascii(c.year)}`, input.format, f.data);
  },
};
