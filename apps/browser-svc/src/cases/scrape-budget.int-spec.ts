import { DEFAULT_ELEMENT_LIST_OPTIONS, formatElementList } from '@webbyflow/contracts';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

/** Tokens of what the planner is sent for this tree: the element list and the page text. */
const plannerTokens = (tree: Parameters<typeof formatElementList>[0] & { text: string }) =>
  countTokens(formatElementList(tree, DEFAULT_ELEMENT_LIST_OPTIONS)) + countTokens(tree.text);

describe('scrape budget and screenshots through browser-svc', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start({ BROWSER_MAX_ELEMENTS: '5000' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('should fit a large page into the task budget, say what it left out, and shoot it as the task asked', async () => {
    const taskId = await h.open(`${h.site.baseUrl}/generated/5000`, {
      treeTokenBudget: 3_000,
      screenshot: { type: 'png', fullPage: true, marks: true },
    });

    const { tree, event } = await h.scrape(taskId);

    expect(tree.budget).toMatchObject({ maxTokens: 3_000, omittedElements: expect.any(Number) });
    expect(tree.budget!.omittedElements).toBeGreaterThan(500);
    expect(tree.truncated).toBe(true);
    expect(plannerTokens(tree)).toBeLessThanOrEqual(3_000);
    // the viewport's controls are what is kept: the first products and the filter form
    expect(tree.elements.map((e) => e.name)).toEqual(expect.arrayContaining(['Search', 'Apply', 'Details']));
    expect(event.payload.screenshot.contentType).toBe('image/png');
    const png = h.artifacts.get(event.payload.screenshot.artifactId)!.body;
    // PNG IHDR: width and height as big-endian integers at bytes 16 and 20
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBeGreaterThan(800);
  });

  it('should use a smaller budget when the scrape command asks for one', async () => {
    const taskId = await h.open(`${h.site.baseUrl}/generated/1000`);

    const { tree } = await h.scrape(taskId, { treeTokenBudget: 1_000 });

    expect(tree.budget!.maxTokens).toBe(1_000);
    expect(plannerTokens(tree)).toBeLessThanOrEqual(1_000);
  });
});
