import { describe, expect, it } from 'vitest';
import { orderLikeModelState } from '../../../emulator/notifications/validate/order-like-model-state.js';

const keysOf = (entries: Array<[string, string]>): string[] => Object.keys(orderLikeModelState(entries));

describe('orderLikeModelState', () => {
  it('lists the empty key first, then each level of the key tree in turn (contract §4.4)', () => {
    expect(keysOf([['$.a.b', 'm'], ['request', 'm'], ['', 'm'], ['$', 'm']])).toEqual(['', '$', 'request', '$.a.b']);
  });

  it('sorts siblings by length, then case-insensitively', () => {
    expect(keysOf([['Bb', 'm'], ['c', 'm'], ['aa', 'm'], ['ABC', 'm']])).toEqual(['c', 'aa', 'Bb', 'ABC']);
  });

  it('merges keys that differ only in case under the first spelling', () => {
    expect(orderLikeModelState([['X.Body', 'one'], ['x.body', 'two']])).toEqual({ 'X.Body': ['one', 'two'] });
  });

  it('keeps a bracketed segment as one level', () => {
    expect(keysOf([["$['a b']", 'm'], ['request', 'm']])).toEqual(['request', "$['a b']"]);
  });

  it('defines "__proto__" as an ordinary own key', () => {
    const errors = orderLikeModelState([['__proto__', 'm']]);
    expect(Object.keys(errors)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
  });
});
