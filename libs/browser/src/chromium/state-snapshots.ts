import { withDeadline } from '@webbyflow/common';
import type { Page } from 'playwright-core';
import type { BrowserSession } from '../browser-session';
import { BrowserStorageState } from './browser-profile';

/**
 * The state each session is restored from after a loss: cookies, and the local storage of the origins its tabs
 * show, read in those pages; origins no tab shows keep what the last snapshot (or the state the session opened
 * with) had. `context.storageState()` would open a hidden page and load every other origin the context visited
 * to read theirs, on every action.
 */
export class StateSnapshots {
  private readonly last = new WeakMap<BrowserSession, BrowserStorageState>();

  /** What the session opened with (a restored state or a profile). */
  seed(session: BrowserSession, state: BrowserStorageState): void {
    this.last.set(session, state);
  }

  /** Everything, every origin the context visited included (a profile to save, once). */
  async full(session: BrowserSession, timeoutMs: number, signal?: AbortSignal): Promise<BrowserStorageState> {
    const state = await withDeadline('read the storage state', timeoutMs, () => session.context.storageState(), signal);
    return BrowserStorageState.parse(state);
  }

  /** After each action: cookies, and the local storage of the origins the tabs show. */
  async take(session: BrowserSession, timeoutMs: number, signal?: AbortSignal): Promise<BrowserStorageState> {
    const { cookies, shown } = await withDeadline(
      'read the storage state',
      timeoutMs,
      async () => {
        const read = await Promise.all(session.context.pages().map((page) => originStorage(page)));
        const byOrigin = new Map(read.filter((o) => o !== undefined).map((o) => [o.origin, o]));
        return { cookies: await session.context.cookies(), shown: [...byOrigin.values()] };
      },
      signal,
    );
    const fresh = new Set(shown.map((o) => o.origin));
    const kept = (this.last.get(session)?.origins ?? []).filter((o) => !fresh.has(o.origin));
    const state = BrowserStorageState.parse({
      cookies,
      origins: [...kept, ...shown.filter((o) => o.localStorage.length > 0)],
    });
    this.last.set(session, state);
    return state;
  }
}

/** The local storage of the page's origin, read in the page; undefined for an opaque origin or a page in between. */
async function originStorage(page: Page): Promise<BrowserStorageState['origins'][number] | undefined> {
  let origin: string;
  try {
    origin = new URL(page.url()).origin;
  } catch {
    return undefined;
  }
  if (origin === 'null') return undefined;
  const localStorage = await page
    .evaluate(() => {
      const items: { name: string; value: string }[] = [];
      for (let i = 0; i < window.localStorage.length; i++) {
        const name = window.localStorage.key(i);
        if (name !== null) items.push({ name, value: window.localStorage.getItem(name) ?? '' });
      }
      return items;
    })
    .catch(() => undefined);
  return localStorage ? { origin, localStorage } : undefined;
}
