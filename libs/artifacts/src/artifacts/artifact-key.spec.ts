import { StorageExceptionCode } from './storage/storage.exception';
import { StorageException } from './storage/storage.exception';
import { ArtifactException, ArtifactExceptionCode } from './artifact.exception';
import { NO_TASK_SEGMENT, artifactStorageKey, extensionFor } from './artifact-key';
import { storageKeyProblem } from './storage/storage-key';

const orgId = '0b7e2a8c-1d4f-4a8e-9f0b-2c3d4e5f6a7b';
const taskId = '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const artifactId = '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d';

describe('artifactStorageKey', () => {
  it('should build <orgId>/<taskId>/<artifactId>.<ext>', () => {
    expect(artifactStorageKey(orgId, taskId, artifactId, 'image/png')).toBe(`${orgId}/${taskId}/${artifactId}.png`);
  });

  it('should use a placeholder segment when there is no task', () => {
    expect(artifactStorageKey(orgId, null, artifactId, 'application/json')).toBe(
      `${orgId}/${NO_TASK_SEGMENT}/${artifactId}.json`,
    );
  });

  it('should always produce a valid storage key', () => {
    expect(storageKeyProblem(artifactStorageKey(orgId, null, artifactId, 'weird/type'))).toBeNull();
  });
});

describe('extensionFor', () => {
  it.each([
    ['image/png', 'png'],
    ['IMAGE/JPEG', 'jpg'],
    ['text/html; charset=utf-8', 'html'],
    ['application/json', 'json'],
    ['application/x-unknown', 'bin'],
  ])('should map %s to %s', (contentType, ext) => {
    expect(extensionFor(contentType)).toBe(ext);
  });
});

describe(ArtifactException.name, () => {
  it.each([
    [StorageExceptionCode.NOT_FOUND, ArtifactExceptionCode.NOT_FOUND, true],
    [StorageExceptionCode.INVALID_KEY, ArtifactExceptionCode.INVALID_KEY, true],
    [StorageExceptionCode.INVALID_CONTENT_TYPE, ArtifactExceptionCode.INVALID_CONTENT_TYPE, true],
    [StorageExceptionCode.TOO_LARGE, ArtifactExceptionCode.TOO_LARGE, true],
    [StorageExceptionCode.FAILED, ArtifactExceptionCode.STORAGE_FAILED, false],
  ])('should map storage %s to %s (terminal: %s)', (storageCode, code, terminal) => {
    const mapped = ArtifactException.fromStorage(new StorageException(storageCode, 'boom'));
    expect(mapped.toErrorInfo()).toEqual({ name: 'ArtifactException', code, message: 'boom', terminal });
  });

  it('should treat any other error as a retryable STORAGE_FAILED', () => {
    expect(ArtifactException.fromStorage(new Error('EIO'))).toMatchObject({ code: 'STORAGE_FAILED', terminal: false });
  });
});
