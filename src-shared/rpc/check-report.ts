// The check's report «Справка по итогам проверки…» and per-teacher lists, PDF and XLSX (issue 12).
import { z } from 'zod';
import { method } from './define';

export const checkReportMethods = {};
void z;
void method;
