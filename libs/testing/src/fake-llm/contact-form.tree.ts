import type { ElementTreeV1 } from '@webbyflow/contracts';

/**
 * The element tree the scraper makes of the `/contact` fixture, for tests that need a realistic page
 * without a browser. Ids are deliberately not sequential: scripts must read them from the prompt.
 */
export function contactFormTree(url = 'http://127.0.0.1:3000/contact'): ElementTreeV1 {
  return {
    url,
    title: 'Contact us',
    truncated: false,
    text: [
      'Contact us',
      'We usually answer within two business days. Fields marked * are required.',
      'Your name *',
      'Email address *',
      'Topic *',
      'Message *',
      'Subscribe to our newsletter',
      'Submit',
    ].join('\n'),
    elements: [
      { id: 'e11', role: 'textbox', name: 'Your name *', tag: 'input', type: 'text', value: '', required: true },
      {
        id: 'e12',
        role: 'textbox',
        name: 'Email address *',
        tag: 'input',
        type: 'email',
        value: '',
        placeholder: 'you@example.com',
        required: true,
      },
      {
        id: 'e13',
        role: 'combobox',
        name: 'Topic *',
        tag: 'select',
        value: '',
        required: true,
        options: [
          { value: '', label: 'Choose a topic…', selected: true },
          { value: 'sales', label: 'Sales' },
          { value: 'support', label: 'Technical support' },
          { value: 'billing', label: 'Billing' },
          { value: 'other', label: 'Something else' },
        ],
      },
      { id: 'e14', role: 'textbox', name: 'Message *', tag: 'textarea', value: '', required: true },
      {
        id: 'e15',
        role: 'checkbox',
        name: 'Subscribe to our newsletter',
        tag: 'input',
        type: 'checkbox',
        checked: false,
      },
      { id: 'e16', role: 'textbox', name: 'Leave this empty', tag: 'input', type: 'text', value: '' },
      { id: 'e17', role: 'button', name: 'Submit', tag: 'button', type: 'submit' },
      { id: 'e18', role: 'button', name: 'Help', tag: 'button', type: 'button' },
    ],
  };
}

/** The page `/contact` shows after a valid submission. */
export function contactConfirmationTree(
  confirmationNumber: string,
  url = 'http://127.0.0.1:3000/contact',
): ElementTreeV1 {
  return {
    url,
    title: 'Message sent',
    truncated: false,
    text: `Thank you, Ada Lovelace!\nYour message about Sales has been received.\nConfirmation number: ${confirmationNumber}\nNewsletter: not subscribed\nSend another message`,
    elements: [{ id: 'e21', role: 'link', name: 'Send another message', tag: 'a', href: '/contact' }],
  };
}
