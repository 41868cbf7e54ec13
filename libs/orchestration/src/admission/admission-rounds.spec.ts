import type { DataSource } from 'typeorm';
import type { RunPublisher } from '../loop/run-publisher';
import type { OrchestrationConfig } from '../orchestration.config';
import { AdmissionService } from './admission.service';

/** The scheduling of rounds only: each round (`admit`, a database transaction) is held open by the test. */
describe(AdmissionService.name, () => {
  const setup = () => {
    const service = new AdmissionService(
      {} as DataSource,
      {} as RunPublisher,
      { ORCHESTRATOR_ADMISSION_INTERVAL_MS: 1000 } as OrchestrationConfig,
    );
    const rounds: Array<() => void> = [];
    jest
      .spyOn(service, 'admit')
      .mockImplementation(() => new Promise<string[]>((resolve) => rounds.push(() => resolve([]))));
    const endRound = async (i: number) => {
      await new Promise((r) => setImmediate(r));
      rounds[i]();
      await new Promise((r) => setImmediate(r));
    };
    return { service, rounds, endRound };
  };

  it('should answer a kick after the round that starts after it, not after every round a burst triggers', async () => {
    const { service, rounds, endRound } = setup();
    const done: string[] = [];
    const kick = (name: string) => void service.kick().then(() => done.push(name));
    kick('a'); // starts round 0
    kick('b'); // waits for round 1: round 0 may have read the queue before b's run was in it
    await endRound(0);
    expect(done).toEqual(['a']);
    kick('c'); // arrives during round 1: waits for round 2
    await endRound(1);
    expect(done).toEqual(['a', 'b']);
    kick('d'); // during round 2, like c: both answered after round 3
    await endRound(2);
    expect(done).toEqual(['a', 'b', 'c']);
    await endRound(3);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(rounds).toHaveLength(4);
  });

  it('should run one round for many kicks that arrive while another runs', async () => {
    const { service, rounds, endRound } = setup();
    const first = service.kick();
    const burst = Promise.all(Array.from({ length: 100 }, () => service.kick()));
    await endRound(0);
    await first;
    await endRound(1);
    await burst;
    expect(rounds).toHaveLength(2);
  });
});
