// R1 (no topic, or one shorter than topicMinChars) and R2 (no homework unless the lesson is
// marked «без домашнего задания») on held lessons more than entryDays school days old.
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { blank, entryOverdue, finding, isJudgedLesson, journalOf, lessonPlace, lessonTeacher } from './common';

export function r1(data: CheckData): Finding[] {
  const out: Finding[] = [];
  const min = data.settings.topicMinChars;
  for (const l of data.lessons) {
    if (!l.held || !isJudgedLesson(data, l)) continue;
    const topic = l.topic?.trim() ?? '';
    if (topic.length >= min) continue;
    const j = journalOf(data, l);
    if (!j || !entryOverdue(data, j, l.date)) continue;
    const what = topic === '' ? 'тема урока не записана' : `тема урока «${topic}» короче ${min} символов`;
    out.push(
      finding('R1', `R1:l${l.id}`, { teacherId: lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: l.id, date: l.date }, `${lessonPlace(j, l)}: ${what}`, {
        topic: topic === '' ? null : topic,
        minChars: min,
      }),
    );
  }
  return out;
}

export function r2(data: CheckData): Finding[] {
  const out: Finding[] = [];
  for (const l of data.lessons) {
    if (!l.held || l.noHomework || l.hasFile || !blank(l.homework) || !isJudgedLesson(data, l)) continue;
    const j = journalOf(data, l);
    if (!j || !entryOverdue(data, j, l.date)) continue;
    out.push(
      finding(
        'R2',
        `R2:l${l.id}`,
        { teacherId: lessonTeacher(l, j), groupId: l.groupId, subjectId: l.subjectId, lessonId: l.id, date: l.date },
        `${lessonPlace(j, l)}: не записано домашнее задание (или отметка «без домашнего задания»)`,
      ),
    );
  }
  return out;
}
