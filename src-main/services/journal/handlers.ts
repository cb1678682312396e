// The journal capability's RPC handlers.
import type { Handlers } from '../../rpc/handlers';
import { setCell, setCells, setLesson, setTermMark } from './edit';
import { attachFile, getFile, removeFile } from './files';
import { history, termMarkHistory } from './history';
import { myWorkHandlers } from './my-work';
import { listJournals, listTeachers, openJournal } from './view';

type JournalMethods =
  | 'journal.myWork'
  | 'journal.list'
  | 'journal.teachers'
  | 'journal.open'
  | 'journal.setCell'
  | 'journal.setCells'
  | 'journal.setLesson'
  | 'journal.attachFile'
  | 'journal.removeFile'
  | 'journal.getFile'
  | 'journal.setTermMark'
  | 'journal.history'
  | 'journal.termMarkHistory';

export const journalHandlers: Pick<Handlers, JournalMethods> = {
  ...myWorkHandlers,
  'journal.list': (ctx, input) => listJournals(ctx, input),
  'journal.teachers': (ctx) => listTeachers(ctx),
  'journal.open': (ctx, input) => openJournal(ctx, input),
  'journal.setCell': (ctx, input) => setCell(ctx, input),
  'journal.setCells': (ctx, input) => setCells(ctx, input),
  'journal.setLesson': (ctx, input) => setLesson(ctx, input),
  'journal.attachFile': (ctx, input) => attachFile(ctx, input),
  'journal.removeFile': (ctx, input) => removeFile(ctx, input),
  'journal.getFile': (ctx, input) => getFile(ctx, input),
  'journal.setTermMark': (ctx, input) => setTermMark(ctx, input),
  'journal.history': (ctx, input) => history(ctx, input),
  'journal.termMarkHistory': (ctx, input) => termMarkHistory(ctx, input),
};
