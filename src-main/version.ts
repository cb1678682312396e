// The app's version, from package.json: the school host and its clients must run the same one.
// The import attribute lets Node's own ESM loader (Playwright's, plain node) read it too.
import pkg from '../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
