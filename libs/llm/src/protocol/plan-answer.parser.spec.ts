import { ActionV1, type ElementTreeV1 } from '@webbyflow/contracts';
import { PlanAnswerParser, type PlanParseResult } from './plan-answer.parser';

const tree: ElementTreeV1 = {
  url: 'https://example.com/contact',
  title: 'Contact',
  text: '',
  truncated: false,
  elements: [
    { id: 'e1', role: 'textbox', name: 'Email', tag: 'input', type: 'email', value: '' },
    {
      id: 'e2',
      role: 'combobox',
      name: 'Topic',
      tag: 'select',
      options: [
        { value: 'sales', label: 'Sales' },
        { value: 'support', label: 'Support' },
      ],
    },
    { id: 'e3', role: 'checkbox', name: 'Subscribe', tag: 'input', checked: false },
    { id: 'e4', role: 'button', name: 'Send', tag: 'button' },
  ],
};

const answer = (...actions: unknown[]) => JSON.stringify({ reasoning: 'plan', actions });

describe(PlanAnswerParser.name, () => {
  const parser = new PlanAnswerParser();
  const parse = (text: string, extractionSchema: Record<string, unknown> | null = null) =>
    parser.parse(text, { tree, extractionSchema });
  const problemsOf = (result: PlanParseResult) => (result.ok ? [] : result.problems);

  it('should map every action type to its ActionV1 when the answer is valid', () => {
    const result = parse(
      answer(
        {
          action: 'input_text',
          element_id: 'e1',
          value: 'ada@example.com',
          press_enter: true,
          reasoning: 'type email',
        },
        { action: 'select_option', element_id: 'e2', value: 'Sales' },
        { action: 'checkbox', element_id: 'e3', value: true },
        { action: 'scroll', value: 'down' },
        { action: 'scroll', value: 'up', element_id: 'e2' },
        { action: 'wait', value: 500 },
        { action: 'goto_url', value: 'https://example.com/next' },
        { action: 'click', element_id: 'e4' },
        { action: 'complete', extracted_data: { ok: true } },
      ),
    );

    expect(result).toEqual({
      ok: true,
      reasoning: 'plan',
      actions: [
        { type: 'input_text', elementId: 'e1', text: 'ada@example.com', pressEnter: true, reasoning: 'type email' },
        { type: 'select_option', elementId: 'e2', option: 'Sales', reasoning: '' },
        { type: 'checkbox', elementId: 'e3', checked: true, reasoning: '' },
        { type: 'scroll', direction: 'down', reasoning: '' },
        { type: 'scroll', direction: 'up', elementId: 'e2', reasoning: '' },
        { type: 'wait', ms: 500, reasoning: '' },
        { type: 'goto_url', url: 'https://example.com/next', reasoning: '' },
        { type: 'click', elementId: 'e4', reasoning: '' },
        { type: 'complete', data: { ok: true }, reasoning: '' },
      ],
    });
    if (result.ok) for (const action of result.actions) expect(ActionV1.parse(action)).toEqual(action);
  });

  it('should map the element, keyboard, tab and wait actions to their ActionV1 when the answer is valid', () => {
    const artifactId = '0b7c2f4e-8f0a-4c55-9d5e-2a1f3b4c5d6e';
    const result = parse(
      answer(
        { action: 'click', element_id: 'e4', mode: 'double' },
        { action: 'click', element_id: 'e4', mode: 'right' },
        { action: 'input_text', element_id: 'e1', value: '-2', clear: 'false' },
        { action: 'hover', element_id: 'e4' },
        { action: 'keypress', value: 'Control+A', element_id: 'e1' },
        { action: 'keypress', value: 'Escape' },
        { action: 'drag_and_drop', element_id: 'e3', target_element_id: 'e4' },
        {
          action: 'upload_file',
          element_id: 'e1',
          files: [{ artifact_id: artifactId }, { url: 'https://example.com/cv.pdf', file_name: 'cv.pdf' }],
        },
        { action: 'scroll', value: 'bottom' },
        { action: 'wait', value: 5000, text: 'Saved' },
        { action: 'wait', value: 3000, element_id: 'e4' },
        { action: 'wait', value: 2000, settle: true },
        { action: 'go_back' },
        { action: 'reload' },
        { action: 'new_tab', value: 'https://example.com/help' },
        { action: 'switch_tab', value: 't1' },
        { action: 'close_tab' },
      ),
    );

    expect(result).toEqual({
      ok: true,
      reasoning: 'plan',
      actions: [
        { type: 'click', elementId: 'e4', mode: 'double', reasoning: '' },
        { type: 'click', elementId: 'e4', mode: 'right', reasoning: '' },
        { type: 'input_text', elementId: 'e1', text: '-2', clear: false, pressEnter: false, reasoning: '' },
        { type: 'hover', elementId: 'e4', reasoning: '' },
        { type: 'keypress', keys: 'Control+A', elementId: 'e1', reasoning: '' },
        { type: 'keypress', keys: 'Escape', reasoning: '' },
        { type: 'drag_and_drop', elementId: 'e3', targetElementId: 'e4', reasoning: '' },
        {
          type: 'upload_file',
          elementId: 'e1',
          files: [{ artifactId }, { url: 'https://example.com/cv.pdf', fileName: 'cv.pdf' }],
          reasoning: '',
        },
        { type: 'scroll', direction: 'bottom', reasoning: '' },
        { type: 'wait', ms: 5000, text: 'Saved', reasoning: '' },
        { type: 'wait', ms: 3000, elementId: 'e4', reasoning: '' },
        { type: 'wait', ms: 2000, settle: true, reasoning: '' },
        { type: 'go_back', reasoning: '' },
        { type: 'reload', reasoning: '' },
        { type: 'new_tab', url: 'https://example.com/help', reasoning: '' },
        { type: 'switch_tab', tabId: 't1', reasoning: '' },
        { type: 'close_tab', reasoning: '' },
      ],
    });
    if (result.ok) for (const action of result.actions) expect(ActionV1.parse(action)).toStrictEqual(action);
  });

  it('should reject a drag target that is not in the element tree', () => {
    const problems = problemsOf(parse(answer({ action: 'drag_and_drop', element_id: 'e3', target_element_id: 'e77' })));

    expect(problems).toEqual([
      'actions[0].target_element_id: unknown element id "e77" (use an id from the element list)',
    ]);
  });

  it('should reject a tab id that the tree does not list when the tree lists tabs', () => {
    const tabs = [{ id: 't0', url: tree.url, title: 'Contact', active: true }];
    const result = parser.parse(answer({ action: 'switch_tab', value: 't3' }), {
      tree: { ...tree, tabs },
      extractionSchema: null,
    });

    expect(problemsOf(result)).toEqual(['actions[0].value: unknown tab id "t3" (use an id from the tab list)']);
  });

  it('should reject an upload source that is neither an artifact id nor an http URL', () => {
    const problems = problemsOf(
      parse(answer({ action: 'upload_file', element_id: 'e1', files: [{ url: 'file:///etc/passwd' }] })),
    );

    expect(problems).toEqual([expect.stringMatching(/^actions\[0\]\.files\[0\]/)]);
  });

  it('should map terminate with its value as the reason when the goal cannot be met', () => {
    const result = parse(
      answer({ action: 'terminate', value: 'no account data in the payload', reasoning: 'login needed' }),
    );

    expect(result).toMatchObject({
      ok: true,
      actions: [{ type: 'terminate', reason: 'no account data in the payload', reasoning: 'login needed' }],
    });
  });

  it('should use the reasoning as the reason when terminate has no value', () => {
    const result = parse(answer({ action: 'terminate', reasoning: 'the site is down' }));

    expect(result).toMatchObject({ ok: true, actions: [{ type: 'terminate', reason: 'the site is down' }] });
  });

  it('should accept the answer when it is wrapped in ```json fences', () => {
    const result = parse('```json\n' + answer({ action: 'click', element_id: 'e4' }) + '\n```');

    expect(result).toMatchObject({ ok: true, actions: [{ type: 'click', elementId: 'e4' }] });
  });

  it('should stringify a number and read "true" when the model writes loose types', () => {
    const result = parse(
      answer(
        { action: 'input_text', element_id: 'e1', value: 12345 },
        { action: 'checkbox', element_id: 'e3', value: 'true' },
      ),
    );

    expect(result).toMatchObject({ ok: true, actions: [{ text: '12345', pressEnter: false }, { checked: true }] });
  });

  it('should reject the answer when prose surrounds the JSON', () => {
    const problems = problemsOf(parse('Sure! Here is the plan: ' + answer({ action: 'click', element_id: 'e4' })));

    expect(problems).toEqual([expect.stringMatching(/^\(root\): not valid JSON .*reply with one JSON object/)]);
  });

  it('should reject the answer when it is empty', () => {
    expect(problemsOf(parse('  '))).toEqual([expect.stringContaining('the answer is empty')]);
  });

  it('should name the path when a required field is missing', () => {
    const problems = problemsOf(
      parse(answer({ action: 'click', element_id: 'e4' }, { action: 'input_text', value: 'x' })),
    );

    expect(problems).toEqual(['actions[1].element_id: Invalid input: expected string, received undefined']);
  });

  it('should list the known actions when the action is unknown', () => {
    const problems = problemsOf(parse(answer({ action: 'solve_captcha', element_id: 'e4' })));

    expect(problems).toEqual([expect.stringMatching(/^actions\[0\]\.action: .*'click'.*'terminate'/)]);
  });

  it('should reject the answer when actions is empty', () => {
    expect(problemsOf(parse(JSON.stringify({ reasoning: 'x', actions: [] })))).toEqual([
      expect.stringMatching(/^actions: Too small/),
    ]);
  });

  it('should reject the answer when an element id is not in the element tree', () => {
    const problems = problemsOf(parse(answer({ action: 'click', element_id: 'e99' })));

    expect(problems).toEqual(['actions[0].element_id: unknown element id "e99" (use an id from the element list)']);
  });

  it('should reject the answer when complete is not the last action', () => {
    const problems = problemsOf(parse(answer({ action: 'complete' }, { action: 'click', element_id: 'e4' })));

    expect(problems).toEqual(['actions[0].action: "complete" must be the last action']);
  });

  it('should reject a select_option value that is neither an option value nor a label', () => {
    const problems = problemsOf(parse(answer({ action: 'select_option', element_id: 'e2', value: 'Billing' })));

    expect(problems).toEqual(['actions[0].value: "Billing" is not an option of e2 (options: "sales", "support")']);
  });

  it('should reject a wait longer than 30 seconds and a goto_url that is not a URL', () => {
    const problems = problemsOf(
      parse(answer({ action: 'wait', value: 60_000 }, { action: 'goto_url', value: 'next page' })),
    );

    expect(problems).toEqual([
      expect.stringMatching(/^actions\[0\]\.value: Too big/),
      expect.stringMatching(/^actions\[1\]\.value: /),
    ]);
  });

  it('should reject terminate when it gives no reason', () => {
    expect(problemsOf(parse(answer({ action: 'terminate' })))).toEqual([
      expect.stringContaining('terminate needs "value" or "reasoning"'),
    ]);
  });

  describe('with an extraction schema', () => {
    const schema = {
      type: 'object',
      properties: { confirmation_number: { type: 'string', pattern: '^WF-\\d{6}$' } },
      required: ['confirmation_number'],
    };

    it('should accept complete when extracted_data matches the schema', () => {
      const result = parse(
        answer({ action: 'complete', extracted_data: { confirmation_number: 'WF-123456' } }),
        schema,
      );

      expect(result).toMatchObject({
        ok: true,
        actions: [{ type: 'complete', data: { confirmation_number: 'WF-123456' } }],
      });
    });

    it('should reject complete when extracted_data does not match the schema', () => {
      const problems = problemsOf(
        parse(answer({ action: 'complete', extracted_data: { confirmation_number: 42 } }), schema),
      );

      expect(problems).toEqual(['actions[0].extracted_data.confirmation_number: must be string']);
    });

    it('should reject complete when extracted_data is missing', () => {
      expect(problemsOf(parse(answer({ action: 'complete' }), schema))).toEqual([
        'actions[0].extracted_data: required, matching the extraction schema',
      ]);
    });

    it('should not judge the data when the schema itself does not compile', () => {
      const result = parse(answer({ action: 'complete', extracted_data: 1 }), { type: 'no-such-type' });

      expect(result.ok).toBe(true);
    });
  });
});
