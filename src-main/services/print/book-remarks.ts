// The monthly check's remarks about a class's journals, for the last section of its printed
// journal: issued remarks only (a draft is the deputy's working list, not a record).
import { shortName } from '../../../src-shared/names';
import type { Services } from '../context';
import type { RemarkState } from '../check-report/data';
import { prep } from '../sql';
import type { ClassBookHead } from './book-data';

export interface BookRemark {
  checkFrom: string;
  checkTo: string;
  subject: string | null;
  teacher: string;
  text: string;
  reply: string | null;
  deadline: string;
  state: RemarkState;
}

interface Row {
  date_from: string;
  date_to: string;
  subject: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
  text: string;
  reply: string | null;
  deadline: string;
  state: RemarkState;
}

export function loadBookRemarks(s: Services, head: ClassBookHead): BookRemark[] {
  const rows = prep(
    s.sqlite,
    `SELECT c.date_from, c.date_to, sb.name AS subject, p.surname, p.name, p.patronymic, r.text, r.reply, r.deadline, r.state
       FROM remark r JOIN journal_check c ON c.id = r.check_id
       JOIN study_group g ON g.id = r.group_id
       JOIN staff_user u ON u.id = r.teacher_id JOIN person p ON p.id = u.person_id
       LEFT JOIN subject sb ON sb.id = r.subject_id
      WHERE g.class_id = ? AND r.state <> 'draft'
      ORDER BY c.date_from, c.id, sb.name, r.id`,
  ).all(head.classId) as Row[];
  return rows.map((r) => ({
    checkFrom: r.date_from,
    checkTo: r.date_to,
    subject: r.subject,
    teacher: shortName(r),
    text: r.text,
    reply: r.reply,
    deadline: r.deadline,
    state: r.state,
  }));
}
