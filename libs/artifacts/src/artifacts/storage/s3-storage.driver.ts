import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable, addAbortSignal } from 'node:stream';
import type { StorageDriver, StorageStat } from './storage.driver';
import { StorageException, StorageExceptionCode, toStorageException } from './storage.exception';
import { assertValidStorageKey } from './storage-key';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (MinIO, s3rver); unset for AWS. */
  endpoint?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; most S3-compatible servers need it. */
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (env, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Deadline for each request's socket activity. */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey');

/** Objects in one bucket. A PutObject is atomic: readers see the old object or the whole new one. */
export class S3StorageDriver implements StorageDriver {
  readonly name = 's3' as const;
  private readonly bucket: string;

  constructor(
    options: S3StorageOptions,
    private readonly client: S3Client = createS3Client(options),
  ) {
    this.bucket = options.bucket;
  }

  async put(key: string, body: Buffer | Readable, contentType: string, signal?: AbortSignal): Promise<void> {
    assertValidStorageKey(key);
    try {
      // PutObject needs a length up front; artifacts are small (ARTIFACT_MAX_BYTES), so buffer streams.
      // Bigger objects would need a multipart upload.
      const bytes = Buffer.isBuffer(body) ? body : await collect(body, signal);
      const command = new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.length,
      });
      await this.client.send(command, { abortSignal: signal });
    } catch (error) {
      throw toStorageException(error, `Writing ${key} to s3://${this.bucket}`);
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<Readable> {
    assertValidStorageKey(key);
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
        abortSignal: signal,
      });
      if (!(output.Body instanceof Readable)) throw new Error('GetObject returned no readable body');
      return output.Body;
    } catch (error) {
      if (isNotFound(error)) throw new StorageException(StorageExceptionCode.NOT_FOUND, `No object at ${key}`);
      throw toStorageException(error, `Reading ${key} from s3://${this.bucket}`);
    }
  }

  async stat(key: string): Promise<StorageStat | null> {
    assertValidStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sizeBytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw toStorageException(error, `Stat of ${key} in s3://${this.bucket}`);
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw toStorageException(error, `Deleting ${key} from s3://${this.bucket}`);
    }
  }
}

export function createS3Client(options: S3StorageOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.credentials,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
    },
  });
}

async function collect(stream: Readable, signal?: AbortSignal): Promise<Buffer> {
  if (signal) addAbortSignal(signal, stream);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
