/** Box of one element id, in the coordinates of the frame it lives in. */
export interface MarkBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Runs in a frame (page.evaluate): the boxes of every element tagged with `attribute` that is at least
 * partly visible. Self-contained on purpose (see scrape.script.ts).
 */
export function collectMarkBoxes(attribute: string): MarkBox[] {
  const boxes: MarkBox[] = [];
  for (const el of Array.from(document.querySelectorAll(`[${attribute}]`))) {
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    boxes.push({
      id: el.getAttribute(attribute) ?? '',
      x: rect.left,
      y: rect.top,
      width: rect.width,
      height: rect.height,
    });
  }
  return boxes;
}

/**
 * Runs in the top frame: draws each box (already in top-frame viewport coordinates) with its id, on a layer
 * that takes no pointer events and sits above everything. `layerId` lets the caller remove it again.
 */
export function drawMarks(args: { layerId: string; boxes: MarkBox[] }): void {
  const palette = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#008080', '#9a6324', '#800000'];
  const layer = document.createElement('div');
  layer.id = args.layerId;
  layer.setAttribute('aria-hidden', 'true');
  const sx = window.scrollX;
  const sy = window.scrollY;
  layer.style.cssText =
    'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483647;pointer-events:none;contain:layout;';
  args.boxes.forEach((box, i) => {
    const color = palette[i % palette.length];
    const frame = document.createElement('div');
    frame.style.cssText =
      `position:absolute;left:${box.x + sx}px;top:${box.y + sy}px;width:${box.width}px;height:${box.height}px;` +
      `border:2px solid ${color};box-sizing:border-box;`;
    const label = document.createElement('span');
    label.textContent = box.id;
    label.style.cssText =
      `position:absolute;left:-2px;top:-16px;background:${color};color:#fff;font:bold 11px/14px monospace;` +
      'padding:0 3px;white-space:nowrap;';
    if (box.y < 16) label.style.top = '0';
    frame.appendChild(label);
    layer.appendChild(frame);
  });
  document.documentElement.appendChild(layer);
}

export function removeMarks(layerId: string): void {
  document.getElementById(layerId)?.remove();
}
