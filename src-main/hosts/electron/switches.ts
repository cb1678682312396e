// Test and demo switches of the Electron host, honoured only in a development run. An
// installed app (app.isPackaged) ignores them all: a frozen clock would stamp legal records
// with a false time, another user-data folder would open another school's database, and
// --demo would put a school with known passwords on a real workstation.
import { resolve } from 'node:path';
import { clockFromEnv } from '../../app';

export interface Switches {
  /** ZHURNAL_USER_DATA: keep tests and `npm start` out of the real profile. */
  userData?: string;
  /** --demo or ZHURNAL_DEMO=1: a new data folder gets the demo school. */
  demo: boolean;
  /** ZHURNAL_NOW: the frozen clock of demos and e2e tests. */
  now?: () => Date;
}

export function readSwitches(isPackaged: boolean, argv: readonly string[], env: NodeJS.ProcessEnv): Switches {
  if (isPackaged) return { demo: false };
  const now = clockFromEnv(env);
  return {
    demo: argv.includes('--demo') || env.ZHURNAL_DEMO === '1',
    ...(env.ZHURNAL_USER_DATA ? { userData: resolve(env.ZHURNAL_USER_DATA) } : {}),
    ...(now ? { now } : {}),
  };
}
