// The timetable, bell times, lesson generation, one-off changes and substitutions (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { timetableMethods } from '../../../src-shared/rpc/timetable';

export const timetableHandlers: Pick<Handlers, keyof typeof timetableMethods> = {};
