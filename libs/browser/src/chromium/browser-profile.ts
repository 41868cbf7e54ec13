import { z } from 'zod';

/**
 * A saved browser profile: Playwright's storage state (cookies and local storage per origin), as
 * `BrowserContext.storageState()` returns it and `newContext({ storageState })` takes it. It is stored as
 * a `browser_state` artifact, so it is checked again when it comes back.
 */
export const BrowserStorageState = z.object({
  cookies: z.array(
    z.object({
      name: z.string(),
      value: z.string(),
      domain: z.string(),
      path: z.string(),
      expires: z.number(),
      httpOnly: z.boolean(),
      secure: z.boolean(),
      sameSite: z.enum(['Strict', 'Lax', 'None']),
    }),
  ),
  origins: z.array(
    z.object({
      origin: z.string(),
      localStorage: z.array(z.object({ name: z.string(), value: z.string() })),
    }),
  ),
});
export type BrowserStorageState = z.infer<typeof BrowserStorageState>;

/**
 * Fetches the saved profile `profileId` (BrowserOptionsV1.profileArtifactId). browser-svc backs it with
 * artifact-svc, so this lib needs no artifact client. Throw a terminal INVALID_BROWSER_OPTIONS when the
 * profile does not exist or is not one; anything else is retried with the open.
 */
export type BrowserProfileLoader = (profileId: string, signal: AbortSignal) => Promise<BrowserStorageState>;
