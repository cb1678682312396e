// Every capability's handlers, merged; the type makes a missing or extra method a compile error.
import { authHandlers } from '../services/auth/handlers';
import { journalHandlers } from '../services/journal/handlers';
import { schoolHandlers } from '../services/school/handlers';
import type { Handlers } from './handlers';

export const allHandlers = { ...authHandlers, ...schoolHandlers, ...journalHandlers } satisfies Handlers;
