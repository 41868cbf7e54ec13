import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ACTIONS_PER_ANSWER, PLANNER_PROTOCOL_VERSION } from '@webbyflow/llm';
import { plannerSystemPrompt } from './system-prompt';

// The protocol is documented and stable: the doc quotes the exact system prompt the code sends.
const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'planner-protocol.md');

describe(plannerSystemPrompt.name, () => {
  it('should match the system prompt quoted in docs/planner-protocol.md', () => {
    const doc = readFileSync(DOC, 'utf8');
    const quoted = /<!-- system-prompt:start -->\n```text\n([\s\S]*?)\n```\n<!-- system-prompt:end -->/.exec(doc)?.[1];

    expect(quoted).toBe(plannerSystemPrompt());
  });

  it('should fill in every placeholder of the prompt file', () => {
    const prompt = plannerSystemPrompt();

    expect(prompt).not.toMatch(/\{\{(?!payload\.)[a-z_]+\}\}/);
    expect(prompt).toContain(`You speak ${PLANNER_PROTOCOL_VERSION}.`);
    expect(prompt).toContain(`[<1 to ${MAX_ACTIONS_PER_ANSWER} actions>]`);
  });
});
