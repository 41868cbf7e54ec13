export const ARTIFACTS_CONFIG = Symbol('webbyflow:artifacts-config');
