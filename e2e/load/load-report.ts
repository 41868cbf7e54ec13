import type { Platform } from '../support/platform';

interface Timing {
  span_s: number;
  completed: number;
  completed_span_s: number | null;
  started: number;
  p50_wait_s: number | null;
  p95_wait_s: number | null;
  p95_completed_run_s: number | null;
}

/** Throughput and latency of every task in the platform's database, plus the commonest failure reasons. */
export async function loadReport(platform: Platform): Promise<string[]> {
  const [t] = await platform.sql<Timing>(
    `SELECT extract(epoch FROM max(finished_at) - min(created_at))::float AS span_s,
            count(*) FILTER (WHERE status = 'completed')::int AS completed,
            extract(epoch FROM max(finished_at) FILTER (WHERE status = 'completed') - min(created_at))::float
              AS completed_span_s,
            count(started_at)::int AS started,
            extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY started_at - created_at))::float AS p50_wait_s,
            extract(epoch FROM percentile_cont(0.95) WITHIN GROUP (ORDER BY started_at - created_at))::float AS p95_wait_s,
            extract(epoch FROM percentile_cont(0.95) WITHIN GROUP (ORDER BY finished_at - created_at)
              FILTER (WHERE status = 'completed'))::float AS p95_completed_run_s
       FROM tasks`,
  );
  const reasons = await platform.sql<{ reason: string; n: number }>(
    `SELECT left(regexp_replace(failure_reason, '[0-9a-f-]{36}', '<id>', 'g'), 120) AS reason, count(*)::int AS n
       FROM tasks WHERE failure_reason IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
  );
  const s = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} s`);
  const rate = t.completed_span_s ? (t.completed / t.completed_span_s).toFixed(2) : '-';
  return [
    `  all ended ${s(t.span_s)} after the first was created; ${t.completed} completed at ${rate} tasks/s`,
    `  queue wait (created → started, ${t.started} started) p50 ${s(t.p50_wait_s)}, p95 ${s(t.p95_wait_s)};` +
      ` completed run p95 ${s(t.p95_completed_run_s)}`,
    ...reasons.map((r) => `  ${r.n} × ${r.reason}`),
  ];
}
