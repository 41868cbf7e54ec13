import { readFileSync, writeFileSync } from 'node:fs';
import { runMain } from '@webbyflow/runtime';
import type { OpenAPIObject } from '@nestjs/swagger';
import { generateOpenApiDocument, OPENAPI_FILE } from './openapi-docs.app';

const USAGE = `Usage: node apps/gateway/dist/openapi/write-openapi.js [--check]
Writes the gateway's OpenAPI document to apps/gateway/openapi.json; --check only fails when it is out of date.`;

/** Stable JSON that `prettier --check` accepts (prettier is a dev tool: loaded only here). */
async function serialize(document: OpenAPIObject): Promise<string> {
  const { format } = await import('prettier');
  return format(JSON.stringify(document, null, 2), { parser: 'json', printWidth: 120 });
}

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg !== '--check')) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const text = await serialize(await generateOpenApiDocument());
  if (args.includes('--check')) {
    const current = readFileSync(OPENAPI_FILE, 'utf8');
    if (current !== text) throw new Error(`${OPENAPI_FILE} is out of date: run write-openapi`);
    process.stdout.write(`${OPENAPI_FILE} is up to date\n`);
    return;
  }
  writeFileSync(OPENAPI_FILE, text);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
});
