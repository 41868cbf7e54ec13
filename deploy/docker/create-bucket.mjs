// One-shot: creates S3_BUCKET on the S3 server at S3_ENDPOINT if it does not exist (compose's MinIO).
// Uses the same S3_* variables as artifact-svc. Retries while the server starts; exits non-zero on failure.
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

const env = process.env;
const bucket = env.S3_BUCKET;
if (!bucket) {
  process.stderr.write('S3_BUCKET is required\n');
  process.exit(2);
}
const client = new S3Client({
  region: env.S3_REGION ?? 'us-east-1',
  endpoint: env.S3_ENDPOINT || undefined,
  forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  credentials:
    env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
      : undefined,
});
const send = (command) => client.send(command, { abortSignal: AbortSignal.timeout(10_000) });
const attempts = Number(env.CREATE_BUCKET_ATTEMPTS ?? 30);

for (let attempt = 1; ; attempt++) {
  try {
    try {
      await send(new HeadBucketCommand({ Bucket: bucket }));
      process.stdout.write(`bucket ${bucket} exists\n`);
    } catch (error) {
      if (error?.$metadata?.httpStatusCode !== 404) throw error;
      await send(new CreateBucketCommand({ Bucket: bucket }));
      process.stdout.write(`created bucket ${bucket}\n`);
    }
    process.exit(0);
  } catch (error) {
    if (attempt >= attempts) {
      process.stderr.write(`could not create bucket ${bucket}: ${error?.name ?? ''} ${error?.message ?? error}\n`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
