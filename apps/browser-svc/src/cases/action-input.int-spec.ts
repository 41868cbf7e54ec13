import { BrowserSessionManager } from '@webbyflow/browser';
import { ACTION_NOTES_TXT, waitFor } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

/** The org the harness sends its commands as: uploads may only use that org's artifacts. */
const HARNESS_ORG = 'org-harness';

describe('actions: typing, keys and uploads', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterEach(() => h.app.get(BrowserSessionManager).closeAll('case done'));
  afterAll(async () => {
    await h?.stop();
  });

  const value = (taskId: string, selector: string) => h.page(taskId).locator(selector).inputValue();

  it('should append when clear is false and empty a field with Control+A then Backspace', async () => {
    const taskId = await h.open('action-keys.html');
    const { tree } = await h.scrape(taskId);
    const tags = h.element(tree, 'textbox', 'Tags');
    const bio = h.element(tree, 'textbox', 'Bio');
    const display = h.element(tree, 'textbox', 'Display name');

    await h.act(taskId, {
      type: 'input_text',
      elementId: tags.id,
      text: ', logic',
      clear: false,
      pressEnter: false,
      reasoning: '',
    });
    await h.act(taskId, {
      type: 'input_text',
      elementId: bio.id,
      text: ' and more',
      clear: false,
      pressEnter: false,
      reasoning: '',
    });
    expect(
      await h.act(taskId, { type: 'keypress', keys: 'Control+A', elementId: display.id, reasoning: '' }),
    ).toMatchObject({
      success: true,
      outcome: 'done',
    });
    await h.act(taskId, { type: 'keypress', keys: 'Backspace', reasoning: '' });

    expect(await value(taskId, '#tags')).toBe('math, logic');
    expect(await value(taskId, '#bio')).toBe('First line and more');
    expect(await value(taskId, '#display')).toBe('');
  });

  it('should close a modal with Escape pressed on whatever has focus', async () => {
    const taskId = await h.open('action-keys.html');
    const { tree } = await h.scrape(taskId);
    await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Show terms').id, reasoning: '' });
    expect(await h.page(taskId).locator('#state').textContent()).toBe('open');

    expect(await h.act(taskId, { type: 'keypress', keys: 'Escape', reasoning: '' })).toMatchObject({ success: true });
    expect(await h.page(taskId).locator('#state').textContent()).toBe('closed by Escape');
  });

  it('should refuse an unknown key name without touching the page', async () => {
    const taskId = await h.open('action-keys.html');
    const result = await h.act(taskId, { type: 'keypress', keys: 'Ctrl+Shift+Foo', reasoning: '' });

    expect(result).toMatchObject({ success: false, outcome: 'not_done', error: { code: 'INVALID_ACTION' } });
  });

  it('should upload an artifact and a URL file, which the page reads back with FileReader', async () => {
    const taskId = await h.open('action-upload.html');
    const { tree } = await h.scrape(taskId);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7 test '), Buffer.alloc(1000, 7)]);
    const artifact = h.artifacts.put({
      orgId: HARNESS_ORG,
      taskId,
      kind: 'download',
      contentType: 'application/pdf',
      body: pdf,
    });

    const contract = await h.act(taskId, {
      type: 'upload_file',
      elementId: h.element(tree, 'button', 'Contract').id,
      files: [{ artifactId: artifact.artifactId }],
      reasoning: '',
    });
    // The visible label of the hidden multi-file input is the target, as on most styled pages.
    const photos = await h.act(taskId, {
      type: 'upload_file',
      elementId: h.element(tree, 'button', 'Add photos').id,
      files: [
        { url: `${h.site.baseUrl}/action-data/files/notes.txt` },
        { url: `${h.site.baseUrl}/action-data/files/notes.txt`, fileName: 'copy.txt' },
      ],
      reasoning: '',
    });

    expect([contract, photos]).toMatchObject([{ success: true }, { success: true }]);
    const size = Buffer.byteLength(ACTION_NOTES_TXT);
    // FileReader answers asynchronously: wait for its three lines, then compare them.
    const lines = await waitFor(
      async () => {
        const items = await h.page(taskId).locator('#files li').allTextContents();
        return items.length >= 3 && items.sort();
      },
      { what: 'three files read by the page' },
    );
    expect(lines).toEqual([
      `contract: artifact-${artifact.artifactId.slice(0, 8)}.pdf (${pdf.length} bytes, application/pdf) %PDF-1.7 test`,
      `photos: copy.txt (${size} bytes, text/plain) Meeting notes`,
      `photos: notes.txt (${size} bytes, text/plain) Meeting notes`,
    ]);
  });

  it('should fail with UPLOAD_FAILED and leave the input empty when the artifact is not the org’s', async () => {
    const taskId = await h.open('action-upload.html');
    const { tree } = await h.scrape(taskId);
    const foreign = h.artifacts.put({
      orgId: 'org-other',
      taskId,
      kind: 'download',
      contentType: 'text/plain',
      body: Buffer.from('x'),
    });
    const result = await h.act(taskId, {
      type: 'upload_file',
      elementId: h.element(tree, 'button', 'Contract').id,
      files: [{ artifactId: foreign.artifactId }],
      reasoning: '',
    });

    expect(result).toMatchObject({ success: false, outcome: 'not_done', error: { code: 'UPLOAD_FAILED' } });
    expect(
      await h
        .page(taskId)
        .locator('#contract')
        .evaluate((i: HTMLInputElement) => i.files?.length),
    ).toBe(0);
  });
});
