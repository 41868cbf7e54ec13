export interface SelectOption {
  value: string;
  label: string;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The option a planner meant by `wanted`: an exact value, then an exact label, then either ignoring
 * case and spacing, then the one label that contains it. Undefined when nothing or several match.
 */
export function matchSelectOption<T extends SelectOption>(options: readonly T[], wanted: string): T | undefined {
  const exact = options.find((o) => o.value === wanted) ?? options.find((o) => o.label === wanted);
  if (exact) return exact;
  const target = norm(wanted);
  if (!target) return undefined;
  const loose = options.find((o) => norm(o.label) === target) ?? options.find((o) => norm(o.value) === target);
  if (loose) return loose;
  const partial = options.filter((o) => norm(o.label).includes(target));
  return partial.length === 1 ? partial[0] : undefined;
}

/** A short list of the labels, for an error message the planner can recover from. */
export function describeOptions(options: readonly SelectOption[], max = 15): string {
  const labels = options.slice(0, max).map((o) => JSON.stringify(o.label || o.value));
  return options.length > max ? `${labels.join(', ')}, … (${options.length} in all)` : labels.join(', ');
}
