import { ValueTransformer } from 'typeorm';

/** pg returns `bigint` as a string; sizes we store stay far below 2^53, so a number is safe and checked. */
export const bigintNumberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null): number | null => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${String(value)} does not fit a JS number`);
    return parsed;
  },
};
