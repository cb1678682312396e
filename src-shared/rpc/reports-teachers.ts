// The pickers of the class results, attendance and teacher reports (issue 13): the teachers the
// caller may build «Отчёт учителя» for, and whether they may build a class report for the whole school.
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';

export const reportTeacherMethods = {
  'reports.teachers': method({
    summary: "Teachers the caller may build «Отчёт учителя» for (every teacher for the deputy and director, else only themself), and whether class reports may cover the whole school",
    permission: 'journal.read',
    input: z.strictObject({}),
    output: z.strictObject({ teachers: z.array(z.strictObject({ id: Id, name: z.string() })), school: z.boolean() }),
  }),
};
