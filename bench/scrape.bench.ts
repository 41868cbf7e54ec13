/**
 * How fast is a scrape, how small is the tree a model reads, and what does an idle context cost?
 * Generated catalogue pages of 1k, 5k and 20k DOM elements and the fixture pages are scraped through
 * PageScraper (real Chromium) and compared with Playwright's own `ariaSnapshot()` of the same page.
 * Tokens are o200k_base (gpt-4o) counts of exactly what the planner is sent.
 *
 *   npm run bench -- bench/scrape.bench.ts        (BENCH_RUNS=15 scrapes per page by default)
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  BrowserSessionManager,
  ChromiumLauncher,
  PageScraper,
  resolveBrowserConfig,
  type BrowserSession,
} from '@webbyflow/browser';
import { DEFAULT_ELEMENT_LIST_OPTIONS, formatElementList, type ElementTreeV1 } from '@webbyflow/contracts';
import { CASES_DIR, FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CONTEXTS = 6;
const INTERACTIVE = 'a[href],button,input:not([type=hidden]),select,textarea,[role=button],[role=link]';

/** The whole list: the prompt's 1,000-line safety cap would hide what the 20k page keeps. */
const listOf = (tree: ElementTreeV1) =>
  formatElementList(tree, { ...DEFAULT_ELEMENT_LIST_OPTIONS, maxElements: Infinity });

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const median = (values: number[]) => pct(values, 50);

/** Proportional set size (kB) of every Chromium process started by this Node process. */
function chromiumPssKb(): number {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parents.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, name] of names) {
    if (!/chrom/i.test(name) || !descends(pid)) continue;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += pss ? Number(pss[1]) : 0;
    } catch {
      // gone
    }
  }
  return total;
}

interface PageResult {
  page: string;
  domElements: number;
  interactive: number;
  kept: number;
  scrapeP50: number;
  scrapeP95: number;
  ariaP50: number;
  treeTokens: number;
  listTokens: number;
  htmlTokens: number;
  ariaTokens: number;
}

describe('scrape benchmark', () => {
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;
  // Everything kept (budget and element cap out of the way) to check no interactive element is lost;
  // the default 10k-token budget is measured separately below.
  const config = resolveBrowserConfig({
    extraArgs: [...FIXTURE_CHROMIUM_ARGS],
    maxContexts: CONTEXTS + 2,
    settleTimeoutMs: 1_000,
    scrapeTimeoutMs: 60_000,
    maxElements: 50_000,
    maxTextChars: 200_000,
    treeTokenBudget: 200_000,
  });
  const scraper = new PageScraper(config);

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
    manager = new BrowserSessionManager(launcher, config);
  });
  afterAll(async () => {
    await manager?.closeAll();
    await launcher?.close();
    await server?.close();
  });

  async function measure(name: string, url: string): Promise<PageResult> {
    const session: BrowserSession = await manager.open(`bench-${name}`, url);
    const { page } = session;
    const domElements = await page.evaluate(() => document.body.querySelectorAll('*').length);
    const interactive = await page.evaluate((sel) => document.body.querySelectorAll(sel).length, INTERACTIVE);
    const times: number[] = [];
    let last = await scraper.scrape(session, { screenshot: false }); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      last = await scraper.scrape(session, { screenshot: false });
      times.push(performance.now() - started);
    }
    const ariaTimes: number[] = [];
    let aria = '';
    for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) {
      const started = performance.now();
      aria = await page.locator('body').ariaSnapshot({ timeout: 60_000 });
      ariaTimes.push(performance.now() - started);
    }
    const html = await page.content();
    const result: PageResult = {
      page: name,
      domElements,
      interactive,
      kept: last.tree.elements.length,
      scrapeP50: median(times),
      scrapeP95: pct(times, 95),
      ariaP50: median(ariaTimes),
      treeTokens: countTokens(listOf(last.tree)) + countTokens(last.tree.text),
      listTokens: countTokens(listOf(last.tree)),
      htmlTokens: countTokens(html),
      ariaTokens: countTokens(aria),
    };
    await manager.close(`bench-${name}`);
    return result;
  }

  it('measures scrape time and tree size against the raw HTML and ariaSnapshot()', async () => {
    const results: PageResult[] = [];
    for (const size of [1_000, 5_000, 20_000])
      results.push(await measure(`generated ${size}`, `${server.baseUrl}/generated/${size}`));
    for (const path of ['/contact', '/login', '/wizard/1'])
      results.push(await measure(path, `${server.baseUrl}${path}`));
    const cases = process.env.BENCH_CASES === '0' ? [] : readdirSync(CASES_DIR);
    for (const file of cases.filter((f) => f.endsWith('.html') && !f.includes('frame')))
      results.push(await measure(`cases/${file}`, `${server.baseUrl}/cases/${file}`));

    // the default budget on the 5k page: what a model is actually sent
    const budgeted = new PageScraper(resolveBrowserConfig({ ...config, treeTokenBudget: 10_000 }));
    const session = await manager.open('bench-budget', `${server.baseUrl}/generated/5000`);
    const times: number[] = [];
    let tree = (await budgeted.scrape(session, { screenshot: false })).tree;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      tree = (await budgeted.scrape(session, { screenshot: false })).tree;
      times.push(performance.now() - started);
    }
    await manager.close('bench-budget');

    const num = (n: number, width = 7) => String(Math.round(n)).padStart(width);
    const ratio = (a: number, b: number) => (b === 0 ? '   n/a' : (a / b).toFixed(2).padStart(6));
    const lines = [
      '',
      `scrape benchmark: ${RUNS} scrapes per page (no screenshot), tokens = o200k_base`,
      'tree = element list + page text as the planner gets them; list = the element list alone',
      'page                          DOM  inter.  kept  scrape p50  p95 ms  aria p50 ms  time/aria  tree tok  list tok  html tok  aria tok  tree/aria  list/aria  tree/html',
    ];
    for (const r of results) {
      lines.push(
        [
          r.page.padEnd(26).slice(0, 26),
          num(r.domElements, 6),
          num(r.interactive, 6),
          num(r.kept, 6),
          num(r.scrapeP50, 10),
          num(r.scrapeP95, 7),
          num(r.ariaP50, 11),
          ratio(r.scrapeP50, r.ariaP50).padStart(10),
          num(r.treeTokens, 9),
          num(r.listTokens, 9),
          num(r.htmlTokens, 9),
          num(r.ariaTokens, 9),
          ratio(r.treeTokens, r.ariaTokens).padStart(10),
          ratio(r.listTokens, r.ariaTokens).padStart(10),
          ratio(r.treeTokens, r.htmlTokens).padStart(10),
        ].join(' '),
      );
    }
    lines.push(
      `generated 5000 with the default 10k-token budget: scrape p50 ${num(median(times), 0)} ms, p95 ${num(pct(times, 95), 0)} ms, ` +
        `${tree.elements.length} elements listed, ${tree.budget?.omittedElements ?? 0} left out, ${tree.budget?.tokens ?? 0} tokens`,
    );

    // memory: idle contexts each holding the contact page
    const before = chromiumPssKb();
    for (let i = 0; i < CONTEXTS; i++) {
      const idle = await manager.open(`bench-idle-${i}`, `${server.baseUrl}/contact`);
      // garbage left from loading is not what an idle context holds
      const cdp = await idle.context.newCDPSession(idle.page);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.detach();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // renderers finish starting up
    const after = chromiumPssKb();
    lines.push(
      `memory: ${CONTEXTS} idle contexts on /contact added ${num((after - before) / 1024, 0)} MB PSS, ` +
        `${((after - before) / 1024 / CONTEXTS).toFixed(1)} MB per context (Chromium total ${num(after / 1024, 0)} MB)`,
    );
    lines.push('reproduce: npm run bench -- bench/scrape.bench.ts', '');
    process.stdout.write(lines.join('\n'));

    for (const r of results) if (r.page.startsWith('generated')) expect(r.kept).toBeGreaterThanOrEqual(r.interactive);
  }, 900_000);
});
