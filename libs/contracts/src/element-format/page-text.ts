/**
 * Between the cells of a table row in the page text (planner protocol v2, "Page text"): a tab, as innerText
 * writes it, so a row stays on one line at one token per cell boundary (` | ` costs two). browser-svc writes
 * it, the heuristic planner reads tables by it.
 */
export const TABLE_CELL_SEPARATOR = '\t';
