// The element list format is shared with browser-svc, which budgets the tree in the same text.
export {
  DEFAULT_ELEMENT_LIST_OPTIONS,
  formatElement,
  formatElementList,
  quote,
  type ElementListOptions,
} from '@webbyflow/contracts';
