import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_DOCUMENT_PATH, generateAsyncApi } from './asyncapi.generator';

/** The repository root, from `libs/contracts/{src,dist}/asyncapi/`. */
export const repositoryRoot = () => join(__dirname, '..', '..', '..', '..');

/**
 * `node libs/contracts/dist/asyncapi/write-asyncapi.js`: writes the AsyncAPI document of the catalogue to
 * docs/asyncapi.json, formatted by the repository's prettier config so `prettier --check` stays green.
 */
async function main(): Promise<void> {
  const target = join(repositoryRoot(), ASYNCAPI_DOCUMENT_PATH);
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(target)) ?? {};
  const text = await prettier.format(JSON.stringify(generateAsyncApi()), { ...options, filepath: target });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
