import type { ElementTreeV1, ElementV1 } from '@webbyflow/contracts';
import { contactFormTree } from '@webbyflow/testing';

// Element trees as browser-svc scrapes the fixture pages (libs/testing/src/fixtures), for unit tests.

const PAGE_URL = 'http://127.0.0.1:4000/';

const tree = (title: string, text: string[], elements: ElementV1[]): ElementTreeV1 => ({
  url: PAGE_URL,
  title,
  text: text.join('\n'),
  elements,
  truncated: false,
});

/** What the scraper also reads off the `/contact` fields that contactFormTree() leaves out: form names, DOM ids. */
const CONTACT_FIELD_NAMES: Record<string, Pick<ElementV1, 'fieldName' | 'domId'>> = {
  e11: { fieldName: 'name', domId: 'name' },
  e12: { fieldName: 'email', domId: 'email' },
  e13: { fieldName: 'topic', domId: 'topic' },
  e14: { fieldName: 'message', domId: 'message' },
  e15: { fieldName: 'subscribe' },
  e16: { fieldName: 'website' },
};

/** The `/contact` form; `errors` stand where the page shows them, under its introduction. */
export const contactPage = (errors: string[] = []): ElementTreeV1 => {
  const form = contactFormTree(PAGE_URL);
  const [heading, introduction, ...labels] = form.text.split('\n');
  return {
    ...form,
    text: [heading, introduction, ...errors, ...labels].join('\n'),
    elements: form.elements.map((element) => ({ ...element, ...CONTACT_FIELD_NAMES[element.id] })),
  };
};

export const contactConfirmation = () =>
  tree(
    'Message sent',
    [
      'Thank you, Ada Lovelace!',
      'Your message about Technical support has been received.',
      'Confirmation number: WF-123456',
      'Newsletter: subscribed',
      'Send another message',
    ],
    [{ id: 'e1', role: 'link', name: 'Send another message', tag: 'a', href: '/contact' }],
  );

export const loginPage = (error?: string) =>
  tree(
    'Sign in',
    ['Sign in', 'Sign in to see your orders.', ...(error ? [error] : []), 'Username', 'Password'],
    [
      {
        id: 'e1',
        role: 'textbox',
        name: 'Username',
        tag: 'input',
        type: 'text',
        fieldName: 'username',
        domId: 'username',
        required: true,
      },
      {
        id: 'e2',
        role: 'textbox',
        name: 'Password',
        tag: 'input',
        type: 'password',
        fieldName: 'password',
        domId: 'password',
        required: true,
      },
      { id: 'e3', role: 'button', name: 'Sign in', tag: 'button', type: 'submit' },
      { id: 'e4', role: 'link', name: 'Forgot your password?', tag: 'a', href: '/forgot' },
    ],
  );

export const accountPage = () =>
  tree(
    'My account',
    [
      'Welcome back, Ada Lovelace',
      'Recent orders',
      'Order\tDate\tAmount\tStatus',
      'A-1001\t2026-01-14\t€42.50\tDelivered',
      'A-1002\t2026-02-03\t€118.00\tDelivered',
      'Sign out',
    ],
    [{ id: 'e1', role: 'link', name: 'Sign out', tag: 'a', href: '/logout' }],
  );

/** A shipping form with the words sites use for the same things, a date and a phone pattern. */
export const shippingPage = () =>
  tree(
    'Shipping',
    ['Shipping details'],
    [
      { id: 'e1', role: 'textbox', name: 'Given name', tag: 'input', type: 'text', fieldName: 'fname' },
      { id: 'e2', role: 'textbox', name: 'Surname', tag: 'input', type: 'text', fieldName: 'lname' },
      { id: 'e3', role: 'textbox', name: '', tag: 'input', type: 'text', placeholder: 'Postal code', fieldName: 'pc' },
      {
        id: 'e4',
        role: 'textbox',
        name: 'Mobile',
        tag: 'input',
        type: 'tel',
        placeholder: '(555) 555-0100',
        fieldName: 'contact_no',
      },
      { id: 'e5', role: 'textbox', name: 'Delivery date', tag: 'input', type: 'date', fieldName: 'when' },
      {
        id: 'e6',
        role: 'textbox',
        name: 'Birthday',
        tag: 'input',
        type: 'text',
        placeholder: 'DD/MM/YYYY',
        fieldName: 'dob',
      },
      {
        id: 'e7',
        role: 'radio',
        name: 'Standard',
        tag: 'input',
        type: 'radio',
        fieldName: 'speed',
        value: 'standard',
        checked: true,
      },
      {
        id: 'e8',
        role: 'radio',
        name: 'Express (next day)',
        tag: 'input',
        type: 'radio',
        fieldName: 'speed',
        value: 'express',
        checked: false,
      },
      {
        id: 'e9',
        role: 'combobox',
        name: 'Country',
        tag: 'select',
        fieldName: 'country',
        options: [
          { value: 'de', label: 'Germany' },
          { value: 'fr', label: 'France' },
          { value: 'gb', label: 'United Kingdom', selected: true },
        ],
      },
      {
        id: 'e10',
        role: 'checkbox',
        name: 'I accept the terms and conditions',
        tag: 'input',
        type: 'checkbox',
        required: true,
        checked: false,
      },
      { id: 'e11', role: 'button', name: 'Continue to payment', tag: 'button', type: 'submit' },
    ],
  );
