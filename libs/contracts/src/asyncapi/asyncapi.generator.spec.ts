import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { schemas as asyncApiSchemas } from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { catalogue, type Subject } from '../catalogue/catalogue';
import {
  ASYNCAPI_DOCUMENT_PATH,
  ASYNCAPI_WRITE_COMMAND,
  type AsyncApiDocument,
  channelIdOf,
  generateAsyncApi,
} from './asyncapi.generator';
import { repositoryRoot } from './write-asyncapi';

/** `meta: false`: the AsyncAPI schema bundles its own copy of the draft-07 meta-schema. */
const newAjv = (options: { meta?: boolean } = {}) => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: options.meta !== false, ...options });
  addFormats(ajv);
  return ajv;
};

/** Follows a local `#/a/b` reference through the document. */
const resolve = (document: unknown, ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

describe('generateAsyncApi', () => {
  const document = generateAsyncApi();
  const subjects = Object.keys(catalogue) as Subject[];
  const payloadSchemaOf = (messageId: string) => document.components.messages[messageId].payload as object;

  it('should have a channel of the right kind for every catalogue subject', () => {
    for (const subject of subjects) {
      const channel = document.channels[channelIdOf(subject)];
      expect(channel).toMatchObject({ 'x-subject': subject, 'x-kind': catalogue[subject].kind });
      expect(channel.address?.startsWith(subject)).toBe(true);
    }
    const described = Object.values(document.channels).filter((c) => c['x-kind'] !== 'reply');
    expect(described.map((c) => c['x-subject']).sort()).toEqual([...subjects].sort());
  });

  it('should give every query a reply channel and a receive operation with the reply', () => {
    for (const subject of subjects.filter((s) => catalogue[s].kind === 'query')) {
      const id = channelIdOf(subject);
      expect(document.channels[`${id}-reply`]).toMatchObject({ address: null, 'x-kind': 'reply' });
      expect(document.operations[`receive-${id}`]).toHaveProperty('reply.channel.$ref', `#/channels/${id}-reply`);
    }
  });

  it('should address instance-routed commands with an instanceId parameter', () => {
    const channel = document.channels[channelIdOf('webbyflow.cmd.browser.scrape_page.v1')];
    expect(channel.address).toBe('webbyflow.cmd.browser.scrape_page.v1.{instanceId}');
    expect(channel.parameters).toHaveProperty('instanceId');
  });

  it('should be a valid AsyncAPI 3.0.0 document when checked against the official JSON Schema', () => {
    const validate = newAjv({ meta: false }).compile(asyncApiSchemas['3.0.0']);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('should resolve every $ref inside the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect({ ref, found: resolve(document, ref) !== undefined }).toEqual({ ref, found: true });
  });

  it('should accept a real envelope and reject a wrong subject when validating a message', () => {
    const validate = newAjv().compile(payloadSchemaOf(channelIdOf('webbyflow.evt.task.failed.v1')));
    const envelope = {
      id: 'task-1:failed',
      subject: 'webbyflow.evt.task.failed.v1',
      version: 1,
      correlationId: '5c1b7a4e-8f39-4c55-9d4e-2f0d3c1e9a10',
      causationId: null,
      occurredAt: '2026-11-02T10:00:00.000Z',
      orgId: 'org-1',
      payload: catalogue['webbyflow.evt.task.failed.v1'].schema.parse({
        taskId: '5c1b7a4e-8f39-4c55-9d4e-2f0d3c1e9a10',
        reason: 'max steps reached',
        error: null,
      }),
    };
    expect(validate(envelope) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...envelope, subject: 'webbyflow.evt.task.completed.v1' })).toBe(false);
  });

  it('should describe a query error reply in the wire form the messaging lib sends', () => {
    const validate = newAjv().compile(
      payloadSchemaOf(`${channelIdOf('webbyflow.qry.orchestrator.get_task.v1')}-reply`),
    );
    const reply = {
      ok: false,
      error: { name: 'TaskException', code: 'NOT_FOUND', message: 'no task', terminal: true },
    };
    expect(validate(reply) ? [] : validate.errors).toEqual([]);
  });

  it('should be deterministic with channels in key order when generated twice', () => {
    expect(JSON.stringify(generateAsyncApi())).toBe(JSON.stringify(document));
    const ids = Object.keys(document.channels);
    expect(ids).toEqual([...ids].sort());
  });

  it('should equal the checked-in docs/asyncapi.json when the catalogue has not drifted', () => {
    const checkedIn = JSON.parse(
      readFileSync(join(repositoryRoot(), ASYNCAPI_DOCUMENT_PATH), 'utf8'),
    ) as AsyncApiDocument;
    if (!isDeepStrictEqual(checkedIn, JSON.parse(JSON.stringify(document)))) {
      throw new Error(
        `${ASYNCAPI_DOCUMENT_PATH} is out of date with the catalogue: run \`npm run build -w libs/contracts && ` +
          `${ASYNCAPI_WRITE_COMMAND}\` and commit the result`,
      );
    }
  });
});
