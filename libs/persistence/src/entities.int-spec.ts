import { DataSource, QueryFailedError } from 'typeorm';
import { ActionEntity } from './actions/action.entity';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { generateApiKey } from './api-keys/api-key.hasher';
import { ArtifactEntity } from './artifacts/artifact.entity';
import { OrgEntity } from './orgs/org.entity';
import { ScratchDatabase, createScratchDatabase } from './scratch-database';
import { StepEntity } from './steps/step.entity';
import { TaskEntity } from './tasks/task.entity';

/** A QueryFailedError carrying this Postgres SQLSTATE (23505 unique, 23503 FK, 23514 CHECK). */
const pgError = (code: string) => ({ name: QueryFailedError.name, driverError: expect.objectContaining({ code }) });

describe('persistence entities', () => {
  let db: ScratchDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createScratchDatabase({ label: 'entities' });
    ds = db.dataSource;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const newOrg = (name = `org-${Math.random()}`) => ds.getRepository(OrgEntity).save({ name });
  const newTask = (orgId: string, patch: Partial<TaskEntity> = {}) =>
    ds
      .getRepository(TaskEntity)
      .save({ orgId, url: 'https://example.test/', goal: 'find the price', maxSteps: 5, timeoutSeconds: 60, ...patch });
  const newStep = (taskId: string, index = 0) =>
    ds.getRepository(StepEntity).save({ taskId, index, status: 'scraping' as const });
  const newAction = (step: StepEntity, index = 0) =>
    ds.getRepository(ActionEntity).save({
      stepId: step.id,
      taskId: step.taskId,
      index,
      type: 'click',
      elementId: 'e12',
      input: { type: 'click', elementId: 'e12', reasoning: 'the buy button' },
      reasoning: 'the buy button',
    });

  it('should store an org and an api key with generated ids and timestamps', async () => {
    const org = await newOrg('Acme');
    const { prefix, keyHash } = generateApiKey();
    const saved = await ds.getRepository(ApiKeyEntity).save({ orgId: org.id, name: 'ci', prefix, keyHash });
    const key = await ds.getRepository(ApiKeyEntity).findOneByOrFail({ keyHash });
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(key).toMatchObject({ id: saved.id, orgId: org.id, prefix, lastUsedAt: null, revokedAt: null });
    expect(key.createdAt).toBeInstanceOf(Date);
    await expect(newOrg('Acme')).rejects.toThrow(QueryFailedError);
  });

  it('should store a task with defaults and read jsonb back as objects', async () => {
    const org = await newOrg();
    const task = await newTask(org.id, { extractionSchema: { type: 'object' }, output: [1, { a: 'b' }] });
    const read = await ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
    expect(read).toMatchObject({
      status: 'created',
      payload: {},
      extractionSchema: { type: 'object' },
      output: [1, { a: 'b' }],
      stepCount: 0,
      currentStepIndex: null,
      webhookUrl: null,
      deadlineAt: null,
      recoveryRules: [],
    });
    expect(read.updatedAt.getTime()).toBeGreaterThan(0);
  });

  it('should store steps and actions, unique by index within their parent', async () => {
    const task = await newTask((await newOrg()).id);
    const step = await newStep(task.id);
    await ds.getRepository(StepEntity).update(step.id, { status: 'planning', inputTokens: 120, model: 'gpt-test' });
    const action = await newAction(step);
    expect(await ds.getRepository(StepEntity).findOneByOrFail({ id: step.id })).toMatchObject({
      status: 'planning',
      inputTokens: 120,
      outputTokens: 0,
      model: 'gpt-test',
      screenshotArtifactId: null,
    });
    expect(await ds.getRepository(ActionEntity).findOneByOrFail({ id: action.id })).toMatchObject({
      status: 'pending',
      input: { type: 'click', elementId: 'e12' },
      result: null,
    });
    await expect(newStep(task.id, 0)).rejects.toMatchObject(pgError('23505'));
    await expect(newAction(step, 0)).rejects.toMatchObject(pgError('23505'));
  });

  it('should store an artifact and read size_bytes back as a number', async () => {
    const org = await newOrg();
    const saved = await ds.getRepository(ArtifactEntity).save({
      orgId: org.id,
      taskId: null,
      stepIndex: null,
      kind: 'screenshot' as const,
      contentType: 'image/png',
      sizeBytes: 5_000_000_000,
      sha256: 'a'.repeat(64),
      storageDriver: 'local' as const,
      storageKey: `${org.id}/no-task/x.png`,
    });
    const read = await ds.getRepository(ArtifactEntity).findOneByOrFail({ id: saved.id });
    expect(read.sizeBytes).toBe(5_000_000_000);
    expect(read.kind).toBe('screenshot');
  });

  it('should delete steps and actions with their task (FK cascade)', async () => {
    const task = await newTask((await newOrg()).id);
    const step = await newStep(task.id);
    await newAction(step, 0);
    await newAction(step, 1);
    await ds.getRepository(TaskEntity).delete(task.id);
    expect(await ds.getRepository(StepEntity).countBy({ taskId: task.id })).toBe(0);
    expect(await ds.getRepository(ActionEntity).countBy({ taskId: task.id })).toBe(0);
  });

  it('should refuse rows pointing at a missing parent and an org that still has tasks', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(newTask(missing)).rejects.toMatchObject(pgError('23503'));
    await expect(newStep(missing)).rejects.toMatchObject(pgError('23503'));
    const org = await newOrg();
    await newTask(org.id);
    await expect(ds.getRepository(OrgEntity).delete(org.id)).rejects.toMatchObject(pgError('23503'));
  });

  it.each([
    ['tasks', `UPDATE tasks SET status = 'paused' WHERE id = $1`],
    ['steps', `UPDATE steps SET status = 'thinking' WHERE task_id = $1`],
  ])('should reject an unknown status in %s (CHECK constraint)', async (_table, sql) => {
    const task = await newTask((await newOrg()).id);
    await newStep(task.id);
    await expect(ds.query(sql, [task.id])).rejects.toMatchObject(pgError('23514'));
    await expect(ds.getRepository(TaskEntity).update(task.id, { status: 'running' })).resolves.toBeDefined();
  });

  it('should reject an unknown artifact kind or storage driver (CHECK constraint)', async () => {
    const insert = (kind: string, driver: string) =>
      ds.query(
        `INSERT INTO artifacts (org_id, kind, content_type, size_bytes, sha256, storage_driver, storage_key)
         VALUES (gen_random_uuid(), $1, 'text/plain', 1, $3, $2, gen_random_uuid()::text)`,
        [kind, driver, 'b'.repeat(64)],
      );
    await expect(insert('video', 'local')).rejects.toMatchObject(pgError('23514'));
    await expect(insert('html', 'ftp')).rejects.toMatchObject(pgError('23514'));
    await expect(insert('html', 's3')).resolves.toBeDefined();
  });
});
