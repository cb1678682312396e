// The monthly check: checks, findings, remarks, deadlines (issue 12).
import { z } from 'zod';
import { method } from './define';

export const checkMethods = {};
void z;
void method;
