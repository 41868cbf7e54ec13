const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

/** File extension for a content type (parameters ignored); `bin` when unknown. */
export function extensionFor(contentType: string): string {
  const mime = contentType.split(';')[0].trim().toLowerCase();
  return EXTENSIONS[mime] ?? 'bin';
}

/** Segment used in place of a task id for artifacts that belong to no task. */
export const NO_TASK_SEGMENT = 'no-task';

/** `<orgId>/<taskId>/<artifactId>.<ext>`: one prefix per tenant and per run, so both can be listed or purged. */
export function artifactStorageKey(
  orgId: string,
  taskId: string | null,
  artifactId: string,
  contentType: string,
): string {
  return `${orgId}/${taskId ?? NO_TASK_SEGMENT}/${artifactId}.${extensionFor(contentType)}`;
}
