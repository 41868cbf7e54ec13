import { CommandRecord } from './command-record';

describe(CommandRecord.name, () => {
  it('should record a command as running before its work starts, then as done with its value', async () => {
    const record = new CommandRecord<string>(4);
    let seenWhileRunning: string | undefined;
    const promise = record.start('a', () => {
      seenWhileRunning = record.get('a')?.status;
      return Promise.resolve('result');
    });
    expect(record.get('a')?.status).toBe('running');
    await expect(promise).resolves.toBe('result');
    expect(seenWhileRunning).toBe('running');
    expect(record.get('a')).toEqual({ status: 'done', value: 'result' });
  });

  it('should keep the error of a command that failed', async () => {
    const record = new CommandRecord<string>(4);
    const error = new Error('boom');
    await expect(record.start('a', () => Promise.reject(error))).rejects.toBe(error);
    expect(record.get('a')).toEqual({ status: 'failed', error });
  });

  it('should forget the least recently used ids past its cap when an id is added', async () => {
    const record = new CommandRecord<number>(2);
    await record.start('a', () => Promise.resolve(1));
    await record.start('b', () => Promise.resolve(2));
    record.get('a'); // used again: b is now the oldest
    await record.start('c', () => Promise.resolve(3));
    expect([record.get('a')?.status, record.get('b'), record.get('c')?.status]).toEqual(['done', undefined, 'done']);
    expect(record.size).toBe(2);
  });
});
