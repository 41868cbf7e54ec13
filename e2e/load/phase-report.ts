import type { Envelope } from '@webbyflow/contracts';
import type { Platform } from '../support/platform';

/** The moments of a one-step run, in order: from the database (created, admitted) and the event stream. */
const MOMENTS = [
  ['created', null],
  ['admitted', null],
  ['session open', 'webbyflow.evt.browser.session_opened.v1'],
  ['step started', 'webbyflow.evt.task.step_started.v1'],
  ['scraped', 'webbyflow.evt.browser.page_scraped.v1'],
  ['planned', 'webbyflow.evt.llm.plan_generated.v1'],
  ['completed', 'webbyflow.evt.task.completed.v1'],
  ['session closed', 'webbyflow.evt.browser.session_closed.v1'],
] as const;

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

/**
 * Where a task's time goes: p50/p95 of each phase between two consecutive moments over the tasks `ids`
 * (first occurrence of each event; one host, one clock). Phases missing for a task are left out.
 */
export async function phaseReport(platform: Platform, events: Envelope[], ids: ReadonlySet<string>): Promise<string[]> {
  const at = new Map<string, Map<string, number>>();
  const rows = await platform.sql<{ id: string; created: Date; admitted: Date | null }>(
    `SELECT id, created_at AS created, admitted_at AS admitted FROM tasks WHERE id = ANY($1)`,
    [[...ids]],
  );
  for (const row of rows) {
    const moments = new Map([['created', row.created.getTime()]]);
    if (row.admitted) moments.set('admitted', row.admitted.getTime());
    at.set(row.id, moments);
  }
  const names = new Map(MOMENTS.flatMap(([name, subject]) => (subject ? [[subject as string, name]] : [])));
  for (const event of events) {
    const name = names.get(event.subject);
    const moments = at.get(event.correlationId);
    if (name && moments && !moments.has(name)) moments.set(name, Date.parse(event.occurredAt));
  }
  const lines = [`  phase (per task, ms)                p50      p95      max`];
  for (let i = 1; i < MOMENTS.length; i += 1) {
    const [from, to] = [MOMENTS[i - 1][0], MOMENTS[i][0]];
    const spans = [...at.values()].flatMap((m) => {
      const [a, b] = [m.get(from), m.get(to)];
      return a === undefined || b === undefined ? [] : [b - a];
    });
    const cell = (v: number) => String(Math.round(v)).padStart(8);
    lines.push(
      `  ${`${from} → ${to}`.padEnd(32)} ${cell(pct(spans, 50))} ${cell(pct(spans, 95))} ${cell(Math.max(...spans))}`,
    );
  }
  return lines;
}
