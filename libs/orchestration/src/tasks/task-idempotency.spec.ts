import { TaskSpecV1 } from '@webbyflow/contracts';
import { specHash } from './task-idempotency';

describe(specHash.name, () => {
  const spec = TaskSpecV1.parse({ url: 'https://a.example/', goal: 'g', payload: { b: 1, a: 2 } });

  it('should hash the same spec the same when its keys come in another order', () => {
    const reordered = TaskSpecV1.parse({ payload: { a: 2, b: 1 }, goal: 'g', url: 'https://a.example/' });
    expect(specHash(reordered)).toBe(specHash(spec));
  });

  it('should hash a different spec differently when one value changes', () => {
    expect(specHash({ ...spec, goal: 'h' })).not.toBe(specHash(spec));
    expect(specHash({ ...spec, priority: 1 })).not.toBe(specHash(spec));
  });
});
