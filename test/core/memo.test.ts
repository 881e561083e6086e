import { describe, expect, it } from '@jest/globals';
import { memoizeByString } from '../../src/core/memo';

describe('memoizeByString', () => {
  it('computes once per input and stays within its bounds', () => {
    const calls: string[] = [];
    const f = memoizeByString(
      (s: string) => {
        calls.push(s);
        return s.length;
      },
      2,
      5,
    );
    expect([f('a'), f('a'), f('bb')]).toEqual([1, 1, 2]);
    expect(calls).toEqual(['a', 'bb']);
    f('ccc'); // evicts 'a', the oldest
    f('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
    f('toolong');
    f('toolong'); // inputs over the length bound are never cached
    expect(calls.filter((c) => c === 'toolong')).toHaveLength(2);
  });

  it('caches undefined results too', () => {
    let n = 0;
    const f = memoizeByString(() => {
      n++;
      return undefined;
    });
    f('x');
    f('x');
    expect(n).toBe(1);
  });
});
