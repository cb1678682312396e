// R17: a journal edit (lesson, cell or term mark) made in the period while the study period
// holding it was closed for the class, with no reason — neither on the audit record nor an
// open reopening with its reason that covers it (the deputy's «открыть для исправления»).
// The journal refuses such writes today; this catches the ones that got past it (imports,
// direct database work, older versions).
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckAudit, CheckData, CheckJournal, CheckTerm } from '../data';
import { finding, journalOf, journalPlace, ruDate } from './common';

const TERM_RU: Record<CheckTerm['kind'], string> = { quarter: 'в закрытой четверти', half: 'в закрытом полугодии', trimester: 'в закрытом триместре' };

interface Target {
  j: CheckJournal;
  term: CheckTerm;
  lessonId: number | null;
  pupilId: number | null;
  date: string | null;
  slot?: number;
}

function termAt(data: CheckData, j: CheckJournal, date: string): CheckTerm | undefined {
  return data.terms.find((t) => t.yearId === j.yearId && j.grade >= t.gradeFrom && j.grade <= t.gradeTo && date >= t.startsOn && date <= t.endsOn);
}

function target(data: CheckData, a: CheckAudit): Target | null {
  if (a.entity === 'term_mark') {
    const [pupilId, groupId, subjectId, termId] = a.entityId.split(':').map(Number) as [number, number, number, number];
    const j = journalOf(data, { groupId, subjectId });
    const term = data.terms.find((t) => t.id === termId);
    return j && term ? { j, term, lessonId: null, pupilId, date: null } : null;
  }
  const [lessonPart, pupilPart] = a.entityId.split(':');
  const l = data.auditLessons.get(Number(lessonPart));
  if (!l) return null;
  const j = journalOf(data, l);
  const term = j && termAt(data, j, l.date);
  if (!j || !term) return null;
  return { j, term, lessonId: l.id, pupilId: a.entity === 'cell' ? Number(pupilPart) : null, date: l.date };
}

export function r17(data: CheckData): Finding[] {
  const out: Finding[] = [];
  for (const a of data.audit) {
    if (a.date < data.from || a.date > data.cutoff || a.reason?.trim()) continue;
    // Only the journal's own edits; a created column carries no value (its edit follows).
    if (!a.action.startsWith('journal.') || a.action === 'journal.lesson_create') continue;
    const t = target(data, a);
    if (!t) continue;
    const closedAt = t.term.closedAt ?? t.term.classClosedAt.get(t.j.classId) ?? null;
    if (closedAt === null || closedAt > a.at) continue;
    const covered = data.reopens.some(
      (r) =>
        r.termId === t.term.id &&
        r.groupId === t.j.groupId &&
        r.subjectId === t.j.subjectId &&
        r.openedAt <= a.at &&
        (r.closedAt === null || r.closedAt > a.at) &&
        r.reason.trim() !== '' &&
        // The whole journal, this cell, or (for a term mark) this pupil.
        ((r.lessonId === null && r.pupilId === null) ||
          (a.entity === 'cell' && r.lessonId === t.lessonId && r.pupilId === t.pupilId) ||
          (a.entity === 'term_mark' && r.lessonId === null && r.pupilId === t.pupilId)),
    );
    if (covered) continue;
    const what = a.entity === 'term_mark' ? 'отметка за период' : a.entity === 'cell' ? `урок ${ruDate(t.date!)}, отметки/пропуски` : `урок ${ruDate(t.date!)}`;
    out.push(
      finding(
        'R17',
        `R17:a${a.seq}`,
        { teacherId: a.actorId, groupId: t.j.groupId, subjectId: t.j.subjectId, lessonId: t.lessonId, pupilId: t.pupilId, date: a.date },
        `${journalPlace(t.j)}, ${what}: исправление ${ruDate(a.date)} ${TERM_RU[t.term.kind]} без указания причины`,
        { seq: a.seq, at: a.at, action: a.action, termId: t.term.id, closedAt },
      ),
    );
  }
  return out;
}
