import { describe, expect, it } from 'vitest';
import { normaliseText, stripLatinDiacritics } from './normalise-text.ts';

describe('normaliseText', () => {
  it('composes to NFC, so a decomposed й equals the composed one', () => {
    expect(normaliseText('Андреи\u0306')).toBe('андрей');
  });

  it('trims and collapses every kind of white space to one space', () => {
    expect(normaliseText('  Шевченко\u00A0\tТарас \u2003 Григорович\n')).toBe(
      'шевченко тарас григорович',
    );
  });

  it('unifies apostrophes to U+0027', () => {
    for (const apostrophe of ["'", '\u2019', '\u02BC', '`']) {
      expect(normaliseText(`Дем${apostrophe}ян`)).toBe("дем'ян");
    }
  });

  it('unifies hyphens and dashes and drops soft hyphens and zero-width characters', () => {
    expect(normaliseText('Римський\u2013Корсаков')).toBe('римський-корсаков');
    expect(normaliseText('Петрен\u00ADко\u200B')).toBe('петренко');
  });

  it('lower-cases ALL CAPS Cyrillic and Latin', () => {
    expect(normaliseText('ЩЕГЛОВА')).toBe('щеглова');
    expect(normaliseText('SHCHEHLOVA')).toBe('shchehlova');
  });

  it('repairs Latin look-alikes inside Cyrillic words', () => {
    // Latin o and i typed inside Cyrillic names.
    expect(normaliseText('Петренкo Iван')).toBe('петренко іван');
  });

  it('keeps diacritics unless asked to strip them', () => {
    expect(normaliseText('Ševčenko')).toBe('ševčenko');
    expect(normaliseText('Ševčenko', { stripDiacritics: true })).toBe('sevcenko');
  });
});

describe('stripLatinDiacritics', () => {
  it('strips Latin diacritics and spells out ligatures', () => {
    expect(stripLatinDiacritics('łódź straße œuvre')).toBe('lodz strasse oeuvre');
  });

  it('leaves Cyrillic letters with diacritics alone', () => {
    expect(stripLatinDiacritics('йїё')).toBe('йїё');
    expect(stripLatinDiacritics('и\u0306')).toBe('и\u0306');
  });

  it('drops combining marks that sit on Latin letters', () => {
    expect(stripLatinDiacritics('s\u030Cevc\u030Cenko')).toBe('sevcenko');
  });
});
