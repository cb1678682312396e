// The lesson plan (КТП): topics per teacher × subject × grade (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const planMethods = {};
