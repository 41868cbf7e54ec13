import { StorageException, StorageExceptionCode } from './storage.exception';
import { MAX_STORAGE_KEY_LENGTH, assertValidStorageKey, storageKeyProblem } from './storage-key';

describe('assertValidStorageKey', () => {
  it.each([
    'a.txt',
    'org/task/3f1c.png',
    '0b7e2a8c-1d4f-4a8e-9f0b-2c3d4e5f6a7b/no-task/0b7e2a8c-1d4f-4a8e-9f0b-2c3d4e5f6a7b.json',
    'a_b-c.d.e',
    [...Array<string>(3).fill('x'.repeat(127)), 'x'.repeat(128)].join('/'),
  ])('should accept %j', (key) => {
    expect(storageKeyProblem(key)).toBeNull();
    expect(() => assertValidStorageKey(key)).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['absolute', '/etc/passwd'],
    ['parent segment', '../x'],
    ['parent segment in the middle', 'a/../b'],
    ['current segment', 'a/./b'],
    ['hidden file', 'a/.env'],
    ['empty segment', 'a//b'],
    ['trailing slash', 'a/b/'],
    ['backslash', 'a\\b'],
    ['space', 'a b'],
    ['unicode', 'ä/b'],
    ['NUL byte', 'a\u0000b'],
    ['too long', 'a'.repeat(MAX_STORAGE_KEY_LENGTH + 1)],
    ['too long segment', 'a'.repeat(129)],
  ])('should throw INVALID_KEY when the key is %s', (_case, key) => {
    expect(storageKeyProblem(key)).not.toBeNull();
    let thrown: unknown;
    try {
      assertValidStorageKey(key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StorageException);
    expect(thrown).toMatchObject({ code: StorageExceptionCode.INVALID_KEY, terminal: true });
  });
});
