import { describe, expect, it } from 'vitest';
import { detectScript, fixLookalikes } from './script.ts';

describe('detectScript', () => {
  it('tells Cyrillic, Latin, mixed and letter-less text apart', () => {
    expect(detectScript('Шевченко')).toBe('cyrillic');
    expect(detectScript('Ševčenko')).toBe('latin');
    expect(detectScript('Шевченко Taras')).toBe('mixed');
    expect(detectScript('12.03.1990 - ')).toBe('none');
    expect(detectScript('')).toBe('none');
  });

  it('reports raw text, before look-alikes are repaired', () => {
    expect(detectScript('Петренкo')).toBe('mixed');
    expect(detectScript(fixLookalikes('Петренкo'))).toBe('cyrillic');
  });
});

describe('fixLookalikes', () => {
  it('turns Latin look-alikes inside a Cyrillic word into Cyrillic', () => {
    const fixed = fixLookalikes('Kовaленкo Iрина');
    expect(fixed).toBe('Коваленко Ірина');
    expect(detectScript(fixed)).toBe('cyrillic');
  });

  it('turns Cyrillic look-alikes inside a Latin word into Latin', () => {
    const fixed = fixLookalikes('Kovalеnkо Тaras');
    expect(fixed).toBe('Kovalenko Taras');
    expect(detectScript(fixed)).toBe('latin');
  });

  it('leaves pure words and words with letters unique to both scripts alone', () => {
    expect(fixLookalikes('Шевченко Shevchenko')).toBe('Шевченко Shevchenko');
    // ш has no Latin twin and v no Cyrillic one: a genuine mix, not a typo we can repair.
    expect(fixLookalikes('Шevченко')).toBe('Шevченко');
  });

  it('judges each word on its own, apostrophes included', () => {
    expect(fixLookalikes("Дем'ян Kоваль")).toBe("Дем'ян Коваль");
  });
});
