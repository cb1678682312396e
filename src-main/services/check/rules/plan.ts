// R6, against the lesson plan (КТП), where the journal's teacher has one: a held lesson whose
// topic is not the plan's topic for that lesson (the topic the journal offers it, walking the
// plan lesson by lesson: src-shared/plan/offer.ts), and a journal behind its plan to date.
import type { Finding } from '../../../../src-shared/check/rules';
import { offerTopics } from '../../../../src-shared/plan/offer';
import type { CheckData, CheckJournal, CheckLesson } from '../data';
import { finding, inPeriod, journalPlace, lessonPlace, lessonTeacher, ruDate } from './common';

/** Case, «ё», spacing, quotes and end punctuation do not make a topic different. */
export function normTopic(s: string): string {
  return s
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"„“”'.,;:!?()\-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same topic: equal after normalising, or one holds the other (a «Урок 5. …» prefix, an added note). */
export function sameTopic(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  const x = normTopic(a);
  const y = normTopic(b);
  return x === y || (x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)));
}

export function r6(data: CheckData): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(data.lessons.map((l) => [l.id, l]));
  // First the walk of every plan; then the texts of the offered topics in one query.
  const compare: { l: CheckLesson; j: CheckJournal; topicId: number }[] = [];
  for (const [k, plan] of data.plans) {
    const j = data.journals.get(k)!;
    const { offers, progress } = offerTopics(plan.topics, plan.lessons, data.cutoff, plan.prefix);
    plan.lessons.forEach((pl, i) => {
      const topicId = offers[i]!.topicId;
      if (pl.lessonId === null || topicId === null) return;
      const l = byId.get(pl.lessonId);
      if (l && l.held && inPeriod(data, l.date) && l.topic?.trim()) compare.push({ l, j, topicId });
    });
    if (progress.delta < 0)
      out.push(
        finding(
          'R6',
          `R6:lag:${j.groupId}:${j.subjectId}`,
          { teacherId: j.teacherId, groupId: j.groupId, subjectId: j.subjectId, date: data.cutoff },
          `${journalPlace(j)}: по КТП к ${ruDate(data.cutoff)} — ${progress.expected} ур., пройдено ${progress.position} (отставание ${-progress.delta})`,
          { expected: progress.expected, position: progress.position, lag: -progress.delta, totalHours: progress.totalHours },
        ),
      );
  }
  const text = data.topicTexts(compare.map((c) => c.topicId));
  for (const { l, j, topicId } of compare) {
    const planned = text.get(topicId);
    if (planned === undefined || sameTopic(l.topic!, planned)) continue;
    out.push(
      finding(
        'R6',
        `R6:l${l.id}`,
        { teacherId: lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: l.id, date: l.date },
        `${lessonPlace(j, l)}: тема «${l.topic!.trim()}» не совпадает с КТП («${planned}»)`,
        { topic: l.topic!.trim(), planTopic: planned, planTopicId: topicId },
      ),
    );
  }
  return out;
}
