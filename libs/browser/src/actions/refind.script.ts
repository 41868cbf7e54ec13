// Runs inside the page (locator.evaluate on the frame's root): self-contained, no imports, no module helpers.

/** What the scrape recorded about an element, to find it again after the page re-rendered it. */
export interface RefindFingerprint {
  role: string;
  name: string;
  tag: string;
  /** Identifying attributes at scrape time (id, name, type, href, placeholder, data-testid, …). */
  attributes: Readonly<Record<string, string>>;
  /** Box at scrape time in the frame's viewport, or null when unknown. */
  rect: { x: number; y: number; width: number; height: number } | null;
}

export interface RefindArgs {
  fingerprint: RefindFingerprint;
  /** Id attribute of the scraper; the match gets `newId` in it. */
  attribute: string;
  /** `Symbol.for` key the scraper leaves on every document it scraped: absent means the page navigated since. */
  scrapeStateKey: string;
  newId: string;
  /** Smallest score a match needs, and how far ahead of the runner-up it must be, to be trusted. */
  minScore: number;
  minLead: number;
}

export type RefindResult = { found: true; score: number } | { found: false; reason: string };

/**
 * A same-role, same-tag element with the same name near the old place scores about 10; one with another
 * name scores 4 or less. Two look-alikes (two "Add to cart" buttons) differ only by distance, under the lead.
 */
export const REFIND_THRESHOLDS = { minScore: 6, minLead: 1.5 } as const;

/**
 * Scores every visible element of the frame (open shadow roots included) against the fingerprint by role,
 * tag, accessible name, attributes and distance from the old box, and tags the best one only when it is
 * a confident, unique match. A wrong element must never be clicked, so ties and weak matches fail.
 */
export function refindElement(_root: Element, args: RefindArgs): RefindResult {
  const fp = args.fingerprint;
  // A look-alike on another page is not the element the planner chose: re-find only in the scraped document.
  if (!(Symbol.for(args.scrapeStateKey) in document))
    return { found: false, reason: 'the frame shows another document since the scrape' };
  const collapse = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  const norm = (s: string | null | undefined): string => collapse(s).toLowerCase();
  const INPUT_ROLES: Record<string, string> = {
    button: 'button',
    submit: 'button',
    reset: 'button',
    image: 'button',
    file: 'button',
    checkbox: 'checkbox',
    radio: 'radio',
    range: 'slider',
    number: 'spinbutton',
    search: 'searchbox',
  };

  const roleOf = (el: Element): string => {
    const explicit = collapse(el.getAttribute('role')).split(' ')[0];
    if (explicit) return explicit;
    if (el instanceof HTMLAnchorElement) return el.hasAttribute('href') ? 'link' : 'generic';
    if (el instanceof HTMLButtonElement || el.tagName === 'SUMMARY') return 'button';
    if (el instanceof HTMLSelectElement) return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (el instanceof HTMLTextAreaElement) return 'textbox';
    if (el instanceof HTMLInputElement)
      return INPUT_ROLES[el.type] ?? (el.hasAttribute('list') ? 'combobox' : 'textbox');
    if (el instanceof HTMLElement && el.isContentEditable) return 'textbox';
    return 'generic';
  };

  const textOf = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || ['INPUT', 'SELECT', 'TEXTAREA', 'SCRIPT', 'STYLE'].includes(node.tagName))
      return '';
    const aria = node.getAttribute('aria-label');
    if (aria) return ` ${aria} `;
    if (node instanceof HTMLImageElement) return ` ${node.alt} `;
    return Array.from((node.shadowRoot ?? node).childNodes, textOf).join(' ');
  };

  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = collapse(el.getAttribute('aria-labelledby'));
    if (labelledBy) {
      const text = labelledBy.split(' ').map((id) => root.getElementById(id)?.textContent ?? '');
      if (collapse(text.join(' '))) return collapse(text.join(' '));
    }
    if (collapse(el.getAttribute('aria-label'))) return collapse(el.getAttribute('aria-label'));
    const labels = 'labels' in el ? (el as HTMLInputElement).labels : null;
    if (labels?.length) return collapse(Array.from(labels, textOf).join(' '));
    if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type)) return collapse(el.value);
    return collapse(el.getAttribute('placeholder')) || collapse(textOf(el)) || collapse(el.getAttribute('title') ?? '');
  };

  const all: Element[] = [];
  const visit = (el: Element): void => {
    all.push(el);
    if (el.shadowRoot) for (const child of Array.from(el.shadowRoot.children)) visit(child);
    for (const child of Array.from(el.children)) visit(child);
  };
  visit(document.documentElement);

  const wantedName = norm(fp.name);
  const score = (el: Element): number => {
    let total = (roleOf(el) === fp.role ? 3 : 0) + (el.tagName.toLowerCase() === fp.tag ? 1 : 0);
    const name = norm(nameOf(el));
    if (wantedName) {
      if (name === wantedName) total += 4;
      else if (name.length >= 3 && wantedName.length >= 3 && (name.includes(wantedName) || wantedName.includes(name)))
        total += 2;
      else total -= 2;
    } else if (!name) total += 1;
    for (const [key, value] of Object.entries(fp.attributes)) {
      const actual = el.getAttribute(key);
      total += actual === value ? 1.5 : actual === null ? -0.5 : -1;
    }
    if (fp.rect) {
      const r = el.getBoundingClientRect();
      const dx = r.x + r.width / 2 - (fp.rect.x + fp.rect.width / 2);
      const dy = r.y + r.height / 2 - (fp.rect.y + fp.rect.height / 2);
      total += 2 * Math.max(0, 1 - Math.hypot(dx, dy) / 400);
    }
    return total;
  };

  const ranked = all
    .filter((el) => el.tagName.toLowerCase() === fp.tag || roleOf(el) === fp.role)
    .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }) && el.getBoundingClientRect().width > 1)
    .map((el) => ({ el, score: score(el) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  const describe = (c: { el: Element; score: number }) =>
    `${roleOf(c.el)} "${collapse(nameOf(c.el)).slice(0, 60)}" (score ${c.score.toFixed(1)})`;
  if (!best) return { found: false, reason: `no visible ${fp.tag} or ${fp.role} is on the page` };
  if (best.score < args.minScore)
    return { found: false, reason: `the closest candidate, ${describe(best)}, is too different` };
  if (second && best.score - second.score < args.minLead)
    return { found: false, reason: `${describe(best)} and ${describe(second)} match equally well` };
  best.el.setAttribute(args.attribute, args.newId);
  return { found: true, score: best.score };
}
