import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EVENTS_STREAM, type Envelope } from '@webbyflow/contracts';
import { EventRecorder, waitFor } from '@webbyflow/testing';

/**
 * Every event the WEBBYFLOW_EVENTS stream holds now, read afresh in stream order (a long-lived recorder
 * may have missed messages around a NATS restart; the stream is the record).
 */
export async function readEventStream(natsUrl: string, timeoutMs = 30_000): Promise<Envelope[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const total = (await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM)).state.messages;
    const recorder = await EventRecorder.start(nc);
    try {
      await waitFor(() => recorder.events.length + recorder.rejected.length >= total, {
        timeoutMs,
        what: `${total} events from ${EVENTS_STREAM}`,
      });
      return recorder.events;
    } finally {
      await recorder.stop();
    }
  } finally {
    await nc.close();
  }
}
