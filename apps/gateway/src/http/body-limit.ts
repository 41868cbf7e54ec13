const KIB = 1024;

/** Default largest request body: a task is a URL, a goal and some data, far below this. */
export const DEFAULT_BODY_LIMIT_BYTES = 512 * KIB;
/**
 * Largest allowed setting. A task body travels to the orchestrator in one NATS message, and the
 * server refuses messages over its max_payload (1 MiB by default): the envelope needs the rest.
 */
export const MAX_BODY_LIMIT_BYTES = 1024 * KIB - 64 * KIB;

/** `524288 bytes (512 KiB)` */
export function formatBytes(bytes: number): string {
  return bytes % KIB === 0 ? `${bytes} bytes (${bytes / KIB} KiB)` : `${bytes} bytes`;
}
