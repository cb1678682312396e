// The school year's calendar: terms per grade, holidays and working days, the week length (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const calendarMethods = {};
