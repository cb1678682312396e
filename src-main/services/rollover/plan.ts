// A rollover plan checked against the database: every pupil of the year's end decided once,
// each into a class of the plan that fits the decision, debts only with a conditional
// promotion; the new classes unique, their teachers and source classes real. Preview shows
// the errors; apply refuses while there is one. Reads only.
import type { Decision, RolloverPlan } from '../../../src-shared/rpc/rollover';
import { classKey } from '../../../src-shared/rollover/rules';
import type { Sqlite } from '../../../db/client';
import { prep } from '../sql';
import { oldClasses, yearEndPupils, type SourcePupil, type YearRow } from './source';

export interface ResolvedClass {
  key: string;
  grade: number;
  letter: string;
  classTeacherId: number | null;
  copyFromClassId: number | null;
}

export interface ResolvedPupil {
  pupil: SourcePupil;
  decision: Decision;
  toClass: string | null;
  debts: { subjectId: number; deadline: string }[];
}

export interface Resolved {
  errors: string[];
  classes: ResolvedClass[];
  pupils: ResolvedPupil[];
}

const DECISION_RU: Record<Decision, string> = {
  promoted: 'переведён',
  conditional: 'переведён условно',
  repeats: 'оставлен на повторное обучение',
  graduates: 'выпускник',
  leaves: 'выбывает',
};

export function resolvePlan(sqlite: Sqlite, year: YearRow, plan: RolloverPlan, newYear: { startsOn: string; endsOn: string }): Resolved {
  const errors: string[] = [];
  const old = new Map(oldClasses(sqlite, year.id).map((c) => [c.id, c]));
  const teacherOk = prep(sqlite, 'SELECT 1 FROM staff_user WHERE id = ? AND disabled = 0');
  const subjectOk = prep(sqlite, 'SELECT 1 FROM subject WHERE id = ?');

  const classes = new Map<string, ResolvedClass>();
  const teacherOf = new Map<number, string>();
  const copied = new Map<number, string>();
  for (const c of plan.classes) {
    const key = classKey(c.grade, c.letter);
    if (classes.has(key)) errors.push(`Класс ${key} указан дважды`);
    if (c.classTeacherId !== null) {
      if (!teacherOk.get(c.classTeacherId)) errors.push(`${key}: классный руководитель не найден среди сотрудников`);
      const other = teacherOf.get(c.classTeacherId);
      if (other) errors.push(`${key}: этот учитель уже классный руководитель ${other}`);
      teacherOf.set(c.classTeacherId, key);
    }
    if (c.copyFromClassId !== null) {
      if (!old.has(c.copyFromClassId)) errors.push(`${key}: класс, из которого копируется нагрузка, не из переводимого года`);
      const other = copied.get(c.copyFromClassId);
      if (other) errors.push(`${key}: нагрузка этого класса уже копируется в ${other}`);
      copied.set(c.copyFromClassId, key);
    }
    classes.set(key, { key, ...c });
  }

  const source = new Map(yearEndPupils(sqlite, year, false).map((p) => [p.pupilId, p]));
  const seen = new Set<number>();
  const pupils: ResolvedPupil[] = [];
  for (const p of plan.pupils) {
    const src = source.get(p.pupilId);
    if (!src) {
      errors.push(`Ученик #${p.pupilId} не учится в этом году (на конец года)`);
      continue;
    }
    if (seen.has(p.pupilId)) errors.push(`${src.name}: решение указано дважды`);
    seen.add(p.pupilId);
    const who = `${src.name} (${src.grade}${src.letter})`;
    const target = p.toClass === null ? null : classes.get(p.toClass);
    if (p.decision === 'graduates' || p.decision === 'leaves') {
      if (p.toClass !== null) errors.push(`${who}: ${DECISION_RU[p.decision]} — класс нового года не указывается`);
      if (p.decision === 'graduates' && src.grade !== 9 && src.grade !== 11) errors.push(`${who}: выпускниками бывают ученики 9 и 11 классов`);
    } else if (!target) {
      errors.push(`${who}: ${p.toClass === null ? 'не выбран класс нового года' : `класса ${p.toClass} нет в списке новых классов`}`);
    } else {
      const grade = p.decision === 'repeats' ? src.grade : src.grade + 1;
      if (target.grade !== grade) errors.push(`${who}: ${DECISION_RU[p.decision]} — нужен ${grade} класс, выбран ${target.key}`);
    }
    if (p.decision === 'conditional' && p.debts.length === 0) errors.push(`${who}: при условном переводе укажите предметы с задолженностью`);
    if (p.decision !== 'conditional' && p.debts.length > 0) errors.push(`${who}: задолженности бывают только при условном переводе`);
    const debtSubjects = new Set<number>();
    for (const d of p.debts) {
      if (!subjectOk.get(d.subjectId)) errors.push(`${who}: предмет задолженности не найден`);
      if (debtSubjects.has(d.subjectId)) errors.push(`${who}: предмет задолженности указан дважды`);
      debtSubjects.add(d.subjectId);
      if (d.deadline < newYear.startsOn || d.deadline > newYear.endsOn)
        errors.push(`${who}: срок ликвидации задолженности должен быть в новом учебном году (${newYear.startsOn} — ${newYear.endsOn})`);
    }
    pupils.push({ pupil: src, decision: p.decision, toClass: p.toClass, debts: p.debts });
  }
  const undecided = [...source.values()].filter((p) => !seen.has(p.pupilId));
  if (undecided.length)
    errors.push(`Нет решения для ${undecided.length} учеников: ${undecided.slice(0, 5).map((p) => `${p.name} (${p.grade}${p.letter})`).join(', ')}`);
  return { errors, classes: [...classes.values()], pupils };
}
