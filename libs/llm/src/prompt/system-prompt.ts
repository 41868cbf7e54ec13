import { MAX_ACTIONS_PER_ANSWER, PLANNER_PROTOCOL_VERSION } from '@webbyflow/llm';
import { promptFile } from '../prompts/prompt-files';

/**
 * The fixed instructions of planner protocol v2, from prompts/planner-system.md with its two settings filled in;
 * docs/planner-protocol.md quotes and explains them.
 */
export function plannerSystemPrompt(): string {
  return promptFile('planner-system')
    .replaceAll('{{protocol_version}}', PLANNER_PROTOCOL_VERSION)
    .replaceAll('{{max_actions}}', String(MAX_ACTIONS_PER_ANSWER));
}
