// Term and year marks rules, closing terms and reopening them (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const closingMethods = {};
