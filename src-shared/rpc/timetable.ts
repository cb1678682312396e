// The timetable, bell times, lesson generation, one-off changes and substitutions (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const timetableMethods = {};
