// The year rollover wizard: preconditions, decisions, new classes, apply, undo (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const rolloverMethods = {};
