import { z } from 'zod';
import { catalogue, Subject, versionOf } from './catalogue';

describe('catalogue', () => {
  const subjects = Object.keys(catalogue) as Subject[];

  it('should version every subject with a .vN suffix', () => {
    for (const subject of subjects) expect(subject).toMatch(/^webbyflow\.(evt|cmd|qry)\.[a-z_]+\.[a-z_]+\.v\d+$/);
  });

  it('should keep the subject prefix in line with the kind when listed', () => {
    const prefix = { event: 'evt', command: 'cmd', query: 'qry' } as const;
    for (const subject of subjects) expect(subject.split('.')[1]).toBe(prefix[catalogue[subject].kind]);
  });

  it('should name events in the past tense when they are facts', () => {
    const verbs = subjects.filter((s) => catalogue[s].kind === 'event').map((s) => s.split('.')[3]);
    for (const verb of verbs) expect(verb).toMatch(/(ed|_out|failed|opened|closed)$/);
  });

  it('should have a failure event for each service when listed', () => {
    for (const service of ['gateway', 'orchestrator', 'browser', 'llm', 'artifact']) {
      expect(subjects).toContain(`webbyflow.evt.${service}.failed.v1`);
    }
  });

  it('should parse the version from the subject when asked', () => {
    expect(versionOf('webbyflow.evt.task.completed.v1')).toBe(1);
  });

  it('should export every payload schema as JSON Schema when generating documents', () => {
    for (const subject of subjects) {
      expect(() => z.toJSONSchema(catalogue[subject].schema, { unrepresentable: 'any' })).not.toThrow();
    }
  });
});
