// The year rollover wizard: preconditions, decisions, new classes, apply, undo (issue 11).
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { rolloverMethods } from '../../../src-shared/rpc/rollover';
import { classKey, defaultClasses, defaultDeadline, defaultDecision, defaultTarget, nextStartYear } from '../../../src-shared/rollover/rules';
import type { Handlers } from '../../rpc/handlers';
import { backupNow } from '../backup/make';
import { requireActor, type Ctx } from '../context';
import { currentBuild, queueFullPackage } from '../export/outbox';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { writeRollover } from './apply';
import { newYearCalendar } from './calendar';
import { checkAll, lastChangeSeq } from './check';
import { debtView, listDebts, setDebtOutcome } from './debts';
import { resolvePlan } from './plan';
import { oldClasses, openYear, subjects, teachers, yearEndPupils } from './source';
import { lastRollover, undoRollover } from './undo';

function backupDir(ctx: Ctx): string {
  if (!ctx.backupDir) throw new AppError('not_found', 'Папка резервных копий не настроена: перевод года без резервной копии невозможен');
  return ctx.backupDir;
}

function target(ctx: Ctx) {
  const year = openYear(ctx.sqlite);
  return { year, cal: newYearCalendar(nextStartYear(year.starts_on)) };
}

const PRECONDITION_RU = {
  termsClosed: 'закрыты не все учебные периоды',
  yearMarks: 'выставлены не все годовые отметки',
  exportDelivered: 'не доставлены выгрузки на портал',
  freshBackup: 'нет свежей резервной копии',
} as const;

type Methods = typeof rolloverMethods;

export const rolloverHandlers: Pick<Handlers, keyof Methods> = {
  'rollover.check': (ctx) => {
    const last = lastRollover(ctx);
    let year: { id: number; label: string } | null = null;
    let preconditions: ReturnType<typeof checkAll> = [];
    try {
      const y = openYear(ctx.sqlite);
      year = { id: y.id, label: y.label };
      preconditions = checkAll(ctx, y);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
    return { year, ok: year !== null && preconditions.every((p) => p.ok), preconditions, last };
  },

  'rollover.backup': (ctx) => ({ name: backupNow(ctx, backupDir(ctx), 'manual').name }),

  'rollover.draft': (ctx) => {
    const { year, cal } = target(ctx);
    const startYear = nextStartYear(year.starts_on);
    const old = oldClasses(ctx.sqlite, year.id);
    const pupils = yearEndPupils(ctx.sqlite, year).map((p) => {
      const d = defaultDecision(p.grade, p.marks);
      return {
        pupilId: p.pupilId,
        name: p.name,
        fromClassId: p.classId,
        fromClass: classKey(p.grade, p.letter),
        yearMarks: p.marks,
        decision: d.decision,
        toClass: defaultTarget(d.decision, p.grade, p.letter),
        debts: d.debts.map((subjectId) => ({ subjectId, deadline: defaultDeadline(startYear) })),
      };
    });
    const targets = pupils.flatMap((p) => (p.toClass ? [p.toClass] : []));
    return {
      fromYear: { id: year.id, label: year.label },
      newYear: { label: cal.label, startsOn: cal.startsOn, endsOn: cal.endsOn },
      oldClasses: old.map((c) => ({ id: c.id, name: classKey(c.grade, c.letter), grade: c.grade })),
      teachers: teachers(ctx.sqlite),
      subjects: subjects(ctx.sqlite),
      classes: defaultClasses(old, targets),
      pupils,
    };
  },

  'rollover.preview': (ctx, { plan }) => {
    const { year, cal } = target(ctx);
    const r = resolvePlan(ctx.sqlite, year, plan, cal);
    const counts = { promoted: 0, conditional: 0, repeats: 0, graduates: 0, leaves: 0 };
    for (const p of r.pupils) counts[p.decision]++;
    const perClass = new Map<string, number>();
    for (const p of r.pupils) if (p.toClass) perClass.set(p.toClass, (perClass.get(p.toClass) ?? 0) + 1);
    const teacherName = prep(ctx.sqlite, 'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?');
    const copied = prep(
      ctx.sqlite,
      `SELECT COUNT(*) AS groups,
              (SELECT COUNT(*) FROM teaching_load tl JOIN study_group g2 ON g2.id = tl.group_id
                WHERE g2.class_id = @c AND tl.draft = 0 AND tl.valid_from <= @end AND (tl.valid_to IS NULL OR tl.valid_to >= @end)) AS loads,
              (SELECT COUNT(*) FROM timetable_entry te JOIN study_group g3 ON g3.id = te.group_id
                WHERE g3.class_id = @c AND te.draft = 0 AND te.valid_from <= @end AND (te.valid_to IS NULL OR te.valid_to >= @end)) AS timetable
         FROM study_group WHERE class_id = @c`,
    );
    return {
      errors: r.errors,
      counts,
      debts: r.pupils.reduce((n, p) => n + p.debts.length, 0),
      classes: r.classes.map((c) => {
        const t = c.classTeacherId === null ? undefined : (teacherName.get(c.classTeacherId) as Parameters<typeof shortName>[0] | undefined);
        const k = c.copyFromClassId === null ? { groups: 1, loads: 0, timetable: 0 } : (copied.get({ c: c.copyFromClassId, end: year.ends_on }) as { groups: number; loads: number; timetable: number });
        return {
          key: c.key,
          classTeacher: t ? shortName(t) : null,
          pupils: perClass.get(c.key) ?? 0,
          groups: Math.max(1, k.groups),
          loads: k.loads,
          timetableEntries: k.timetable,
        };
      }),
      newYear: { label: cal.label, startsOn: cal.startsOn, endsOn: cal.endsOn, terms: cal.terms },
    };
  },

  'rollover.apply': async (ctx, input) => {
    requireActor(ctx);
    const dir = backupDir(ctx);
    if (currentBuild(ctx)) throw new AppError('conflict', 'Сейчас собирается полная выгрузка: дождитесь её окончания и повторите перевод');
    const { year, cal } = target(ctx);
    const checkedAt = lastChangeSeq(ctx);
    const failed = checkAll(ctx, year).filter((p) => !p.ok);
    if (failed.length)
      throw new AppError('conflict', `Перевод невозможен: ${failed.map((p) => `${PRECONDITION_RU[p.key]} (${p.count})`).join('; ')}. Выполните условия на первом шаге мастера.`);
    let plan = resolvePlan(ctx.sqlite, year, input.plan, cal);
    if (plan.errors.length)
      throw new AppError('validation', `План перевода содержит ошибки (${plan.errors.length}): ${plan.errors.slice(0, 3).join('; ')}. Исправьте их на шаге предпросмотра.`);
    // The automatic backup first: the undo restores it, and it is the state a failure keeps.
    const backup = backupNow(ctx, dir, 'manual');
    let applied: { rolloverId: number; newYearId: number };
    try {
      applied = mutate(ctx, (rec) => {
        // Re-checked inside the transaction: a change recorded since the checks (a pupil
        // enrolled, a mark changed) means the checks and the plan are read again.
        if (lastChangeSeq(ctx) !== checkedAt) {
          if (openYear(ctx.sqlite).id !== year.id) throw new AppError('conflict', 'Учебный год изменился, пока готовился перевод: начните заново');
          const again = checkAll(ctx, year).filter((p) => !p.ok && p.key !== 'freshBackup');
          if (again.length) throw new AppError('conflict', `Перевод невозможен: ${again.map((p) => PRECONDITION_RU[p.key]).join('; ')}`);
          plan = resolvePlan(ctx.sqlite, year, input.plan, cal);
          if (plan.errors.length) throw new AppError('validation', `План перевода содержит ошибки: ${plan.errors.slice(0, 3).join('; ')}`);
        }
        return writeRollover(ctx, rec, year, plan, cal, input, backup.name);
      });
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('conflict', `Перевод года не выполнен, данные не изменены (${(e as Error).message}). Резервная копия ${backup.name} сохранена.`);
    }
    // The procedure requires a full export of the new year: it is the only open year now, so
    // the full package is of it. A failure here does not undo the rollover: the schedule
    // builds a full package whenever the last one is of another year (export/schedule.ts).
    let exportPackage: string | null = null;
    let exportError: string | null = null;
    try {
      exportPackage = (await queueFullPackage(ctx, `перевод учебного года: ${year.label} → ${cal.label}`)).id;
    } catch (e) {
      exportError = (e as Error).message;
    }
    return { ...applied, backupFile: backup.name, exportPackage, exportError };
  },

  'rollover.undo': (ctx, input) => {
    if (!ctx.migrationsFolder) throw new AppError('not_found', 'Отмена недоступна: программа запущена без папки миграций');
    return undoRollover(ctx, backupDir(ctx), ctx.migrationsFolder, input.rolloverId);
  },

  'rollover.debts': (ctx) => ({ debts: listDebts(ctx) }),

  'rollover.setDebtOutcome': (ctx, input) => {
    setDebtOutcome(ctx, input);
    return debtView(ctx, input.debtId);
  },
};
