import type { GatewayHarness } from '../gateway.harness';

type Rows = Array<Record<string, unknown>>;

// When a key was last used is bookkeeping that a rejected request may still update.
const VOLATILE_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };

/** Every row of every table of the scratch database, in a stable order. */
async function databaseRows(gw: GatewayHarness): Promise<Record<string, Rows>> {
  const tables = await gw.db.dataSource.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const snapshot: Record<string, Rows> = {};
  for (const { table_name: table } of tables) {
    const rows = await gw.db.dataSource.query<Rows>(`SELECT * FROM "${table}"`);
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    snapshot[table] = rows
      .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !volatile.includes(column))))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return snapshot;
}

/** What an org sees through the API: its task list and every task's view, steps, events and deliveries. */
async function apiView(gw: GatewayHarness, key: string, artifactIds: string[]): Promise<Record<string, unknown>> {
  const read = async (path: string) => {
    const res = await gw.call('GET', path, { key });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const list = await read('/v1/tasks?limit=200');
  const ids = (list.body as { tasks: Array<{ id: string }> }).tasks.map((t) => t.id);
  const tasks: Record<string, unknown> = {};
  for (const id of ids) {
    tasks[id] = await Promise.all(
      ['', '/steps', '/events', '/webhook/deliveries'].map((suffix) => read(`/v1/tasks/${id}${suffix}`)),
    );
  }
  const artifacts: Record<string, unknown> = {};
  for (const id of artifactIds) {
    const res = await gw.call('GET', `/v1/artifacts/${id}/content`, { key });
    artifacts[id] = { status: res.status, bytes: Buffer.from(await res.arrayBuffer()).toString('base64') };
  }
  return { list, tasks, artifacts };
}

/**
 * The data a bad request must not change: the database, what both orgs see through the API, and
 * what the stand-ins hold (the orchestrator stand-in keeps the tasks in memory).
 */
export async function storedData(gw: GatewayHarness, artifactIds: { a: string[]; b: string[] }) {
  return {
    database: await databaseRows(gw),
    orgA: await apiView(gw, gw.orgA.key, artifactIds.a),
    orgB: await apiView(gw, gw.orgB.key, artifactIds.b),
    orchestrator: {
      created: gw.orchestrator.created.length,
      tasks: [...gw.orchestrator.tasks.entries()],
      deliveries: [...gw.orchestrator.deliveries.entries()],
    },
    artifacts: [...gw.artifactSvc.artifacts.keys()].sort(),
  };
}
