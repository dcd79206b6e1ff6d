import { describe, expect, it } from 'vitest';
import { initialLanguageOf } from './initial-language.ts';

const AVAILABLE = ['en', 'uk', 'ru'] as const;
const open = (stored: string | null, browser: string[]) =>
  initialLanguageOf(AVAILABLE, stored, browser, 'en');

describe('the language Parley opens in', () => {
  it('is the one chosen before, even when the browser lists English first', () => {
    expect(open('uk', ['en-GB', 'en'])).toBe('uk');
    expect(open('ru', ['en-US', 'uk-UA'])).toBe('ru');
  });

  it("is the browser's first language that Parley has, not English whenever it is listed", () => {
    expect(open(null, ['ru-RU', 'ru', 'en-US', 'en'])).toBe('ru');
    expect(open(null, ['de-DE', 'uk', 'en'])).toBe('uk');
    expect(open(null, ['en-GB', 'ru'])).toBe('en');
  });

  it('skips a stored value it does not know, and falls back to English', () => {
    expect(open('de', ['ru-RU'])).toBe('ru');
    expect(open(null, ['de-DE', 'fr'])).toBe('en');
    expect(open(null, [])).toBe('en');
  });
});
