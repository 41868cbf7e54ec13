// Standalone fake LLM for trying WebbyFlow without a model: an OpenAI-compatible (and Anthropic) endpoint
// answering with the contact-form demo script. After `npm run build -w @webbyflow/testing`:
//   node libs/testing/dist/fake-llm/main.js      (FAKE_LLM_PORT, default 8089; FAKE_LLM_HOST, default 127.0.0.1)
//   LLM_BASE_URL=http://127.0.0.1:8089/v1 LLM_MODEL=fake-llm …
import { contactFormDemo } from './contact-form.demo';
import { FakeLlmServer } from './fake-llm.server';

async function main(): Promise<void> {
  const port = Number(process.env.FAKE_LLM_PORT ?? 8089);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`FAKE_LLM_PORT must be a port number, got ${process.env.FAKE_LLM_PORT}`);
  const server = await FakeLlmServer.start({
    port,
    host: process.env.FAKE_LLM_HOST ?? '127.0.0.1',
    models: ['fake-llm'],
    maxRecordedRequests: 50,
    onRequest: (request, reply) => {
      const summary = typeof reply === 'string' ? summarise(reply) : `HTTP ${reply.status}`;
      console.log(`[fake-llm] ${request.provider} ${request.model || '(no model)'} -> ${summary}`);
    },
  });
  server.script(contactFormDemo);
  console.log(`[fake-llm] listening on ${server.url}`);
  console.log(
    `[fake-llm] OpenAI-compatible base URL: ${server.openAiBaseUrl}  Anthropic base URL: ${server.anthropicBaseUrl}`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function summarise(reply: string): string {
  try {
    const parsed = JSON.parse(reply) as { actions?: Array<{ action?: string }> };
    return (parsed.actions ?? []).map((a) => a.action).join(', ');
  } catch {
    return `${reply.length} characters`;
  }
}

main().catch((error: unknown) => {
  console.error(`[fake-llm] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
