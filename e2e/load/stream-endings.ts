import type { Envelope } from '@webbyflow/contracts';

const ENDING = /^webbyflow\.evt\.task\.(completed|failed|terminated|timed_out|canceled)\.v1$/;

/** Tasks of `ids` with no terminal event among `events` (the stream, read afresh), and those with more than one. */
export function endingsOfTasks(events: readonly Envelope[], ids: ReadonlySet<string>) {
  const endings = new Map<string, number>();
  for (const event of events) {
    if (ids.has(event.correlationId) && ENDING.test(event.subject))
      endings.set(event.correlationId, (endings.get(event.correlationId) ?? 0) + 1);
  }
  return {
    missing: [...ids].filter((id) => !endings.has(id)),
    duplicated: [...endings].filter(([, n]) => n > 1).map(([id]) => id),
  };
}
