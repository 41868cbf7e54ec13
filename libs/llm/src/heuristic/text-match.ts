/**
 * Word-level matching of payload keys and schema fields to what a page says (labels, names, headers).
 * Synonym groups map different words for one thing to a concept, so `zip` finds "Postal code".
 */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['email', 'e mail', 'email address', 'mail'],
  ['first name', 'given name', 'forename', 'fname', 'firstname'],
  ['last name', 'family name', 'surname', 'lname', 'lastname'],
  ['name', 'full name', 'your name', 'fullname'],
  ['zip', 'zip code', 'postal code', 'postcode', 'post code', 'zipcode', 'plz'],
  ['phone', 'telephone', 'tel', 'mobile', 'phone number', 'cell', 'mobile number'],
  ['username', 'user name', 'login', 'user id', 'userid', 'account name'],
  ['password', 'passcode', 'pass', 'pwd'],
  ['message', 'comment', 'comments', 'your message', 'enquiry', 'inquiry', 'question', 'details'],
  ['subject', 'topic', 'reason', 'regarding'],
  ['address', 'street', 'street address', 'address line 1', 'address1'],
  ['city', 'town', 'locality'],
  ['state', 'province', 'region', 'county'],
  ['country', 'nation'],
  ['company', 'organisation', 'organization', 'employer', 'business'],
  ['birth date', 'date of birth', 'birthday', 'dob', 'birthdate'],
  ['subscribe', 'newsletter', 'opt in', 'mailing list'],
  ['terms', 'accept terms', 'agree', 'terms and conditions', 'tos'],
  ['website', 'url', 'homepage', 'web site'],
  ['confirmation number', 'confirmation', 'reference', 'reference number', 'confirmation code', 'booking reference'],
  ['order', 'order number', 'order id', 'order no'],
  ['amount', 'total', 'price', 'cost', 'sum'],
];

/** Lower-case words of a key or label: `firstName`, `first_name`, "First name *" → `first name`. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const phrase = (text: string) => words(text).join(' ');
const GROUPS = SYNONYM_GROUPS.map((group) => group.map(phrase));

/** Indexes of the synonym groups a phrase names exactly. */
function conceptsOf(text: string): number[] {
  return GROUPS.flatMap((group, index) => (group.includes(text) ? [index] : []));
}

/** Whether `needle`'s words appear in `haystack` in order, as whole words. */
function containsPhrase(haystack: string, needle: string): boolean {
  return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

/**
 * How well a key names a label, 0–1: 1 same words, 0.9 synonyms, 0.8 the label contains the key or a
 * synonym of it ("Your email address *" for `email`), 0.6 most of the key's words appear, else 0. A label that
 * names another known thing exactly ("Last name" for `name`) is 0.
 */
export function similarity(key: string, label: string): number {
  const k = phrase(key);
  const l = phrase(label);
  if (!k || !l) return 0;
  if (k === l) return 1;
  const keyConcepts = conceptsOf(k);
  const labelConcepts = conceptsOf(l);
  if (keyConcepts.some((c) => labelConcepts.includes(c))) return 0.9;
  // "Last name" is not `name`, "Email address" is not `address`: the label names another known thing
  if (labelConcepts.length > 0) return 0;
  const variants = [k, ...keyConcepts.flatMap((c) => GROUPS[c])];
  // the longest variant wins: "last name" must beat "name" inside "Last name"
  const contained = variants.filter((v) => containsPhrase(l, v));
  if (contained.length > 0) {
    const longest = Math.max(...contained.map((v) => v.length));
    return longest >= 4 || l.split(' ').length <= 3 ? 0.8 : 0.7;
  }
  if (containsPhrase(k, l) && l.length >= 4) return 0.7;
  const keyWords = k.split(' ');
  const labelWords = new Set(l.split(' '));
  const shared = keyWords.filter((w) => labelWords.has(w)).length;
  return keyWords.length > 1 && shared / keyWords.length >= 0.5 ? 0.6 : 0;
}

/** True when two words or phrases name the same thing (same words, or one synonym group). */
export function sameThing(a: string, b: string): boolean {
  return similarity(a, b) >= 0.9;
}
