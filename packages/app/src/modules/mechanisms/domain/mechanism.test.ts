import { describe, expect, it } from 'vitest';
import { matchMechanismName, mechanismNameKey } from './mechanism.ts';

const DEMO = { name: 'UA–RU demo (Istanbul 2025)' };
const OTHER = { name: 'UA—BY channel' };

describe('finding a mechanism by a name as typed', () => {
  it('reads every dash as a hyphen, and spaces and case alike', () => {
    expect(mechanismNameKey('UA–RU')).toBe('ua-ru');
    expect(mechanismNameKey('UA—RU')).toBe('ua-ru');
    expect(mechanismNameKey('  UA\u2212RU   demo ')).toBe('ua-ru demo');
  });

  it('finds "UA-RU demo (Istanbul 2025)" typed with a hyphen', () => {
    expect(matchMechanismName('UA-RU demo (Istanbul 2025)', [DEMO, OTHER])).toEqual({
      found: DEMO,
    });
    expect(matchMechanismName('ua-by CHANNEL', [DEMO, OTHER])).toEqual({ found: OTHER });
  });

  it('suggests the names that hold what was typed: "UA-RU" for the demo', () => {
    expect(matchMechanismName('UA-RU', [DEMO, OTHER])).toEqual({
      found: null,
      suggestions: [DEMO],
    });
    expect(matchMechanismName('UA-', [DEMO, OTHER])).toEqual({
      found: null,
      suggestions: [DEMO, OTHER],
    });
    expect(matchMechanismName('nothing like it', [DEMO])).toEqual({
      found: null,
      suggestions: [],
    });
  });
});
