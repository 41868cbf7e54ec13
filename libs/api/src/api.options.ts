export const API_OPTIONS = Symbol('webbyflow:api-options');

/** What the gateway's domain needs from the app's config. */
export interface ApiOptions {
  /** Where clients reach this gateway, without a trailing slash; artifact links start with it. */
  publicBaseUrl: string;
}
