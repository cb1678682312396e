// The timetable, bell times, lesson generation, one-off changes and substitutions (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { timetableMethods } from '../../../src-shared/rpc/timetable';
import { mutate } from '../mutate';
import { publishDrafts } from './drafts';
import { getTimetable, removeEntry, setBells, setEntry } from './entries';
import { generateLessons } from './generate';
import { importTimetable } from './import';
import { addLesson, cancelLesson, moveLesson } from './oneoff';
import { listDay, mySubstitutions, removeSubstitution, setSubstitution } from './substitution';

export const timetableHandlers: Pick<Handlers, keyof typeof timetableMethods> = {
  'timetable.get': (ctx, input) => getTimetable(ctx, input),
  'timetable.setEntry': (ctx, input) => setEntry(ctx, input),
  'timetable.removeEntry': (ctx, input) => removeEntry(ctx, input),
  'timetable.setBells': (ctx, input) => setBells(ctx, input),
  'timetable.import': (ctx, input) => importTimetable(ctx, input),
  'timetable.generate': (ctx, input) => mutate(ctx, (rec) => generateLessons(ctx, rec, input)),
  'timetable.addLesson': (ctx, input) => addLesson(ctx, input),
  'timetable.cancelLesson': (ctx, input) => cancelLesson(ctx, input),
  'timetable.moveLesson': (ctx, input) => moveLesson(ctx, input),
  'timetable.publishDrafts': (ctx, input) => publishDrafts(ctx, input),
  'substitution.list': (ctx, input) => listDay(ctx, input),
  'substitution.set': (ctx, input) => setSubstitution(ctx, input),
  'substitution.remove': (ctx, input) => removeSubstitution(ctx, input),
  'substitution.mine': (ctx) => mySubstitutions(ctx),
};
