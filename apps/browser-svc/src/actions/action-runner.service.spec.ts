import type { ArtifactClient } from '@webbyflow/artifact-client';
import {
  ActionEffects,
  BrowserException,
  BrowserExceptionCode,
  PageScraper,
  type ActionExecutor,
  type BrowserConfig,
  type BrowserSession,
  type BrowserSessionManager,
} from '@webbyflow/browser';
import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';
import { SessionCommands } from '../sessions/session-commands';
import type { SessionStates } from '../sessions/session-states';
import { ACTION_OUTCOME_UNKNOWN, ActionRunner } from './action-runner.service';

const click: BrowserActionV1 = { type: 'click', elementId: 'e1', reasoning: '' };
const step = { orgId: 'org', stepIndex: 1 };
const done: ActionResultV1 = { success: true, outcome: 'done', url: 'http://127.0.0.1/shop', durationMs: 12 };

describe(ActionRunner.name, () => {
  let execute: jest.Mock<Promise<ActionResultV1>, []>;
  let save: jest.Mock<Promise<void>, []>;
  let runner: ActionRunner;

  beforeEach(() => {
    const session = {
      taskId: 't1',
      signal: new AbortController().signal,
      page: { url: () => 'http://127.0.0.1/shop' },
    } as unknown as BrowserSession;
    const sessions = {
      get: (taskId: string) => {
        if (taskId !== 't1') throw new BrowserException(BrowserExceptionCode.SESSION_NOT_FOUND, 'gone');
        return session;
      },
    } as unknown as BrowserSessionManager;
    execute = jest.fn<Promise<ActionResultV1>, []>();
    save = jest.fn<Promise<void>, []>().mockResolvedValue(undefined);
    jest.spyOn(ActionEffects, 'watch').mockReturnValue({
      complete: (result: ActionResultV1) => Promise.resolve(result),
      dispose: () => undefined,
    } as unknown as ActionEffects);
    const config = { navigationTimeoutMs: 1000 } as BrowserConfig;
    runner = new ActionRunner(
      sessions,
      { execute } as unknown as ActionExecutor,
      new PageScraper(config),
      {} as ArtifactClient,
      new SessionCommands(),
      { save } as unknown as SessionStates,
      config,
    );
  });
  afterEach(() => jest.restoreAllMocks());

  it('should run an action once and answer its redelivery with the recorded result', async () => {
    execute.mockResolvedValue(done);
    const [first, second] = await Promise.all([
      runner.run('m1', 't1', click, step),
      runner.run('m1', 't1', click, step),
    ]);
    const third = await runner.run('m1', 't1', click, step);
    expect([first, second, third]).toEqual([done, done, done]);
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('should save the session state after every action but typing or choosing with more of the command to come', async () => {
    execute.mockResolvedValue(done);
    const fill: BrowserActionV1 = {
      type: 'input_text',
      elementId: 'e2',
      text: 'Ada',
      pressEnter: false,
      reasoning: '',
    };
    await runner.run('m1', 't1', fill, { ...step, thenMore: true });
    expect(save).not.toHaveBeenCalled();
    await runner.run('m2', 't1', click, { ...step, thenMore: true });
    await runner.run('m3', 't1', fill, step);
    execute.mockResolvedValueOnce({ ...done, success: false, outcome: 'not_done' });
    await runner.run('m4', 't1', fill, { ...step, thenMore: true });
    expect(save).toHaveBeenCalledTimes(3);
  });

  it('should answer outcome unknown, not act again, when the first delivery failed after it started', async () => {
    execute.mockRejectedValueOnce(new Error('artifact-svc went away')).mockResolvedValue(done);
    await expect(runner.run('m1', 't1', click, step)).rejects.toThrow('artifact-svc went away');
    const again = await runner.run('m1', 't1', click, step);
    expect(again).toMatchObject({
      success: false,
      outcome: 'unknown',
      url: 'http://127.0.0.1/shop',
      error: { code: ACTION_OUTCOME_UNKNOWN, message: expect.stringContaining('artifact-svc went away') },
    });
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('should fail the redelivery the same way when the first one failed terminally', async () => {
    const closed = new BrowserException(BrowserExceptionCode.ABORTED, 'click aborted');
    execute.mockRejectedValue(closed);
    await expect(runner.run('m1', 't1', click, step)).rejects.toBe(closed);
    await expect(runner.run('m1', 't1', click, step)).rejects.toBe(closed);
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('should fail with SESSION_NOT_FOUND for a session this process does not hold', async () => {
    await expect(runner.run('m1', 't2', click, step)).rejects.toMatchObject({
      code: BrowserExceptionCode.SESSION_NOT_FOUND,
    });
    expect(execute).not.toHaveBeenCalled();
  });
});
