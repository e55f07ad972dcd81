import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_MAP, ONE_BUTTON_KEY_MAP, actionForKey, parseKeyMap } from '../../../../main/hardware/key-actions.ts';

describe('key actions', () => {
  it('maps 1 call next, 2 recall, 3 finish by default, and nothing else', () => {
    expect([1, 2, 3, 4].map((k) => actionForKey(DEFAULT_KEY_MAP, k))).toEqual(['callNext', 'recall', 'finish', null]);
  });

  it('makes key 1 finish-and-call-next in one-button mode and ignores the rest', () => {
    expect([1, 2].map((k) => actionForKey(ONE_BUTTON_KEY_MAP, k))).toEqual(['finishAndCallNext', null]);
  });

  it('accepts a custom map from JSON; none does nothing', () => {
    const map = parseKeyMap(JSON.parse('{"1":"finishAndCallNext","4":"recall","2":"none"}'));
    expect([1, 2, 3, 4].map((k) => actionForKey(map, k))).toEqual(['finishAndCallNext', null, null, 'recall']);
  });

  it('refuses a wrong map with a clear message naming the key', () => {
    expect(() => parseKeyMap({ '1': 'explode' })).toThrow(/key map field "1"/);
    expect(() => parseKeyMap({ '9': 'recall' })).toThrow(/field "9".*numbered 1 to 8/);
    expect(() => parseKeyMap(['callNext'])).toThrow(/key map/);
  });
});
