import type { ActionV1, HistoryEntryV1 } from '@webbyflow/contracts';
import type { PlanInput } from '../prompt/plan-input';
import { HeuristicPlannerService } from './heuristic-planner.service';
import { accountPage, contactConfirmation, contactPage, loginPage, shippingPage } from './heuristic-trees.fixture';

const input = (over: Partial<PlanInput>): PlanInput => ({
  stepIndex: 0,
  goal: 'Send the form',
  payload: {},
  extractionSchema: null,
  url: 'http://127.0.0.1:4000/',
  title: '',
  history: [],
  maxSteps: 6,
  ...over,
});

const submitted = (elementId = 'e17'): HistoryEntryV1[] => [
  {
    stepIndex: 0,
    action: { type: 'input_text', elementId: 'e1', text: 'x', pressEnter: false, reasoning: '' },
    result: { success: true },
  },
  { stepIndex: 0, action: { type: 'click', elementId, reasoning: '' }, result: { success: true } },
];

const strip = (actions: ActionV1[]) => actions.map(({ reasoning: _r, ...rest }) => rest);

const CONTACT = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  topic: 'Technical support',
  message: 'Hello!',
  subscribe: true,
};
const CONFIRMATION_SCHEMA = {
  type: 'object',
  required: ['confirmation_number'],
  properties: { confirmation_number: { type: 'string' } },
};

describe(HeuristicPlannerService.name, () => {
  const planner = new HeuristicPlannerService();

  it('should fill every contact field and click submit, confidently, when each payload key has a field', () => {
    const plan = planner.decide(input({ payload: CONTACT }), contactPage());
    expect(strip(plan.actions).slice(0, -1)).toEqual(
      expect.arrayContaining([
        { type: 'input_text', elementId: 'e11', text: 'Ada Lovelace', pressEnter: false },
        { type: 'input_text', elementId: 'e12', text: 'ada@example.com', pressEnter: false },
        { type: 'select_option', elementId: 'e13', option: 'Technical support' },
        { type: 'input_text', elementId: 'e14', text: 'Hello!', pressEnter: false },
        { type: 'checkbox', elementId: 'e15', checked: true },
      ]),
    );
    expect(plan.actions).toHaveLength(6);
    expect(strip(plan.actions).at(-1)).toEqual({ type: 'click', elementId: 'e17' });
    expect(plan.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('should never type into the honeypot when a payload key is called website', () => {
    const plan = planner.decide(input({ payload: { ...CONTACT, website: 'https://ada.dev' } }), contactPage());
    expect(plan.actions.some((a) => 'elementId' in a && a.elementId === 'e16')).toBe(false);
    expect(plan.confidence).toBeLessThanOrEqual(0.5);
    expect(plan.reasoning).toContain('payload.website');
  });

  it('should write secrets as placeholders when the payload key names a password', () => {
    const plan = planner.decide(input({ payload: { username: 'ada', password: 'lovelace' } }), loginPage());
    expect(strip(plan.actions)).toEqual([
      { type: 'input_text', elementId: 'e1', text: 'ada', pressEnter: false },
      { type: 'input_text', elementId: 'e2', text: '{{payload.password}}', pressEnter: false },
      { type: 'click', elementId: 'e3' },
    ]);
    expect(JSON.stringify(plan)).not.toContain('lovelace');
  });

  it('should complete with the confirmation number when the submit led to a thank-you page', () => {
    const plan = planner.decide(
      input({ payload: CONTACT, extractionSchema: CONFIRMATION_SCHEMA, history: submitted() }),
      contactConfirmation(),
    );
    expect(strip(plan.actions)).toEqual([{ type: 'complete', data: { confirmation_number: 'WF-123456' } }]);
    expect(plan.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('should terminate with the site message when the form comes back with errors', () => {
    const page = contactPage(['Please fix the following:', 'Email address is not valid.']);
    const plan = planner.decide(input({ payload: CONTACT, history: submitted() }), page);
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({
      type: 'terminate',
      reason: expect.stringContaining('Email address is not valid.'),
    });
  });

  it('should terminate when the login is refused', () => {
    const plan = planner.decide(
      input({ payload: { username: 'ada', password: 'nope' }, history: submitted('e3') }),
      loginPage('Invalid username or password.'),
    );
    expect(plan.actions[0]).toMatchObject({
      type: 'terminate',
      reason: expect.stringContaining('Invalid username or password.'),
    });
  });

  it('should read a table into an array when the schema asks for rows after the login', () => {
    const schema = {
      type: 'object',
      required: ['orders'],
      properties: {
        orders: {
          type: 'array',
          items: {
            type: 'object',
            properties: { order: { type: 'string' }, amount: { type: 'number' }, status: { type: 'string' } },
          },
        },
      },
    };
    const plan = planner.decide(
      input({ payload: { username: 'ada', password: 'x' }, extractionSchema: schema, history: submitted('e3') }),
      accountPage(),
    );
    expect(strip(plan.actions)).toEqual([
      {
        type: 'complete',
        data: {
          orders: [
            { order: 'A-1001', amount: 42.5, status: 'Delivered' },
            { order: 'A-1002', amount: 118, status: 'Delivered' },
          ],
        },
      },
    ]);
  });

  it('should terminate with little confidence when no field matches the payload', () => {
    const plan = planner.decide(input({ payload: { shoe_size: 42 } }), loginPage());
    expect(plan.actions[0].type).toBe('terminate');
    expect(plan.confidence).toBeLessThan(0.3);
  });

  it('should match synonyms, format dates and phones and pick radios and options when the form uses other words', () => {
    const payload = {
      first_name: 'Ada',
      last_name: 'Lovelace',
      zip: '10115',
      phone: '555 123 4567',
      delivery_date: '2027-02-14',
      birth_date: '1815-12-10',
      speed: 'express',
      country: 'DE',
      terms: true,
    };
    const plan = planner.decide(input({ payload }), shippingPage());
    const byId = Object.fromEntries(strip(plan.actions).map((a) => ['elementId' in a ? a.elementId : a.type, a]));
    expect(byId).toEqual({
      e1: { type: 'input_text', elementId: 'e1', text: 'Ada', pressEnter: false },
      e2: { type: 'input_text', elementId: 'e2', text: 'Lovelace', pressEnter: false },
      e3: { type: 'input_text', elementId: 'e3', text: '10115', pressEnter: false },
      e4: { type: 'input_text', elementId: 'e4', text: '(555) 123-4567', pressEnter: false },
      e5: { type: 'input_text', elementId: 'e5', text: '2027-02-14', pressEnter: false },
      e6: { type: 'input_text', elementId: 'e6', text: '10/12/1815', pressEnter: false },
      e8: { type: 'checkbox', elementId: 'e8', checked: true },
      e9: { type: 'select_option', elementId: 'e9', option: 'Germany' },
      e10: { type: 'checkbox', elementId: 'e10', checked: true },
      e11: { type: 'click', elementId: 'e11' },
    });
    expect(plan.confidence).toBeGreaterThan(0.7);
  });

  it('should stop with a CAPTCHA when the page shows one', () => {
    const plan = planner.decide(input({ payload: CONTACT }), { ...contactPage(), captcha: 'recaptcha' });
    expect(plan.actions[0]).toMatchObject({ type: 'terminate', reason: expect.stringContaining('CAPTCHA') });
  });
});

describe(`${HeuristicPlannerService.name} as a StepPlanner`, () => {
  it('should report provider heuristic with no tokens when planning through the shared interface', async () => {
    const plan = await new HeuristicPlannerService().plan(input({ payload: CONTACT }), contactPage());
    expect(plan).toMatchObject({
      provider: 'heuristic',
      model: 'heuristic-v1',
      inputTokens: 0,
      outputTokens: 0,
      attempts: 1,
    });
    expect(plan.confidence).toBeGreaterThan(0.8);
  });
});
