/** Attribute that tags each listed element with its id, so its locator is `[data-wf-id="e3"]`. */
export const ELEMENT_ID_ATTRIBUTE = 'data-wf-id';

export interface ScrapeScriptArgs {
  attribute: string;
  /** Prefix of the ids in this frame (`e` in the main frame), so ids stay unique across frames. */
  idPrefix: string;
  maxElements: number;
}

export interface RawOption {
  value: string;
  label: string;
  selected: boolean;
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
  disabled?: boolean;
  required?: boolean;
  expanded?: boolean;
  href?: string;
  text?: string;
}

export interface RawScrape {
  url: string;
  title: string;
  elements: RawElement[];
  /** More candidates than `maxElements` were found. */
  elementsTruncated: boolean;
  /** `innerText` of the body, screen-reader-only text left out; not yet normalised. */
  text: string;
}
