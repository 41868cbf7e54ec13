import { z } from 'zod';

const header = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name');

/** A cookie as Playwright's `BrowserContext.addCookies` takes it: `url`, or `domain` with `path`. */
export const CookieV1 = z.object({
  name: z.string().min(1).max(4096),
  value: z.string().max(4096),
  url: z.url({ protocol: /^https?$/ }).optional(),
  domain: z.string().min(1).max(253).optional(),
  path: z.string().max(1024).optional(),
  /** Unix time in seconds; absent or -1 for a session cookie. */
  expires: z.number().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.enum(['Strict', 'Lax', 'None']).optional(),
});
export type CookieV1 = z.infer<typeof CookieV1>;

export const RESOURCE_TYPES = [
  'document',
  'stylesheet',
  'image',
  'media',
  'font',
  'script',
  'texttrack',
  'xhr',
  'fetch',
  'eventsource',
  'websocket',
  'manifest',
  'other',
] as const;

/**
 * Per-task browser settings. Everything is optional: browser-svc fills its configured defaults.
 * Adding an optional field is a compatible change.
 */
export const BrowserOptionsV1 = z
  .object({
    viewport: z.object({ width: z.number().int().min(200).max(7680), height: z.number().int().min(200).max(4320) }),
    /** BCP 47 tag, e.g. `de-DE`: sets navigator.language and Accept-Language. */
    locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en-US'),
    /** IANA zone, e.g. `Europe/Berlin`. */
    timezoneId: z.string().min(1).max(64),
    userAgent: z.string().min(1).max(512),
    proxy: z.object({
      server: z
        .string()
        .regex(/^(https?|socks5?):\/\/[^\s]+$/, 'a proxy URL such as http://proxy:3128 or socks5://h:1080'),
      username: z.string().max(256).optional(),
      password: z.string().max(256).optional(),
      /** Comma-separated hosts that bypass the proxy. */
      bypass: z.string().max(2048).optional(),
    }),
    extraHttpHeaders: z.record(header, z.string().max(8192)),
    /** Cookies put into the context before the first navigation. */
    cookies: z.array(CookieV1).max(500),
    /** A browser profile saved by an earlier task (its `browser_state` artifact): cookies and local storage. */
    profileArtifactId: z.uuid(),
    /** Store cookies and local storage as a `browser_state` artifact when the session closes. */
    saveProfile: z.boolean(),
    /** Requests of these resource types are aborted (e.g. `image`, `font`, `media` to save bandwidth). */
    blockResourceTypes: z.array(z.enum(RESOURCE_TYPES)).max(RESOURCE_TYPES.length),
    /** Requests to these hosts (and their subdomains) are aborted, e.g. `ads.example.com`. */
    blockHosts: z.array(z.string().min(1).max(253)).max(500),
    /** What to do with confirm/prompt/beforeunload dialogs; alerts are always accepted. Default accept. */
    dialogs: z.enum(['accept', 'dismiss']),
    screenshot: z.object({
      type: z.enum(['png', 'jpeg']).optional(),
      quality: z.number().int().min(1).max(100).optional(),
      /** Scroll and capture the whole page, up to browser-svc's height cap. */
      fullPage: z.boolean().optional(),
      /** Draw each element's box and id onto the screenshot (set-of-marks). */
      marks: z.boolean().optional(),
    }),
    /** Token budget of the element tree sent to the planner. */
    treeTokenBudget: z.number().int().min(500).max(200_000),
  })
  .partial()
  .strict();
export type BrowserOptionsV1 = z.infer<typeof BrowserOptionsV1>;
