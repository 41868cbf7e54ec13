import type { TabV1 } from '@webbyflow/contracts';
import { withDeadline } from '@webbyflow/common';
import type { BrowserContext, Page } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';

/** One page of a session's context under its short id (`t0`, `t1`, …). */
export interface Tab {
  readonly id: string;
  readonly page: Page;
}

export interface TabRegistryEvents {
  /** A page joined the context: the first one, a new_tab, a popup or a target=_blank link. */
  opened(tab: Tab): void;
  /** No usable tab is left (the last one closed or crashed). */
  allGone(reason: string): void;
}

/** A title must not hold up a scrape: a page busy navigating answers after this or reports ''. */
const TITLE_TIMEOUT_MS = 1_000;

/**
 * The tabs of one context, with ids in the order they were first seen, and which one is active. A page
 * the context opens becomes active; when the active tab closes or crashes, the one active before it
 * takes over, so "close the popup" lands back where the run came from.
 */
export class TabRegistry {
  /** Insertion order is first-seen order. */
  private readonly tabs = new Map<string, Tab>();
  private readonly known = new WeakSet<Page>();
  /** Ids of open tabs, most recently active last. */
  private recent: string[] = [];
  private current: Tab;
  private counter = 0;

  constructor(
    context: BrowserContext,
    first: Page,
    private readonly events: TabRegistryEvents,
  ) {
    this.current = this.add(first);
    context.on('page', (page) => this.adopt(page));
  }

  /** The active tab; after every tab went away, the last one active (the session is lost by then). */
  get active(): Tab {
    return this.current;
  }

  get size(): number {
    return this.tabs.size;
  }

  get ids(): string[] {
    return [...this.tabs.keys()];
  }

  /** The open tab with this id; INVALID_ACTION naming the open ones otherwise. */
  get(tabId: string): Tab {
    const tab = this.tabs.get(tabId);
    if (!tab) {
      throw new BrowserException(
        BrowserExceptionCode.INVALID_ACTION,
        `No tab ${tabId}; open tabs are ${this.ids.join(', ')}`,
      );
    }
    return tab;
  }

  activate(tabId: string): Tab {
    const tab = this.get(tabId);
    this.current = tab;
    this.recent = [...this.recent.filter((id) => id !== tabId), tabId];
    return tab;
  }

  /** Registers a page (once) and makes it active; for pages the context reports and those new_tab opens. */
  adopt(page: Page): Tab {
    if (this.known.has(page)) return this.activate(this.idOf(page));
    const tab = this.add(page);
    this.activate(tab.id);
    return tab;
  }

  /** Forgets a tab whose page was closed; safe to call twice (the page's own close event does it too). */
  forget(tab: Tab, reason = 'was closed'): void {
    if (!this.tabs.delete(tab.id)) return;
    this.recent = this.recent.filter((id) => id !== tab.id);
    const previous = this.recent.at(-1);
    if (previous === undefined) {
      this.events.allGone(`tab ${tab.id} ${reason} and no other tab is open`);
      return;
    }
    if (this.current === tab) this.activate(previous);
  }

  /** The open tabs in first-seen order, for the scrape. */
  async describe(): Promise<TabV1[]> {
    return Promise.all(
      [...this.tabs.values()].map(async (tab) => ({
        id: tab.id,
        url: tab.page.url(),
        title: await withDeadline('read tab title', TITLE_TIMEOUT_MS, () => tab.page.title()).catch(() => ''),
        active: tab === this.current,
      })),
    );
  }

  private add(page: Page): Tab {
    const tab: Tab = { id: `t${this.counter++}`, page };
    this.known.add(page);
    this.tabs.set(tab.id, tab);
    this.recent.push(tab.id);
    page.once('close', () => this.forget(tab));
    page.once('crash', () => {
      this.forget(tab, 'crashed');
      // a crashed renderer never recovers; closing frees it
      page.close().catch(() => undefined);
    });
    this.events.opened(tab);
    return tab;
  }

  private idOf(page: Page): string {
    for (const tab of this.tabs.values()) if (tab.page === page) return tab.id;
    throw new BrowserException(BrowserExceptionCode.INVALID_ACTION, 'That tab was already closed');
  }
}
