/** Paths of the public API; their errors take the `{error: {code, message}}` form (health and docs keep Nest's). */
export const API_PATH = /^\/v\d+(\/|$)/;

export const isApiPath = (path: string): boolean => API_PATH.test(path);
