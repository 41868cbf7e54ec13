import { z } from 'zod';

/** A JetStream key-value bucket and the schema of its values: typed like the subject catalogue. */
export interface BucketSpec<S extends z.ZodType> {
  name: string;
  schema: S;
  /** Entries older than this are dropped by the server (0: kept). */
  maxAgeMs: number;
  /** Largest value in bytes; a bigger one is refused before it is sent. */
  maxValueBytes: number;
}

/**
 * What a browser-svc instance says every BROWSER_HEARTBEAT_INTERVAL_MS, under its instance id: it is alive
 * and holds these runs' sessions. The orchestrator treats an entry that stops changing as a lost owner.
 */
export const BrowserHeartbeatV1 = z.object({
  instanceId: z.string().min(1),
  /** When this process started: a restarted instance (same id) holds none of its predecessor's sessions. */
  startedAt: z.iso.datetime(),
  beatAt: z.iso.datetime(),
  taskIds: z.array(z.uuid()),
});
export type BrowserHeartbeatV1 = z.infer<typeof BrowserHeartbeatV1>;

/**
 * The last storage state of a run's session (URL, cookies, local storage per origin), taken after each action,
 * so a replacement session opened by the recovery coordinator continues where the lost one was.
 */
export const BrowserStateSnapshotV1 = z.object({
  taskId: z.uuid(),
  url: z.string(),
  takenAt: z.iso.datetime(),
  /** Playwright's storage state (cookies + origins with localStorage); checked again by browser-svc. */
  storageState: z.object({ cookies: z.array(z.unknown()), origins: z.array(z.unknown()) }),
});
export type BrowserStateSnapshotV1 = z.infer<typeof BrowserStateSnapshotV1>;

/** Key = browser-svc instance id. Old instances' entries go after a day. */
export const BROWSER_HEARTBEATS_BUCKET: BucketSpec<typeof BrowserHeartbeatV1> = {
  name: 'webbyflow_browser_heartbeats',
  schema: BrowserHeartbeatV1,
  maxAgeMs: 24 * 3_600_000,
  maxValueBytes: 256 * 1024,
};

/** Key = task id; deleted when the session closes, dropped after a day otherwise. */
export const BROWSER_STATE_BUCKET: BucketSpec<typeof BrowserStateSnapshotV1> = {
  name: 'webbyflow_browser_state',
  schema: BrowserStateSnapshotV1,
  maxAgeMs: 24 * 3_600_000,
  maxValueBytes: 512 * 1024,
};
