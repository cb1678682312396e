// Control-work columns of a lesson and changing the work type of entered marks (issue 11).
import { z } from 'zod';
import { method } from './define';

void z;
void method;

export const columnsMethods = {};
