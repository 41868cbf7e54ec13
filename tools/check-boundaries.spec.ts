import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Node = { name: string; tags: string[] };
const node = ({ name, tags }: Node) => [name, { name, data: { tags } }] as const;
const nodes = [
  { name: '@webbyflow/gateway', tags: ['type:app', 'scope:gateway'] },
  { name: '@webbyflow/orchestrator', tags: ['type:app', 'scope:orchestrator'] },
  { name: '@webbyflow/api', tags: ['type:domain', 'scope:gateway'] },
  { name: '@webbyflow/browser', tags: ['type:domain', 'scope:browser'] },
  { name: '@webbyflow/contracts', tags: ['type:contracts', 'scope:shared'] },
  { name: '@webbyflow/common', tags: ['type:util', 'scope:shared'] },
];

function check(edges: Array<[string, string]>) {
  const dependencies: Record<string, Array<{ source: string; target: string; type: string }>> = {};
  for (const n of nodes) dependencies[n.name] = [];
  for (const [source, target] of edges) dependencies[source].push({ source, target, type: 'static' });
  const file = join(mkdtempSync(join(tmpdir(), 'wf-graph-spec-')), 'graph.json');
  writeFileSync(file, JSON.stringify({ graph: { nodes: Object.fromEntries(nodes.map(node)), dependencies } }));
  return spawnSync(process.execPath, [join(__dirname, 'check-boundaries.mjs')], {
    env: { ...process.env, WF_GRAPH_FILE: file },
    encoding: 'utf8',
  });
}

describe('check-boundaries', () => {
  it('should pass when apps use their own scope and shared libs', () => {
    const result = check([
      ['@webbyflow/gateway', '@webbyflow/api'],
      ['@webbyflow/api', '@webbyflow/contracts'],
    ]);
    expect(result.status).toBe(0);
  });

  it('should fail when an app imports another app', () => {
    const result = check([['@webbyflow/gateway', '@webbyflow/orchestrator']]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('@webbyflow/gateway (type:app) must not depend on @webbyflow/orchestrator');
  });

  it('should fail when a domain lib reaches into another scope', () => {
    expect(check([['@webbyflow/api', '@webbyflow/browser']]).stderr).toContain(
      '(scope:gateway) must not depend on @webbyflow/browser',
    );
  });

  it('should fail when contracts or util depend on anything internal', () => {
    expect(check([['@webbyflow/contracts', '@webbyflow/common']]).status).toBe(1);
    expect(check([['@webbyflow/common', '@webbyflow/contracts']]).status).toBe(1);
  });
});
