// The administration capability's RPC handlers (roster import lives in services/roster).
import { schoolDate } from '../../../src-shared/dates';
import type { Handlers } from '../../rpc/handlers';
import { createApplication, guardiansOf, listApplications, searchPupils, setApplicationStatus } from './applications';
import { printApplication } from './print';
import { createStaff, listStaff, resetPassword, setClassTeacher, setDisabled, updateStaff } from './staff';
import { accessMatrix, assignLoad, endLoad, listLoad, schoolStructure } from './structure';
import { setUid, uidGrants, uidPeople } from './uid';

type AdminMethods =
  | 'staff.list'
  | 'staff.create'
  | 'staff.update'
  | 'staff.setDisabled'
  | 'staff.resetPassword'
  | 'school.structure'
  | 'load.list'
  | 'load.assign'
  | 'load.end'
  | 'class.setTeacher'
  | 'access.matrix'
  | 'uid.set'
  | 'uid.people'
  | 'uid.grants'
  | 'pupils.search'
  | 'guardians.ofPupil'
  | 'applications.list'
  | 'applications.create'
  | 'applications.setStatus'
  | 'applications.print';

export const adminHandlers: Pick<Handlers, AdminMethods> = {
  'staff.list': (ctx, input) => listStaff(ctx, input),
  'staff.create': (ctx, input) => createStaff(ctx, input),
  'staff.update': (ctx, input) => updateStaff(ctx, input),
  'staff.setDisabled': (ctx, input) => setDisabled(ctx, input),
  'staff.resetPassword': (ctx, input) => resetPassword(ctx, input),
  'school.structure': (ctx) => schoolStructure(ctx, schoolDate(ctx.now())),
  'load.list': (ctx, input) => listLoad(ctx, input, schoolDate(ctx.now())),
  'load.assign': (ctx, input) => assignLoad(ctx, input),
  'load.end': (ctx, input) => endLoad(ctx, input),
  'class.setTeacher': (ctx, input) => setClassTeacher(ctx, input),
  'access.matrix': () => accessMatrix(),
  'uid.set': (ctx, input) => setUid(ctx, input),
  'uid.people': (ctx, input) => uidPeople(ctx, input),
  'uid.grants': (ctx) => uidGrants(ctx, schoolDate(ctx.now())),
  'pupils.search': (ctx, input) => searchPupils(ctx, input),
  'guardians.ofPupil': (ctx, input) => guardiansOf(ctx, input),
  'applications.list': (ctx, input) => listApplications(ctx, input),
  'applications.create': (ctx, input) => createApplication(ctx, input),
  'applications.setStatus': (ctx, input) => setApplicationStatus(ctx, input),
  'applications.print': (ctx, input) => printApplication(ctx, input),
};
