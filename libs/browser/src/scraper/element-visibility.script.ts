// Runs inside the page as part of the scrape expression (scrape-expression.ts): self-contained, no imports,
// no module-level helpers.

export type Visibility = ReturnType<typeof createVisibility>;

/**
 * Whether a person can see and reach an element. Visible: rendered (checkVisibility), bigger than a
 * screen-reader-only clip, not aria-hidden or inert. Usable: inside the viewport, the topmost element
 * at its centre (or at one of two more points) is the element itself, something inside it, an ancestor
 * (a shadow host, a wrapper that takes the click) or its label. Outside the viewport a hit test can't
 * decide, so an element there counts as usable unless a modal (a modal <dialog>, an aria-modal element,
 * or a fixed layer hit at all four corners of the viewport) covers the page and it is not inside it.
 */
export function createVisibility() {
  const viewportWidth = document.documentElement.clientWidth || innerWidth;
  const viewportHeight = document.documentElement.clientHeight || innerHeight;

  /** The parent across shadow boundaries (a shadow root's host). */
  const composedParent = (node: Node): Node | null =>
    node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;

  const composedContains = (outer: Node, inner: Node): boolean => {
    for (let node: Node | null = inner; node; node = composedParent(node)) if (node === outer) return true;
    return false;
  };

  /** The box of a visible element, or null. */
  const visibleRect = (el: Element): DOMRect | null => {
    if (!el.checkVisibility({ checkVisibilityCSS: true })) return null;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return null; // zero-size, or a screen-reader-only clip
    return el.closest('[aria-hidden="true"], [inert]') === null ? rect : null;
  };

  const isVisible = (el: Element): boolean => visibleRect(el) !== null;

  const reaches = (el: Element, hit: Element | null): boolean => {
    if (!hit || hit === el || el.contains(hit) || composedContains(hit, el)) return true;
    const labels = (el as HTMLInputElement).labels;
    if (labels) for (const label of Array.from(labels)) if (label.contains(hit)) return true;
    return false;
  };

  // The outermost fixed-position element holding `el`: the layer a modal or banner lives in.
  const fixedLayerOf = (el: Element | null): Element | null => {
    let layer: Element | null = null;
    for (let node: Node | null = el; node instanceof Element; node = composedParent(node))
      if (getComputedStyle(node).position === 'fixed') layer = node;
    return layer;
  };

  let modal: { roots: Element[] } | null | undefined;
  const modalRoots = (): Element[] | null => {
    if (modal !== undefined) return modal?.roots ?? null;
    modal = null;
    const dialog = document.querySelector('dialog:modal');
    const ariaModal = Array.from(document.querySelectorAll('[aria-modal="true"]')).find(isVisible);
    if (dialog ?? ariaModal) {
      modal = { roots: [(dialog ?? ariaModal) as Element] };
      return modal.roots;
    }
    const inset = 4;
    const corners: [number, number][] = [
      [inset, inset],
      [viewportWidth - inset, inset],
      [inset, viewportHeight - inset],
      [viewportWidth - inset, viewportHeight - inset],
    ];
    const layers = corners.map(([x, y]) => fixedLayerOf(document.elementFromPoint(x, y)));
    if (layers[0] && layers.every((layer) => layer === layers[0])) {
      const centre = fixedLayerOf(document.elementFromPoint(viewportWidth / 2, viewportHeight / 2));
      modal = { roots: centre && centre !== layers[0] ? [layers[0], centre] : [layers[0]] };
    }
    return modal?.roots ?? null;
  };

  const insideModal = (el: Element): boolean => {
    const roots = modalRoots();
    return !roots || roots.some((root) => composedContains(root, el));
  };

  /** Whether a person can reach the visible element whose box is `rect`. */
  const isUsable = (el: Element, rect: DOMRect): boolean => {
    // A modal <dialog> makes the rest of the page inert, on screen or not.
    const dialog = modalRoots()?.[0];
    if (dialog instanceof HTMLDialogElement && !composedContains(dialog, el)) return false;
    const left = Math.max(rect.left, 0);
    const right = Math.min(rect.right, viewportWidth);
    const top = Math.max(rect.top, 0);
    const bottom = Math.min(rect.bottom, viewportHeight);
    if (right - left < 1 || bottom - top < 1) return insideModal(el);
    const root = el.getRootNode() as Document | ShadowRoot;
    const at = (fx: number, fy: number): boolean =>
      reaches(el, root.elementFromPoint(left + (right - left) * fx, top + (bottom - top) * fy));
    return at(0.5, 0.5) || at(0.25, 0.25) || at(0.75, 0.75);
  };

  /** Pixels from the box to the viewport, 0 when they overlap. */
  const distance = (rect: DOMRect): number =>
    Math.max(0, -rect.bottom, rect.top - viewportHeight) + Math.max(0, -rect.right, rect.left - viewportWidth);

  return { visibleRect, isVisible, isUsable, distance, composedContains };
}
