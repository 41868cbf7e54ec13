import type { PlanInput } from '@webbyflow/llm';

/** The first step of the contact-form task, shared by the planner's tests (not exported from the lib). */
export const contactPlanInput: PlanInput = {
  stepIndex: 0,
  goal: 'Send the contact form.',
  payload: { email: 'ada@example.com' },
  extractionSchema: null,
  url: 'http://127.0.0.1:3000/contact',
  title: 'Contact us',
  history: [],
  maxSteps: 5,
};
