// The school year's calendar: terms per grade, holidays and working days, the week length (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { calendarMethods } from '../../../src-shared/rpc/calendar';

export const calendarHandlers: Pick<Handlers, keyof typeof calendarMethods> = {};
