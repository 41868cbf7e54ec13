/**
 * What does one run cost the browser? A one-step run's browser work (open a context on the fixture home page,
 * scrape it with screenshot, HTML and tree, close the context), one at a time and 8 at once, for each Chromium
 * binary: wall time per phase and the CPU time of Chromium's whole process tree per run, by process type.
 *
 *   npm run bench -- bench/browser-run-cost.bench.ts
 *     BENCH_CHROMIUM_PATHS=/usr/bin/chromium,/usr/bin/chromium-headless-shell (the default: those installed)
 *     BENCH_RUNS=48 runs at once (and 20 one at a time)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BrowserSessionManager, ChromiumLauncher, PageScraper, resolveBrowserConfig } from '@webbyflow/browser';
import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';

const PATHS = (process.env.BENCH_CHROMIUM_PATHS ?? '/usr/bin/chromium,/usr/bin/chromium-headless-shell')
  .split(',')
  .filter((path) => existsSync(path));
const RUNS = Number(process.env.BENCH_RUNS ?? 48);
const CONTEXTS = 8;
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

/** CPU seconds (own + reaped children) of every process below this one, by Chromium `--type` (browser when none). */
function chromiumCpu(): Map<string, number> {
  const procs = new Map<number, { parent: number; seconds: number; type: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      procs.set(Number(entry), {
        parent: Number(f[1]),
        seconds: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100,
        type: /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? (/chrom/.test(stat) ? 'browser' : 'other'),
      });
    } catch {
      // the process ended while we looked
    }
  }
  const byType = new Map<string, number>();
  for (const [pid, proc] of procs) {
    for (let p = procs.get(pid)?.parent; p && p > 1; p = procs.get(p)?.parent) {
      if (p !== process.pid) continue;
      // a zygote's reaped children are the renderers that ended
      const type = proc.type === 'zygote' ? 'renderer' : proc.type;
      byType.set(type, (byType.get(type) ?? 0) + proc.seconds);
      break;
    }
  }
  return byType;
}

describe('browser cost of one run', () => {
  let fixtures: FixtureServer;
  const report: string[] = [''];

  beforeAll(async () => {
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    process.stdout.write(`${report.join('\n')}\n`);
    await fixtures?.close();
  });

  it.each(PATHS)(
    'measures open, scrape and close with %s',
    async (executablePath) => {
      const config = resolveBrowserConfig({ executablePath, maxContexts: 64, extraArgs: [...FIXTURE_CHROMIUM_ARGS] });
      const launcher = new ChromiumLauncher(config);
      const sessions = new BrowserSessionManager(launcher, config);
      const scraper = new PageScraper(config);
      const run = async (id: string) => {
        const t0 = performance.now();
        const session = await sessions.open(id, `${fixtures.baseUrl}/?n=${id}`);
        const t1 = performance.now();
        await scraper.scrape(session);
        const t2 = performance.now();
        await sessions.close(id);
        return { open: t1 - t0, scrape: t2 - t1, close: performance.now() - t2 };
      };
      try {
        await run('warm-up');
        for (const [label, runs, atOnce] of [
          ['one at a time', 20, 1],
          [`${CONTEXTS} at once`, RUNS, CONTEXTS],
        ] as const) {
          const before = chromiumCpu();
          const started = performance.now();
          const results: Array<Awaited<ReturnType<typeof run>>> = [];
          let next = 0;
          await Promise.all(
            Array.from({ length: atOnce }, async () => {
              while (next < runs) results.push(await run(`r${next++}`));
            }),
          );
          const seconds = (performance.now() - started) / 1000;
          const after = chromiumCpu();
          const perRun = [...after].map(([type, s]) => [type, ((s - (before.get(type) ?? 0)) / runs) * 1000] as const);
          const cpu = perRun.reduce((sum, [, ms]) => sum + ms, 0);
          const col = (k: keyof (typeof results)[number]) =>
            `${k} p50 ${Math.round(
              pct(
                results.map((r) => r[k]),
                50,
              ),
            )} p95 ${Math.round(
              pct(
                results.map((r) => r[k]),
                95,
              ),
            )} ms`;
          report.push(
            `${executablePath}, ${label}: ${runs} runs in ${seconds.toFixed(1)} s = ${(runs / seconds).toFixed(2)} runs/s; ` +
              `${col('open')}, ${col('scrape')}, ${col('close')}`,
            `  Chromium CPU per run ${Math.round(cpu)} ms: ` +
              perRun
                .filter(([, ms]) => ms >= 1)
                .map(([type, ms]) => `${type} ${Math.round(ms)}`)
                .join(', '),
          );
        }
      } finally {
        await sessions.closeAll();
        sessions.dispose();
        await launcher.close();
      }
    },
    600_000,
  );
});
