/** Attribute that tags each listed element with its id, so its locator is `[data-wf-id="e3"]`. */
export const ELEMENT_ID_ATTRIBUTE = 'data-wf-id';

/** Attribute that marks the visible iframes of one scrape, so each Playwright Frame finds its place. */
export const FRAME_SLOT_ATTRIBUTE = 'data-wf-frame';

/** `Symbol.for` keys of what the scrape keeps in a page (non-enumerable, so page scripts don't trip on it). */
export const PAGE_KEYS = {
  /** Per-document ids: element → id, id → element, the next number, how often the document was scraped. */
  state: 'webbyflow.scrape',
  /** Per-document closed shadow roots by host, registered through the DevTools protocol. */
  closedRoots: 'webbyflow.closedShadowRoots',
  /** Per-window counters of the init script (scrape-hooks.script.ts). */
  hooks: 'webbyflow.hooks',
} as const;

export type PageKeys = typeof PAGE_KEYS;

export type CaptchaKind = 'recaptcha' | 'hcaptcha' | 'turnstile' | 'generic';

export interface ScrapeScriptArgs {
  keys: PageKeys;
  attribute: string;
  frameAttribute: string;
  /** Prefix of the ids in this frame (`e` in a top frame, `f2e` in frame 2), so ids stay unique across frames. */
  idPrefix: string;
  maxElements: number;
  /** Answer `closedRootsPending` instead of scraping when closed shadow roots await registration. */
  checkClosedRoots: boolean;
}

export interface RawOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface RawRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One element as the page reports it; the builder trims it into an ElementV1. */
export interface RawElement {
  id: string;
  role: string;
  name: string;
  tag: string;
  type?: string;
  value?: string;
  placeholder?: string;
  options?: RawOption[];
  checked?: boolean;
  selected?: boolean;
  disabled?: boolean;
  readonly?: boolean;
  required?: boolean;
  invalid?: boolean;
  expanded?: boolean;
  href?: string;
  text?: string;
  /** Its id was handed out in this scrape of a document scraped before: it appeared since. */
  new?: boolean;
  /** Pixels between the element's box and its frame's viewport (0 inside); nearer ones are kept first. */
  distance: number;
  /** Inside a closed shadow root: CSS selectors can't reach it. */
  inClosedShadow?: boolean;
  /** Identifying attributes (id, name, type, href, …) for the fingerprint; not sent onward. */
  attributes: Record<string, string>;
  /** Box in the frame's viewport at scrape time; not sent onward. */
  rect: RawRect;
}

/** A visible iframe of a frame: its slot key, and how many of the frame's elements come before it. */
export interface RawFrameSlot {
  slot: string;
  index: number;
}

/** What the script reports for one frame. */
export interface RawFrameScrape {
  url: string;
  title: string;
  elements: RawElement[];
  /** More candidates than `maxElements` were found. */
  elementsTruncated: boolean;
  /** `innerText` of the body, screen-reader-only text left out; not yet normalised. */
  text: string;
  frames: RawFrameSlot[];
  captcha?: CaptchaKind;
}

/** Every frame's scrape merged in document order: child frames' elements sit where their iframe does. */
export interface RawScrape {
  url: string;
  title: string;
  elements: RawElement[];
  elementsTruncated: boolean;
  text: string;
  captcha?: CaptchaKind;
}
