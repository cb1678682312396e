// Pure helpers of the client outbox: what an edit touches (the grid's markers), how it reads
// for the teacher (the refused list), and a journal as it looks with the waiting edits
// applied (an open journal stays readable, with the teacher's own values, while the host is away).
import type { JournalView } from '../../../src-shared/rpc/journal';
import type { OutboxMethod, OutboxTargets } from '../../../src-shared/rpc/outbox';
import type { MethodParsedInput } from '../../../src-shared/rpc/registry';

type CellInput = MethodParsedInput<'journal.setCell'>;
type LessonInput = MethodParsedInput<'journal.setLesson'>;
type TermMarkInput = MethodParsedInput<'journal.setTermMark'>;

/** An entry as the helpers need it: the input was checked against the method's schema when queued. */
export interface QueuedEdit {
  method: OutboxMethod;
  input: unknown;
}

const cellEdits = (e: QueuedEdit): CellInput[] =>
  e.method === 'journal.setCell'
    ? [e.input as CellInput]
    : e.method === 'journal.setCells'
      ? (e.input as { edits: CellInput[] }).edits
      : [];

export function editTargets(e: QueuedEdit): OutboxTargets {
  const t: OutboxTargets = { groupId: 0, subjectId: 0, cells: [], lessons: [], termMarks: [] };
  if (e.method === 'journal.setTermMark') {
    const i = e.input as TermMarkInput;
    return { ...t, groupId: i.groupId, subjectId: i.subjectId, termMarks: [{ termId: i.termId, pupilId: i.pupilId }] };
  }
  if (e.method === 'journal.setLesson') {
    const { lesson } = e.input as LessonInput;
    return { ...t, groupId: lesson.groupId, subjectId: lesson.subjectId, lessons: [{ date: lesson.date, slot: lesson.slot }] };
  }
  const edits = cellEdits(e);
  const first = edits[0]!.lesson;
  return {
    ...t,
    groupId: first.groupId,
    subjectId: first.subjectId,
    cells: edits.map((c) => ({ date: c.lesson.date, slot: c.lesson.slot, pupilId: c.pupilId })),
  };
}

const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const pupilName = (view: JournalView | undefined, id: number) => view?.pupils.find((p) => p.id === id)?.name ?? `ученик №${id}`;
const cellText = (c: CellInput) => [...c.marks.map((m) => m.value), ...(c.absence ? [c.absence] : [])].join(' ') || 'очищено';

/** In Russian, for the teacher's list: «Русский язык, 5А: 23.11, 2-й урок, Андреев Пётр: 5». */
export function editSummary(e: QueuedEdit, view?: JournalView): string {
  const where = view ? `${view.subject.name}, ${view.group.name}: ` : '';
  if (e.method === 'journal.setTermMark') {
    const i = e.input as TermMarkInput;
    return `${where}итоговая отметка, ${pupilName(view, i.pupilId)}: ${i.value ?? 'снята'}`;
  }
  if (e.method === 'journal.setLesson') {
    const i = e.input as LessonInput;
    const parts = [
      i.topic !== undefined ? `тема «${i.topic ?? ''}»` : null,
      i.homework !== undefined ? `домашнее задание «${i.homework ?? ''}»` : null,
      i.held !== undefined ? (i.held ? 'урок проведён' : 'урок не проведён') : null,
      i.workTypeId !== undefined ? 'вид работы' : null,
      i.actualTeacherId !== undefined ? 'замена учителя' : null,
    ].filter((p): p is string => p !== null);
    return `${where}${dayMonth(i.lesson.date)}, ${i.lesson.slot}-й урок: ${parts.join(', ') || 'урок'}`;
  }
  const edits = cellEdits(e);
  const one = (c: CellInput) => `${dayMonth(c.lesson.date)}, ${c.lesson.slot}-й урок, ${pupilName(view, c.pupilId)}: ${cellText(c)}`;
  if (edits.length === 1) return where + one(edits[0]!);
  return `${where}${edits.length} клеток: ${edits.slice(0, 3).map(one).join('; ')}${edits.length > 3 ? '; …' : ''}`;
}

/**
 * The journal with the waiting edits of the same journal applied, in order. A cell of a lesson
 * that has no row yet (lessonId null: its first edit is among the waiting ones) cannot be
 * shown in a CellView, which is keyed by the lesson's id: it appears once the host took it.
 */
export function applyQueued(view: JournalView, edits: QueuedEdit[]): JournalView {
  const mine = edits.filter((e) => {
    const t = editTargets(e);
    return t.groupId === view.group.id && t.subjectId === view.subject.id;
  });
  if (mine.length === 0) return view;
  const lessons = view.lessons.map((l) => ({ ...l }));
  const cells = view.cells.map((c) => ({ ...c }));
  let termMarks = [...view.termMarks];
  const weight = new Map(view.workTypes.map((w) => [w.id, w.weight]));
  const lessonAt = (date: string, slot: number) => lessons.find((l) => l.date === date && l.slot === slot);
  for (const e of mine) {
    if (e.method === 'journal.setTermMark') {
      const i = e.input as TermMarkInput;
      if (i.termId !== view.term.id) continue;
      const old = termMarks.find((t) => t.pupilId === i.pupilId);
      termMarks = termMarks.filter((t) => t.pupilId !== i.pupilId);
      // The version stays the host's: the teacher's next edit is made on it (the outbox moves it on).
      if (i.value !== null)
        termMarks.push({
          pupilId: i.pupilId,
          value: i.value,
          suggested: old?.suggested ?? null,
          confirmedAt: null,
          version: old?.version ?? 0,
        });
    } else if (e.method === 'journal.setLesson') {
      const { lesson: slot, ...patch } = e.input as LessonInput;
      const l = lessonAt(slot.date, slot.slot);
      if (!l) continue;
      if (patch.topic !== undefined) l.topic = patch.topic;
      if (patch.homework !== undefined) l.homework = patch.homework;
      if (patch.held !== undefined) l.held = patch.held;
      if (patch.workTypeId !== undefined) l.workTypeId = patch.workTypeId;
      if (patch.actualTeacherId !== undefined) l.actualTeacherId = patch.actualTeacherId;
    } else
      for (const c of cellEdits(e)) {
        const lessonId = lessonAt(c.lesson.date, c.lesson.slot)?.lessonId;
        if (lessonId === null || lessonId === undefined) continue;
        const marks = c.marks.map((m) => ({ value: m.value, workTypeId: m.workTypeId, weight: weight.get(m.workTypeId) ?? 1 }));
        const at = cells.findIndex((x) => x.lessonId === lessonId && x.pupilId === c.pupilId);
        if (at >= 0) cells[at] = { ...cells[at]!, marks, absence: c.absence };
        else cells.push({ lessonId, pupilId: c.pupilId, marks, absence: c.absence, version: 0 });
      }
  }
  return { ...view, lessons, cells, termMarks };
}
