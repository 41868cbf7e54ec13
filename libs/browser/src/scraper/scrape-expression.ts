import { detectCaptcha } from './captcha.script';
import { createNameReader } from './element-name.script';
import { createRoleReader } from './element-role.script';
import { createStateReader } from './element-state.script';
import { createVisibility } from './element-visibility.script';
import { scrapeFrame } from './scrape.script';
import type { ScrapeHooks } from './scrape-hooks.script';
import type { PageKeys, ScrapeScriptArgs } from './scrape.types';

/** Page-side registry of closed shadow roots (closed-shadow-roots.ts fills it). */
export interface ClosedRootRegistry {
  roots: WeakMap<Element, ShadowRoot>;
  /** The hooks' count of closed roots when they were last registered. */
  seen: number;
}

/** What a frame answers when closed shadow roots were attached since they were last registered. */
export interface ClosedRootsPending {
  closedRootsPending: true;
}

// The page-side parts are separate self-contained functions (one file each); the expression wires them
// up inside the frame. Runtime.evaluate runs it, so a page's CSP can't block it.
const KIT = `
  const closedRegistry = document[Symbol.for(args.keys.closedRoots)];
  const hooks = window[Symbol.for(args.keys.hooks)];
  if (args.checkClosedRoots && hooks && hooks.closedRoots > (closedRegistry ? closedRegistry.seen : 0))
    return JSON.stringify({ closedRootsPending: true });
  const shadowOf = (el) => el.shadowRoot ?? closedRegistry?.roots.get(el) ?? null;
  const roles = (${createRoleReader.toString()})();
  const names = (${createNameReader.toString()})(roles, shadowOf);
  const visibility = (${createVisibility.toString()})();
  const states = (${createStateReader.toString()})(roles, names, visibility.isVisible);
  const captcha = () => (${detectCaptcha.toString()})(visibility.isVisible);
  return JSON.stringify((${scrapeFrame.toString()})(args, { roles, names, visibility, states, shadowOf, captcha }));
`;

/**
 * The expression that scrapes one frame, answering JSON (Playwright's own result serialisation costs
 * more than the scrape on a large page). It answers `{closedRootsPending: true}` without touching the
 * document when the page attached closed shadow roots the scrape has not registered yet.
 */
export function scrapeExpression(args: ScrapeScriptArgs): string {
  return `(() => { const args = ${JSON.stringify(args)};${KIT}})()`;
}

/**
 * Tags the live hosts of closed roots the init script saw and the scrape has not registered, so the
 * DevTools pass finds them with one search instead of a dump of the whole DOM; `done` removes the tags
 * and marks the roots registered.
 */
export function tagClosedHosts({ keys, attribute, done }: { keys: PageKeys; attribute: string; done: boolean }): void {
  const hooks = (window as unknown as Record<symbol, ScrapeHooks | undefined>)[Symbol.for(keys.hooks)];
  if (!hooks) return;
  const doc = document as unknown as Record<symbol, ClosedRootRegistry | undefined>;
  const key = Symbol.for(keys.closedRoots);
  let registry = doc[key];
  if (!registry) {
    registry = { roots: new WeakMap(), seen: 0 };
    Object.defineProperty(document, key, { value: registry });
  }
  hooks.closedHosts = hooks.closedHosts.filter((ref) => ref.deref() !== undefined);
  for (const ref of hooks.closedHosts) {
    const host = ref.deref();
    if (!host?.isConnected || host.ownerDocument !== document) continue;
    if (done) host.removeAttribute(attribute);
    else if (!registry.roots.has(host)) host.setAttribute(attribute, '');
  }
  if (done) registry.seen = hooks.closedRoots;
}

/** Runs on a closed shadow root (Runtime.callFunctionOn): files it under its host for the scrape. */
export function registerClosedRoot(this: ShadowRoot, key: string): void {
  const doc = this.host.ownerDocument as unknown as Record<symbol, ClosedRootRegistry | undefined>;
  const symbol = Symbol.for(key);
  let registry = doc[symbol];
  if (!registry) {
    registry = { roots: new WeakMap(), seen: 0 };
    Object.defineProperty(doc, symbol, { value: registry });
  }
  registry.roots.set(this.host, this);
}
