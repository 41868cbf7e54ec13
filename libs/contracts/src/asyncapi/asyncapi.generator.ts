import {
  type Subject,
  COMMANDS_STREAM,
  COMMANDS_SUBJECTS,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  catalogue,
} from '../catalogue/catalogue';
import { type JsonSchemaObject, envelopeSchema, envelopeSchemaOf, replySchemaOf } from './asyncapi.schemas';

/** Where the generated document is checked in, relative to the repository root. */
export const ASYNCAPI_DOCUMENT_PATH = 'docs/asyncapi.json';
/** What regenerates it (after `npm run build`). */
export const ASYNCAPI_WRITE_COMMAND = 'node libs/contracts/dist/asyncapi/write-asyncapi.js';

type Ref = { $ref: string };
type Kind = 'event' | 'command' | 'query';

export interface AsyncApiChannel {
  address: string | null;
  title?: string;
  description: string;
  messages: Record<string, Ref>;
  parameters?: Record<string, { description: string }>;
  'x-kind': Kind | 'reply';
  /** The catalogue subject this channel carries (a query's reply channel names its query). */
  'x-subject': Subject;
  [extension: `x-${string}`]: unknown;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string; license: { name: string } };
  defaultContentType: string;
  servers: Record<string, { host: string; protocol: string; description: string }>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, JsonSchemaObject>;
  components: { schemas: Record<string, JsonSchemaObject>; messages: Record<string, JsonSchemaObject> };
}

/** Channel (and message) id of a subject: ids allow `[A-Za-z0-9_-]`, subjects never contain `-`. */
export const channelIdOf = (subject: Subject) => subject.replace(/^webbyflow\./, '').replaceAll('.', '-');

/**
 * The AsyncAPI 3.0 document of every NATS subject in the catalogue: one channel per subject (plus a reply
 * channel per query), one operation per channel from the platform's side, and each message's schema as
 * the envelope around the catalogue payload. Pure and deterministic: same catalogue, same document.
 */
export function generateAsyncApi(): AsyncApiDocument {
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, JsonSchemaObject> = {};
  const messages: Record<string, JsonSchemaObject> = {};
  for (const subject of (Object.keys(catalogue) as Subject[]).sort()) {
    const id = channelIdOf(subject);
    const definition = catalogue[subject];
    messages[id] = {
      name: subject,
      title: subject,
      contentType: 'application/json',
      payload: envelopeSchemaOf(subject),
      // Events and commands go through JetStream, which de-duplicates on this header.
      ...(definition.kind === 'query' ? {} : { headers: MSG_ID_HEADER }),
    };
    channels[id] = channelOf(subject, id);
    const operation = {
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
    switch (definition.kind) {
      case 'event':
        operations[`send-${id}`] = { action: 'send', ...operation, tags: [{ name: definition.producer }] };
        break;
      case 'command':
        operations[`receive-${id}`] = { action: 'receive', ...operation, tags: [{ name: definition.consumer }] };
        break;
      case 'query': {
        const replyId = `${id}-reply`;
        messages[replyId] = {
          name: `${subject} reply`,
          title: `${subject} reply`,
          contentType: 'application/json',
          payload: replySchemaOf(subject),
        };
        channels[replyId] = replyChannelOf(subject, replyId);
        operations[`receive-${id}`] = {
          action: 'receive',
          ...operation,
          tags: [{ name: definition.responder }],
          bindings: { nats: { queue: definition.responder, bindingVersion: '0.1.0' } },
          reply: {
            channel: { $ref: `#/channels/${replyId}` },
            messages: [{ $ref: `#/channels/${replyId}/messages/${replyId}` }],
          },
        };
        break;
      }
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'WebbyFlow messaging',
      version: '1',
      description: DESCRIPTION,
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: 'NATS 2.9+ with JetStream (`-js`). Services read `NATS_URL`; compose: `nats:4222`.',
      },
    },
    channels: sortedByKey(channels),
    operations: sortedByKey(operations),
    components: { schemas: { Envelope: envelopeSchema() }, messages: sortedByKey(messages) },
  };
}

function channelOf(subject: Subject, id: string): AsyncApiChannel {
  const definition = catalogue[subject];
  const messages = { [id]: messageRef(id) };
  const kind = { 'x-kind': definition.kind, 'x-subject': subject } as const;
  switch (definition.kind) {
    case 'event':
      return {
        address: subject,
        title: subject,
        description: `Event published by ${definition.producer} on ${EVENTS_STREAM}.`,
        messages,
        ...kind,
        'x-producer': definition.producer,
        'x-stream': EVENTS_STREAM,
      };
    case 'command': {
      const instance = definition.routing === 'instance';
      return {
        address: instance ? `${subject}.{instanceId}` : subject,
        title: subject,
        description: instance
          ? `Command for the ${definition.consumer} instance that holds the run, on ${COMMANDS_STREAM}.`
          : `Command for any ${definition.consumer} instance, on ${COMMANDS_STREAM}.`,
        ...(instance ? { parameters: { instanceId: { description: INSTANCE_ID_DESCRIPTION } } } : {}),
        messages,
        ...kind,
        'x-consumer': definition.consumer,
        'x-routing': definition.routing,
        'x-stream': COMMANDS_STREAM,
        'x-durable': `${definition.consumer}-${instance ? '{instanceId}' : 'commands'}`,
      };
    }
    case 'query':
      return {
        address: subject,
        title: subject,
        description: `Request/reply over core NATS, answered by one ${definition.responder} instance (queue group \`${definition.responder}\`); the answer goes to \`${id}-reply\`.`,
        messages,
        ...kind,
        'x-consumer': definition.responder,
        'x-queue-group': definition.responder,
      };
  }
}

const INSTANCE_ID_DESCRIPTION = 'INSTANCE_ID of the process that holds the run (sticky browser session).';
/** NATS request/reply answers on the requester's inbox, which has no fixed address. */
const replyChannelOf = (subject: Subject, replyId: string): AsyncApiChannel => ({
  address: null,
  description: `The requester's inbox (\`_INBOX.>\`), given by NATS request/reply for ${subject}.`,
  messages: { [replyId]: messageRef(replyId) },
  'x-kind': 'reply',
  'x-subject': subject,
});

const messageRef = (id: string): Ref => ({ $ref: `#/components/messages/${id}` });

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const MSG_ID_HEADER: JsonSchemaObject = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      description: 'The envelope `id`; JetStream drops a re-publish of the same id within the duplicate window.',
    },
  },
};

const DESCRIPTION = `Every NATS subject WebbyFlow uses, generated from the catalogue in \`libs/contracts\` \
(\`${ASYNCAPI_WRITE_COMMAND}\`); do not edit by hand.

- **Events** (\`${EVENTS_SUBJECTS}\`, \`x-kind: event\`) are facts, in the past tense, on the JetStream stream \
\`${EVENTS_STREAM}\`: file storage, limits retention (7 days by default, \`NATS_EVENTS_MAX_AGE_HOURS\`), a 2-minute \
duplicate window. Consumers outside the platform (analytics, audit) create their own durable consumer on this stream \
and may replay it; the platform's own are named \`<service>-events\`.
- **Commands** (\`${COMMANDS_SUBJECTS}\`, \`x-kind: command\`) go to one service through the work-queue stream \
\`${COMMANDS_STREAM}\`: each message goes to one consumer and is removed once acknowledged. Shared commands are taken \
by the durable \`<service>-commands\`; instance-routed ones (\`x-routing: instance\`) carry the \`INSTANCE_ID\` of \
the process that holds the run's browser session as a last subject token and are taken by its durable \
\`<service>-<instanceId>\`. Only the platform consumes this stream.
- **Queries** (\`webbyflow.qry.*\`, \`x-kind: query\`) are core-NATS request/reply, not stored: one member of the \
responder's queue group answers \`{ "ok": true, "data": … }\` or \`{ "ok": false, "error": { name, code, message, \
terminal } }\`.

Every request, event and command is a JSON envelope: \`id\` (deterministic, also the \`Nats-Msg-Id\` header, so \
redeliveries and re-publishes can be de-duplicated), \`subject\`, \`version\`, \`correlationId\` (the task), \
\`causationId\`, \`occurredAt\`, \`orgId\` and \`payload\`. A service that gives up on a command publishes \
\`webbyflow.evt.<service>.failed.v1\`. Payload changes are additive (readers ignore fields they do not know); a \
breaking change adds a \`.v2\` subject beside \`.v1\`.`;
