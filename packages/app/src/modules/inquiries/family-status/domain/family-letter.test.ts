import { describe, expect, it } from 'vitest';
import { letterOf, writtenDay, type LetterFacts } from './family-letter.ts';

const facts = (overrides: Partial<LetterFacts>): LetterFacts => ({
  kind: 'received',
  language: 'uk',
  inquirerName: 'Коваленко Марія',
  inquiry: 'UA-17',
  receivedOn: '2025-05-20',
  view: { status: 'no_information', since: '2025-05-20', handedOverOn: null, closeReason: null },
  writtenOn: '2025-06-12',
  ...overrides,
});

describe('a letter to the inquirer', () => {
  it('says in Ukrainian that the inquiry was received, with its number and day', () => {
    const letter = letterOf(facts({}));
    expect(letter.title).toBe('Ваш запит отримано');
    expect(letter.salutation).toBe('Шановна (-ий) Коваленко Марія,');
    expect(letter.paragraphs[0]).toBe(
      'Ми отримали ваш запит 20.05.2025. Його номер — UA-17; будь ласка, зазначайте його, коли пишете нам.',
    );
    expect(letter.dateLine).toBe('Дата листа: 12.06.2025');
  });

  it('tells the day he was handed over, in Russian and in English', () => {
    const view = {
      status: 'handed_over' as const,
      since: '2025-07-02',
      handedOverOn: '2025-07-02',
      closeReason: null,
    };
    expect(letterOf(facts({ kind: 'status', language: 'ru', view })).paragraphs).toEqual([
      'Вот на каком этапе ваш запрос UA-17 на 12.06.2025.',
      'Его передали 02.07.2025.',
    ]);
    expect(letterOf(facts({ kind: 'status', language: 'en', view })).paragraphs[1]).toBe(
      'He was handed over on 2 July 2025.',
    );
  });

  it('says why a closed inquiry was closed', () => {
    const view = {
      status: 'closed' as const,
      since: '2025-08-01',
      handedOverOn: null,
      closeReason: 'merged' as const,
    };
    expect(letterOf(facts({ kind: 'status', language: 'en', view })).paragraphs.slice(1)).toEqual([
      'Your inquiry was closed on 1 August 2025.',
      'It was joined with another inquiry about the same person.',
    ]);
  });

  it('writes a day as each language does', () => {
    expect(writtenDay('2025-01-09', 'en')).toBe('9 January 2025');
    expect(writtenDay('2025-01-09', 'ru')).toBe('09.01.2025');
  });
});
