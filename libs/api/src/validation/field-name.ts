type Path = readonly PropertyKey[];

/** `steps[0].url` style name of a path in a request, as the client spelled it. */
export function fieldName(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
