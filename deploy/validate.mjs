#!/usr/bin/env node
// Static checks of deploy/: every YAML file parses; every Kubernetes object matches its API schema
// (kubernetes-models) and our rules (images, resources, /healthz probes, INSTANCE_ID from the pod name,
// references between objects); yamllint and `kubectl kustomize` when installed; docker-compose.yml wires the services as documented; the Dockerfile lints.
// No cluster and no Docker engine needed. Exits 1 on any problem.   node deploy/validate.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parseAllDocuments } from 'yaml';

const DEPLOY = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(DEPLOY);
const BASE = join(DEPLOY, 'k8s', 'base');
/** The five services, their HTTP port (API or /healthz) and what the image's entrypoint calls them. */
const SERVICES = { gateway: 3000, orchestrator: 3001, 'browser-svc': 3002, 'llm-svc': 3003, 'artifact-svc': 3004 };
const ENTRYPOINT_COMMANDS = new Set([
  ...Object.keys(SERVICES),
  'migrate',
  'create-api-key',
  'create-bucket',
  'fake-llm',
]);
const APP_IMAGE = 'webbyflow';

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);
const rel = (file) => relative(ROOT, file);
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

// ---- 1. every YAML file parses cleanly (duplicate keys included) ----
const yamlFiles = walk(DEPLOY).filter((f) => /\.ya?ml$/.test(f));
const documents = new Map(); // file -> plain objects
for (const file of yamlFiles) {
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true, merge: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const objects = [];
  for (const doc of list) {
    for (const issue of [...doc.errors, ...doc.warnings]) problem(rel(file), issue.message.split('\n')[0]);
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value != null) objects.push(value);
  }
  documents.set(file, objects);
}

// ---- 2. kustomization: listed files exist, every manifest is listed, render works ----
const kustomizationFile = join(BASE, 'kustomization.yaml');
const kustomization = documents.get(kustomizationFile)?.[0];
if (!kustomization) problem(rel(kustomizationFile), 'missing');
const listed = new Set((kustomization?.resources ?? []).map((r) => join(BASE, r)));
for (const file of listed)
  if (!existsSync(file)) problem(rel(kustomizationFile), `lists ${rel(file)}, which does not exist`);
const manifests = yamlFiles.filter((f) => f.startsWith(BASE + '/') && f !== kustomizationFile);
for (const file of manifests) {
  if (!file.endsWith('.example.yaml') && !listed.has(file)) problem(rel(file), 'not listed in kustomization.yaml');
}
const hasTool = (tool, args) => {
  try {
    execFileSync(tool, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const kubectl = hasTool('kubectl', ['version', '--client']);
if (kubectl) {
  try {
    execFileSync('kubectl', ['kustomize', BASE], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    problem('kubectl kustomize deploy/k8s/base', String(error.stderr ?? error.message).trim());
  }
}

// yamllint (Debian package `yamllint`) for style, when installed.
const yamllint = hasTool('yamllint', ['--version']);
if (yamllint) {
  try {
    execFileSync('yamllint', ['-f', 'parsable', '-c', join(DEPLOY, '.yamllint.yaml'), DEPLOY], { stdio: 'pipe' });
  } catch (error) {
    for (const line of String(error.stdout ?? error.message)
      .trim()
      .split('\n'))
      problem('yamllint', line);
  }
}

// ---- 3. Kubernetes objects: required fields and the API schema ----
const objects = manifests.flatMap((file) => documents.get(file).map((o) => ({ file, o })));
const byKind = (kind) => objects.filter(({ o }) => o.kind === kind);
const nameOf = ({ file, o }) => `${rel(file)} ${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`;
for (const entry of objects) {
  const { o } = entry;
  for (const field of ['apiVersion', 'kind']) if (!o[field]) problem(nameOf(entry), `no ${field}`);
  if (!o.metadata?.name) problem(nameOf(entry), 'no metadata.name');
  if (!o.apiVersion || !o.kind) continue;
  let Model;
  try {
    ({ [o.kind]: Model } = await import(`kubernetes-models/${o.apiVersion}/${o.kind}`));
  } catch {
    problem(nameOf(entry), `unknown apiVersion/kind ${o.apiVersion} ${o.kind}`);
    continue;
  }
  try {
    new Model(o).validate();
  } catch (error) {
    problem(nameOf(entry), `schema: ${error.message}`);
  }
}

// ---- 4. workloads: images, resources, probes, INSTANCE_ID, references ----
const configMaps = new Set(byKind('ConfigMap').map(({ o }) => o.metadata.name));
const secrets = new Map(
  byKind('Secret').map(({ o }) => [o.metadata.name, new Set(Object.keys(o.stringData ?? o.data ?? {}))]),
);
const workloads = [...byKind('Deployment'), ...byKind('StatefulSet'), ...byKind('Job')];
for (const entry of workloads) {
  const where = nameOf(entry);
  const pod = entry.o.spec?.template?.spec ?? {};
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const v of volumes.values()) {
    if (v.configMap && !configMaps.has(v.configMap.name))
      problem(where, `volume ${v.name}: no ConfigMap ${v.configMap.name}`);
  }
  const claims = new Set((entry.o.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
  for (const c of pod.containers ?? []) {
    const at = `${where} container ${c.name}`;
    if (!c.image) problem(at, 'no image');
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory'])
        if (!c.resources?.[kind]?.[resource]) problem(at, `no resources.${kind}.${resource}`);
    }
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name) && !claims.has(m.name)) problem(at, `mounts unknown volume ${m.name}`);
    }
    for (const ref of c.envFrom ?? []) {
      if (ref.configMapRef && !configMaps.has(ref.configMapRef.name))
        problem(at, `no ConfigMap ${ref.configMapRef.name}`);
      if (ref.secretRef && !secrets.has(ref.secretRef.name)) problem(at, `no Secret ${ref.secretRef.name}`);
    }
    const env = new Map((c.env ?? []).map((e) => [e.name, e]));
    for (const e of env.values()) {
      const s = e.valueFrom?.secretKeyRef;
      if (s && !secrets.get(s.name)?.has(s.key))
        problem(at, `env ${e.name}: Secret ${s.name} has no key ${s.key} (secret.example.yaml)`);
    }
    const ports = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
    if (entry.o.kind !== 'Job') {
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        const http = c[probe]?.httpGet;
        if (!http) problem(at, `no ${probe}.httpGet`);
        else if (typeof http.port === 'string' && !ports.has(http.port))
          problem(at, `${probe} port ${http.port} is not a named port`);
      }
    }
    if (c.image?.split(':')[0] !== APP_IMAGE) continue;
    // Our image: the entrypoint command, the service's port and the /healthz probes.
    const command = c.args?.[0];
    if (!ENTRYPOINT_COMMANDS.has(command)) problem(at, `args[0] ${command} is not an entrypoint command`);
    if (!(command in SERVICES)) continue;
    if (ports.get('http') !== SERVICES[command]) problem(at, `port http must be ${SERVICES[command]}`);
    if (env.get('PORT')?.value !== String(SERVICES[command])) problem(at, `env PORT must be '${SERVICES[command]}'`);
    if (env.get('INSTANCE_ID')?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name') {
      problem(at, 'INSTANCE_ID must come from the pod name (downward API metadata.name)');
    }
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      if (c[probe]?.httpGet?.path !== '/healthz') problem(at, `${probe} must GET /healthz`);
    }
    if (!(pod.securityContext?.runAsNonRoot || c.securityContext?.runAsNonRoot)) problem(at, 'must run as non-root');
    if (command === 'browser-svc') {
      const shm = (c.volumeMounts ?? []).find((m) => m.mountPath === '/dev/shm');
      if (volumes.get(shm?.name)?.emptyDir?.medium !== 'Memory')
        problem(at, '/dev/shm must be an emptyDir with medium Memory');
    }
    if (command === 'orchestrator' && !(entry.o.spec.replicas >= 2))
      problem(at, 'orchestrator needs at least 2 replicas');
  }
}
const appDeployments = byKind('Deployment').map(({ o }) => o.metadata.name);
for (const service of Object.keys(SERVICES)) {
  if (!appDeployments.includes(service)) problem('deploy/k8s/base', `no Deployment ${service}`);
}
if (!byKind('Job').some(({ o }) => o.spec?.template?.spec?.containers?.[0]?.args?.[0] === 'migrate')) {
  problem('deploy/k8s/base', 'no migrate Job');
}
const podLabels = workloads.map(({ o }) => ({
  kind: o.kind,
  name: o.metadata.name,
  labels: o.spec?.template?.metadata?.labels ?? {},
  pod: o.spec?.template?.spec,
}));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
for (const entry of byKind('Service')) {
  const { spec } = entry.o;
  const targets = podLabels.filter((w) => matches(spec.selector, w.labels));
  if (!spec.selector || targets.length === 0) problem(nameOf(entry), 'selects no workload');
  const named = new Set(
    targets.flatMap((w) => (w.pod?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name))),
  );
  for (const p of spec.ports ?? []) {
    if (typeof p.targetPort === 'string' && !named.has(p.targetPort))
      problem(nameOf(entry), `targetPort ${p.targetPort} is not a container port name`);
  }
}
for (const entry of [...byKind('PodDisruptionBudget')]) {
  if (!podLabels.some((w) => matches(entry.o.spec?.selector?.matchLabels, w.labels)))
    problem(nameOf(entry), 'selects no workload');
}
for (const entry of byKind('HorizontalPodAutoscaler')) {
  const target = entry.o.spec?.scaleTargetRef ?? {};
  if (!podLabels.some((w) => w.kind === target.kind && w.name === target.name))
    problem(nameOf(entry), `targets missing ${target.kind}/${target.name}`);
}
if (!byKind('HorizontalPodAutoscaler').some(({ o }) => o.spec?.scaleTargetRef?.name === 'browser-svc'))
  problem('deploy/k8s/base', 'no HPA for browser-svc');
const nats = byKind('StatefulSet').find(({ o }) => o.metadata.name === 'nats');
if (!nats || nats.o.spec.replicas < 3 || !nats.o.spec.volumeClaimTemplates?.length)
  problem('deploy/k8s/base', 'NATS must be a 3-node StatefulSet with volumes');

// ---- 5. docker-compose.yml ----
const composeFile = join(DEPLOY, 'docker-compose.yml');
const compose = documents.get(composeFile)?.[0]?.services ?? {};
const at = (name) => `${rel(composeFile)} ${name}`;
for (const [name, service] of Object.entries(compose)) {
  for (const [dependency, spec] of Object.entries(service.depends_on ?? {})) {
    if (!compose[dependency]) problem(at(name), `depends on unknown service ${dependency}`);
    const condition = spec?.condition;
    if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition))
      problem(at(name), `depends_on ${dependency}: bad condition ${condition}`);
    if (condition === 'service_healthy' && !compose[dependency]?.healthcheck)
      problem(at(name), `waits for ${dependency} to be healthy, which has no healthcheck`);
  }
  if (service.image?.startsWith(APP_IMAGE) || service.image?.includes('WEBBYFLOW_IMAGE')) {
    if (!ENTRYPOINT_COMMANDS.has(service.command?.[0]))
      problem(at(name), `command ${service.command?.[0]} is not an entrypoint command`);
  }
}
for (const [name, port] of Object.entries(SERVICES)) {
  const service = compose[name];
  if (!service) {
    problem(rel(composeFile), `no service ${name}`);
    continue;
  }
  const env = service.environment ?? {};
  if (service.command?.[0] !== name) problem(at(name), `command must be ['${name}']`);
  if (String(env.PORT) !== String(port)) problem(at(name), `PORT must be ${port}`);
  if (!env.NATS_URL || env.HOST !== '0.0.0.0') problem(at(name), 'needs NATS_URL and HOST=0.0.0.0');
  if (!JSON.stringify(service.healthcheck?.test ?? '').includes('/healthz'))
    problem(at(name), 'healthcheck must call /healthz');
}
for (const oneShot of ['migrate', 'create-bucket']) {
  if (compose[oneShot]?.restart !== 'no') problem(at(oneShot), "a one-shot needs restart: 'no'");
}
if (compose['artifact-svc']?.environment?.ARTIFACT_STORAGE !== 's3')
  problem(at('artifact-svc'), 'ARTIFACT_STORAGE must be s3');
if (!compose['browser-svc']?.shm_size) problem(at('browser-svc'), 'needs shm_size for Chromium');

// ---- 6. Dockerfile ----
const dockerfile = join(DEPLOY, 'docker', 'Dockerfile');
const dockerText = readFileSync(dockerfile, 'utf8');
for (const d of lintDockerfile(dockerText)) {
  problem(`${rel(dockerfile)}:${d.range.start.line + 1}`, `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);
}
const rules = [
  [/^RUN .*npm install/m, 'installs with npm install'],
  [/^RUN .*npm run build/m, 'builds with npm run build'],
  [/node:24-bookworm-slim/, 'runs on node:24-bookworm-slim'],
  [/\bchromium\b/, 'installs Debian chromium'],
  [/^USER (?!root)\S+/m, 'switches to a non-root user'],
];
for (const [pattern, what] of rules)
  if (!pattern.test(dockerText)) problem(rel(dockerfile), `must show that it ${what}`);
if (/\bnpm ci\b/.test(dockerText.replace(/#.*$/gm, ''))) problem(rel(dockerfile), 'use npm install, not npm ci');
if (!existsSync(join(DEPLOY, 'docker', 'entrypoint.sh'))) problem('deploy/docker', 'no entrypoint.sh');

const summary = `${yamlFiles.length} YAML files, ${objects.length} Kubernetes objects, ${Object.keys(compose).length} compose services${kubectl ? ', kustomize render' : ' (kubectl not found: render skipped)'}${yamllint ? ', yamllint' : ' (yamllint not found: skipped)'}`;
if (problems.length > 0) {
  process.stderr.write(`deploy/ has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`deploy/ is valid: ${summary}\n`);
