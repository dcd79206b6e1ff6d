import { sayIn } from '../talks/talk-texts.ts';
import type { OfflineStage } from './offline-store.ts';

/**
 * The mechanism's name and the stage's place of a stage kept offline, in the reader's language,
 * from the translation memory's entries the stage was taken offline with (as entered otherwise).
 */
export function offlineTextsIn(
  stage: Pick<OfflineStage, 'mechanism' | 'stage' | 'texts'>,
  language: string,
): { mechanism: string; place: string } {
  const memory = new Map((stage.texts ?? []).map((entry) => [entry.source, entry]));
  return {
    mechanism: sayIn(memory, language, stage.mechanism.name).text,
    place: sayIn(memory, language, stage.stage.place).text,
  };
}
