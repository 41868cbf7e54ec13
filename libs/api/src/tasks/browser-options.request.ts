import { BrowserOptionsV1, CookieV1 } from '@webbyflow/contracts';
import { z } from 'zod';

const option = BrowserOptionsV1.shape;
const proxy = option.proxy.unwrap().shape;
const screenshot = option.screenshot.unwrap().shape;
const cookie = CookieV1.shape;

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/** Whether this process's ICU knows the zone; Chromium ships the same IANA data, and browser-svc checks again. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CookieRequest = z
  .strictObject({
    name: cookie.name,
    value: cookie.value,
    url: cookie.url.describe('Page the cookie is for; send url, or domain (with an optional path).'),
    domain: cookie.domain.describe('Cookie domain; a leading dot covers subdomains.'),
    path: cookie.path.describe('Cookie path with domain; default /.'),
    expires: cookie.expires,
    http_only: cookie.httpOnly,
    secure: cookie.secure,
    same_site: cookie.sameSite,
  })
  .superRefine((value, ctx) => {
    if (value.url && (value.domain || value.path))
      ctx.addIssue({ code: 'custom', message: 'must have either url or domain (with an optional path), not both' });
    else if (!value.url && !value.domain) ctx.addIssue({ code: 'custom', message: 'needs a url or a domain' });
  });

/** `browser` on `POST /v1/tasks`: BrowserOptionsV1 with snake_case names, unknown fields rejected. */
export const BrowserOptionsRequest = z
  .strictObject({
    viewport: option.viewport.describe('Window size in CSS pixels; default 1280×800.'),
    locale: option.locale.describe('BCP 47 tag, e.g. de-DE: navigator.language and Accept-Language.'),
    timezone_id: option.timezoneId
      .refine((zone) => zone === undefined || isTimeZone(zone), {
        message: 'must be an IANA time zone such as Europe/Berlin',
      })
      .describe('IANA time zone, e.g. Europe/Berlin.'),
    user_agent: option.userAgent.describe('User-Agent header and navigator.userAgent.'),
    proxy: z
      .strictObject({
        server: proxy.server.refine((server) => !/^[a-z0-9]+:\/\/[^/@]*@/i.test(server), {
          message: 'must not carry credentials; send proxy.username and proxy.password',
        }),
        username: proxy.username,
        password: proxy.password.describe('Never returned or logged.'),
        bypass: proxy.bypass.describe('Comma-separated hosts that bypass the proxy.'),
      })
      .optional()
      .describe('Proxy for all of the run’s traffic, e.g. http://proxy:3128 or socks5://proxy:1080.'),
    extra_http_headers: option.extraHttpHeaders.describe('Headers sent with every request of the run.'),
    cookies: z.array(CookieRequest).max(500).optional().describe('Cookies set before the first page loads.'),
    profile_artifact_id: option.profileArtifactId.describe(
      'A browser profile saved by an earlier task (its browser_state artifact): cookies and local storage.',
    ),
    save_profile: option.saveProfile.describe(
      'Save cookies and local storage as a browser_state artifact when the run ends.',
    ),
    block_resource_types: option.blockResourceTypes.describe(
      'Requests of these types are aborted, e.g. image, font, media (the start page itself never is).',
    ),
    block_hosts: z
      .array(z.string().regex(HOST_NAME, 'must be a host name such as ads.example.com (no scheme, port or wildcard)'))
      .max(500)
      .optional()
      .describe('Requests to these hosts and their subdomains are aborted.'),
    dialogs: option.dialogs.describe('confirm/prompt/beforeunload dialogs: accept (default) or dismiss.'),
    screenshot: z
      .strictObject({
        type: screenshot.type,
        quality: screenshot.quality.describe('JPEG quality, 1–100.'),
        full_page: screenshot.fullPage.describe('Capture the whole page, up to the service’s height cap.'),
        marks: screenshot.marks.describe('Draw each element’s box and id onto the screenshot.'),
      })
      .optional()
      .describe('How the run’s screenshots are taken.'),
    tree_token_budget: option.treeTokenBudget.describe('Token budget of the element tree sent to the planner.'),
  })
  .describe('Per-task browser settings; every field is optional and browser-svc fills its defaults.');
export type BrowserOptionsRequest = z.output<typeof BrowserOptionsRequest>;

/** Drops the keys a client left out, so the spec carries only what was asked for. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The contract's camelCase options from a validated request. */
export function toBrowserOptions(request: BrowserOptionsRequest): BrowserOptionsV1 {
  return defined<BrowserOptionsV1>({
    viewport: request.viewport,
    locale: request.locale,
    timezoneId: request.timezone_id,
    userAgent: request.user_agent,
    proxy: request.proxy && defined(request.proxy),
    extraHttpHeaders: request.extra_http_headers,
    cookies: request.cookies?.map(({ http_only, same_site, ...rest }) =>
      defined({ ...rest, httpOnly: http_only, sameSite: same_site }),
    ),
    profileArtifactId: request.profile_artifact_id,
    saveProfile: request.save_profile,
    blockResourceTypes: request.block_resource_types,
    blockHosts: request.block_hosts,
    dialogs: request.dialogs,
    screenshot:
      request.screenshot &&
      defined({
        type: request.screenshot.type,
        quality: request.screenshot.quality,
        fullPage: request.screenshot.full_page,
        marks: request.screenshot.marks,
      }),
    treeTokenBudget: request.tree_token_budget,
  });
}
