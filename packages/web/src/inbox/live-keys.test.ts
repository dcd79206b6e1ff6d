import { describe, expect, it } from 'vitest';
import { keysOfChange } from './live-keys.ts';

describe('the queries a change reads again', () => {
  it("reads again the topic's queries of that mechanism only, and the inbox", () => {
    expect(keysOfChange({ mechanism: 'm1', topic: 'exchange' })).toEqual([
      ['inbox'],
      ['exchange', 'm1'],
      ['dashboard', 'm1'],
    ]);
    expect(keysOfChange({ mechanism: 'm1', topic: 'talks' })).toEqual([['inbox'], ['talks', 'm1']]);
  });

  it('reads again the inbox alone for a topic it does not know', () => {
    expect(keysOfChange({ mechanism: 'm1', topic: 'weather' })).toEqual([['inbox']]);
  });
});
