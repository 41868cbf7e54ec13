/** Token of the browser domain's settings, derived from the app config. */
export const BROWSER_CONFIG = Symbol('browser-svc:browser-config');
