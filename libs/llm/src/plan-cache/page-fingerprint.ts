import { createHash } from 'node:crypto';
import type { ElementTreeV1 } from '@webbyflow/contracts';

/** Roles whose names are content (a product title, an article link), not the page's structure. */
const CONTENT_ROLES = new Set(['link', 'img', 'row', 'cell', 'listitem', 'option', 'heading']);

/**
 * The page's structure for the action-plan cache: the sorted set of its controls (role and name), leaving
 * out values, ids and content links, so the same form with other data in it, or other records around it,
 * has the same print.
 */
export function pageFingerprint(tree: Pick<ElementTreeV1, 'elements'>): string {
  const controls = new Set(
    tree.elements
      .filter((element) => !CONTENT_ROLES.has(element.role))
      .map((element) => `${element.role}:${element.name.replace(/\s+/g, ' ').trim().toLowerCase()}`),
  );
  return createHash('sha256')
    .update([...controls].sort().join('\n'))
    .digest('hex')
    .slice(0, 32);
}
