import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources.ts';
import type { TimelineEntry } from './talks.types.ts';
import { timelineWords } from './timeline-words.ts';

const entry = (kind: TimelineEntry['kind'], facts: TimelineEntry['facts']): TimelineEntry => ({
  at: '2025-06-02',
  kind,
  id: null,
  title: 'in English',
  detail: 'in English',
  facts,
});

describe('the timeline in the user’s language', () => {
  it('says rounds, stages, regimes and violation counts in Ukrainian and Russian, names as written', async () => {
    const words = async (language: 'uk' | 'ru', e: TimelineEntry) => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng: language,
        resources: { [language]: { translation: resources[language] } },
      });
      return timelineWords(i18n.t, e);
    };
    expect(
      await words('uk', entry('round', { number: 1, venue: 'Istanbul', outcomes: 'x' })),
    ).toEqual({
      title: 'Раунд 1: Istanbul',
      detail: 'x',
    });
    expect(
      (
        await words(
          'uk',
          entry('stage', { number: 2, agreementName: 'A', place: 'Border', status: 'executing' }),
        )
      ).detail,
    ).toBe(`Border, ${resources.uk.stageStatus.executing}`);
    // An agreement made from a template by the template's name in the reader's language.
    const agreed = { ...entry('agreement', { status: 'agreed' }), title: 'Istanbul, 2 June 2025' };
    expect((await words('ru', agreed)).title).toBe('Стамбул, 2 июня 2025');
    const regime = entry('ceasefire', { fromStatus: 'proposed', toStatus: 'agreed', reason: null });
    expect((await words('ru', regime)).detail).toBe('Предложен → Согласован');
    expect(await words('ru', entry('violations', { reports: 5, events: 2 }))).toEqual({
      title: '5 сообщений о нарушениях',
      detail: '2 события',
    });
    expect((await words('uk', entry('violations', { reports: 1, events: 1 }))).detail).toBe(
      '1 подія',
    );
  });

  it('says the texts of the talks in their translation when there is one', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'uk', resources: { uk: { translation: resources.uk } } });
    const memory = new Map([
      ['Çırağan Palace, Istanbul', 'Палац Чираган, Стамбул'],
      ['Return of 6,000 bodies for 6,000 bodies', 'Повернення 6000 тіл на 6000 тіл'],
      ['Belarus–Ukraine border', 'Кордон Білорусі та України'],
    ]);
    const say = (text: string) => memory.get(text) ?? text;
    const round = entry('round', {
      number: 2,
      venue: 'Çırağan Palace, Istanbul',
      outcomes: 'Return of 6,000 bodies for 6,000 bodies; An exchange',
      outcomeList: ['Return of 6,000 bodies for 6,000 bodies', 'An exchange'],
    });
    expect(timelineWords(i18n.t, round, say)).toEqual({
      title: 'Раунд 2: Палац Чираган, Стамбул',
      detail: 'Повернення 6000 тіл на 6000 тіл; An exchange',
    });
    const stage = entry('stage', {
      number: 1,
      place: 'Belarus–Ukraine border',
      status: 'executing',
    });
    expect(timelineWords(i18n.t, stage, say).detail).toBe(
      `Кордон Білорусі та України, ${resources.uk.stageStatus.executing}`,
    );
  });
});
