// RPC handlers of the name forms (issue 13).
import type { namesMethods } from '../../../src-shared/rpc/names';
import type { Handlers } from '../../rpc/handlers';
import { nameFormsView, setGender, setNameForm } from './corrections';

export const namesHandlers: Pick<Handlers, keyof typeof namesMethods> = {
  'names.forms': (ctx, input) => nameFormsView(ctx, input),
  'names.setForm': (ctx, input) => setNameForm(ctx, input),
  'names.setGender': (ctx, input) => setGender(ctx, input),
};
