// RPC handler of roster import. Typed against the contract in src-shared/rpc/admin.ts, so it
// fits Handlers['roster.import'] once the admin methods are in the registry.
import type { Ctx } from '../context';
import { importRoster, type RosterImportInput, type RosterImportOutput } from './import';

export const rosterHandlers: { 'roster.import': (ctx: Ctx, input: RosterImportInput) => RosterImportOutput } = {
  'roster.import': (ctx, input) => importRoster(ctx, input),
};
