// The app's version, from package.json: the school host and its clients must run the same one.
import { version } from '../package.json';

export const APP_VERSION: string = version;
