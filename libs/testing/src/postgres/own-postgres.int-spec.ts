import { DataSource } from 'typeorm';
import { startOwnPostgres, type OwnPostgres } from './own-postgres';

describe('startOwnPostgres', () => {
  let pg: OwnPostgres;

  beforeAll(async () => {
    pg = await startOwnPostgres();
  }, 60_000);

  afterAll(async () => {
    await pg?.destroy();
  });

  const withDb = async <T>(work: (db: DataSource) => Promise<T>): Promise<T> => {
    const db = new DataSource({ type: 'postgres', url: pg.url, poolSize: 1 });
    await db.initialize();
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  const rows = () => withDb((db) => db.query<Array<{ n: number }>>('SELECT n FROM t ORDER BY n'));

  it('should keep committed rows across a fast restart and across a SIGKILL of the postmaster', async () => {
    await withDb(async (db) => {
      await db.query('CREATE TABLE t (n int)');
      await db.query('INSERT INTO t VALUES (1)');
    });
    await pg.restart();
    await withDb((db) => db.query('INSERT INTO t VALUES (2)'));
    await pg.kill();
    await expect(rows()).rejects.toThrow();
    await pg.start();
    expect(await rows()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(pg.log()).toMatch(/not properly shut down|automatic recovery/);
  }, 60_000);

  it('should end open sessions on restart, and serve new ones on the same port', async () => {
    const db = new DataSource({ type: 'postgres', url: pg.url, poolSize: 1 });
    await db.initialize();
    try {
      const before = await db.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
      await pg.restart({ mode: 'immediate', downtimeMs: 200 });
      // The pool drops the dead client; the next query opens a new session.
      await db.query('SELECT 1').catch(() => undefined);
      const after = await db.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
      expect(after[0].pid).not.toBe(before[0].pid);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
