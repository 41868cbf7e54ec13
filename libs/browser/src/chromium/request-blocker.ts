import type { BrowserOptionsV1 } from '@webbyflow/contracts';
import type { BrowserContext, Request, Route } from 'playwright-core';
import { normalizeBlockedHost } from './browser-options.validator';

type BlockRules = Pick<BrowserOptionsV1, 'blockResourceTypes' | 'blockHosts'>;

/**
 * Aborts a task's requests by resource type or host (a host covers its subdomains) and counts them for the
 * logs. Anything it lets through goes on to other route handlers (`fallback`), so it stacks with theirs.
 */
export class RequestBlocker {
  private count = 0;

  private constructor(
    private readonly types: ReadonlySet<string>,
    private readonly hosts: readonly string[],
  ) {}

  /** Routes the context's requests through the rules; undefined (and no routing cost) when there are none. */
  static async install(context: BrowserContext, rules: BlockRules): Promise<RequestBlocker | undefined> {
    const types = new Set<string>(rules.blockResourceTypes ?? []);
    const hosts = (rules.blockHosts ?? []).flatMap((host) => normalizeBlockedHost(host) ?? []);
    if (types.size === 0 && hosts.length === 0) return undefined;
    const blocker = new RequestBlocker(types, hosts);
    await context.route('**/*', (route) => blocker.handle(route));
    return blocker;
  }

  /** Requests aborted so far. */
  get blocked(): number {
    return this.count;
  }

  /** Whether a request for `url` of `resourceType` is blocked; the task's own top-level page never is by type. */
  blocks(url: string, resourceType: string, isMainFrameDocument: boolean): boolean {
    if (this.types.has(resourceType) && !isMainFrameDocument) return true;
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    } catch {
      return false;
    }
    return this.hosts.some((blocked) => host === blocked || host.endsWith(`.${blocked}`));
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    try {
      if (this.blocks(request.url(), request.resourceType(), isMainFrameDocument(request))) {
        this.count++;
        await route.abort('blockedbyclient');
      } else {
        await route.fallback();
      }
    } catch {
      // The page or context closed while the request was held: nothing is waiting for it any more.
    }
  }
}

function isMainFrameDocument(request: Request): boolean {
  if (request.resourceType() !== 'document') return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return false; // a worker's request has no frame
  }
}
