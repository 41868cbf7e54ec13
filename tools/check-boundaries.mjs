// Enforces the Nx tag constraints in tools/module-boundaries.json over the real project graph
// (nx infers edges from TypeScript imports). We own this check because the @nx/eslint-plugin
// release that matches nx 24 is not on the registry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { depConstraints } = JSON.parse(readFileSync(join(root, 'tools/module-boundaries.json'), 'utf8'));
// WF_GRAPH_FILE: check a saved graph instead of asking nx (used by the checker's own test).
const graphFile = process.env.WF_GRAPH_FILE ?? join(mkdtempSync(join(tmpdir(), 'wf-graph-')), 'graph.json');
if (!process.env.WF_GRAPH_FILE) {
  execFileSync('npx', ['nx', 'graph', `--file=${graphFile}`], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
}
const { graph } = JSON.parse(readFileSync(graphFile, 'utf8'));

const violations = [];
for (const [source, deps] of Object.entries(graph.dependencies)) {
  const sourceTags = graph.nodes[source]?.data.tags ?? [];
  for (const dep of deps) {
    const target = graph.nodes[dep.target];
    if (!target) continue; // npm packages
    const targetTags = target.data.tags ?? [];
    // The graph does not say which file an edge comes from; eslint keeps the test kit out of production files.
    if (targetTags.includes('type:testing')) continue;
    for (const rule of depConstraints) {
      if (!sourceTags.includes(rule.sourceTag)) continue;
      if (!rule.onlyDependOnLibsWithTags.some((tag) => targetTags.includes(tag))) {
        violations.push(`${source} (${rule.sourceTag}) must not depend on ${dep.target} [${targetTags.join(', ')}]`);
      }
    }
  }
}
if (violations.length > 0) {
  console.error(`Module boundary violations:\n  ${[...new Set(violations)].join('\n  ')}`);
  process.exit(1);
}
console.log(`module boundaries ok (${Object.keys(graph.nodes).length} projects)`);
