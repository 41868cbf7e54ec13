import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promptFile } from './prompt-files';

describe(promptFile.name, () => {
  it('should read the Markdown file beside the module, trimmed, when a prompt is asked for by name', () => {
    const text = promptFile('completion-check');

    expect(text).toBe(readFileSync(join(__dirname, 'completion-check.md'), 'utf8').trim());
    expect(text).toContain('{"met": true or false, "reason":');
  });
});
