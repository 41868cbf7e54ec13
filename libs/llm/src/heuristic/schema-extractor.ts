import { TABLE_CELL_SEPARATOR, type ElementTreeV1 } from '@webbyflow/contracts';
import { similarity } from './text-match';
import { toBoolean } from './value-formatter';

type Schema = Record<string, unknown>;

/** What the page gave for an extraction schema: the data, and the fields it could not find. */
export interface Extraction {
  data: Record<string, unknown>;
  found: string[];
  missing: string[];
  /** Missing fields the schema requires. */
  missingRequired: string[];
}

const LABEL_MATCH = 0.7;
const CELL = TABLE_CELL_SEPARATOR;

/**
 * Reads the top-level properties of an object schema from the page text: `Label: value` lines,
 * a label line followed by its value (definition lists), two-cell table rows, tables whose header names
 * an array's item properties, and the title for `title`/`heading`.
 */
export function extractFromPage(schema: Schema, tree: Pick<ElementTreeV1, 'text' | 'title'>): Extraction {
  const lines = tree.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const data: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const value =
      property.type === 'array' ? readTable(property, lines) : readScalar(name, property, lines, tree.title);
    if (value !== undefined) data[name] = value;
  }
  const missing = Object.keys(properties).filter((name) => !(name in data));
  return { data, found: Object.keys(data), missing, missingRequired: missing.filter((name) => required.has(name)) };
}

/** The value beside the label that names the field best; ties go to the first in reading order. */
function readScalar(name: string, schema: Schema, lines: string[], title: string): unknown {
  let best: { score: number; value: unknown } = { score: 0, value: undefined };
  const consider = (label: string, raw: string | undefined) => {
    const score = similarity(name, label);
    if (score < LABEL_MATCH || score <= best.score || raw === undefined) return;
    const value = coerce(raw.trim(), schema);
    if (value !== undefined) best = { score, value };
  };
  lines.forEach((line, i) => {
    const cells = line.split(CELL);
    const colon = /^([^:]{1,60}):\s*(.+)$/.exec(line);
    if (colon) consider(colon[1], colon[2]);
    else if (cells.length === 2) consider(cells[0], cells[1]);
    else if (lines[i + 1] && !lines[i + 1].endsWith(':')) consider(line.replace(/:$/, ''), lines[i + 1]);
  });
  if (best.value !== undefined) return best.value;
  if (/^(title|heading|page title|headline)$/i.test(name.replace(/[_-]/g, ' ')) && title) return coerce(title, schema);
  return undefined;
}

/** An array of objects from the first table whose header names at least half of the item properties. */
function readTable(schema: Schema, lines: string[]): unknown[] | undefined {
  const items = (schema.items ?? {}) as Schema;
  const itemProps = (items.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(itemProps);
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i].split(CELL);
    if (header.length < 2) continue;
    const columns = keys.map((key) => bestColumn(key, header));
    if (keys.length === 0 || columns.filter((c) => c >= 0).length < Math.max(1, keys.length / 2)) continue;
    const rows: unknown[] = [];
    for (let r = i + 1; r < lines.length; r++) {
      const cells = lines[r].split(CELL);
      if (cells.length !== header.length) break;
      const row: Record<string, unknown> = {};
      keys.forEach((key, k) => {
        const value = columns[k] >= 0 ? coerce(cells[columns[k]].trim(), itemProps[key]) : undefined;
        if (value !== undefined) row[key] = value;
      });
      rows.push(row);
    }
    if (rows.length > 0) return rows;
  }
  return undefined;
}

function bestColumn(key: string, header: string[]): number {
  let best = -1;
  let bestScore = 0.6;
  header.forEach((cell, index) => {
    const score = similarity(key, cell);
    if (score >= bestScore && (score > bestScore || best < 0)) [best, bestScore] = [index, score];
  });
  return best;
}

/** Page text to the schema's type: numbers without currency or grouping, yes/no booleans, enums by name. */
export function coerce(text: string, schema: Schema | undefined): unknown {
  const types = schema?.type === undefined ? ['string'] : [schema.type].flat();
  if (Array.isArray(schema?.enum)) return (schema.enum as unknown[]).find((v) => similarity(String(v), text) >= 0.9);
  if (types.includes('number') || types.includes('integer')) {
    const match = /-?\d[\d,]*(\.\d+)?/.exec(text.replace(/(\d)[\s'](?=\d{3}\b)/g, '$1'));
    const number = match ? Number(match[0].replace(/,/g, '')) : NaN;
    if (Number.isFinite(number) && (!types.includes('integer') || types.includes('number') || Number.isInteger(number)))
      return number;
  }
  if (types.includes('boolean')) {
    const flag = toBoolean(text) ?? (/^not\b/i.test(text) ? false : undefined);
    if (flag !== undefined) return flag;
  }
  if (types.includes('string')) return text;
  return undefined;
}
