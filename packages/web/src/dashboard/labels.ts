import { useTranslation } from 'react-i18next';
import { PERSON_STATES, type PersonState, type StageStatus } from '../api/exchange.types.ts';

const isState = (key: string): key is PersonState =>
  (PERSON_STATES as readonly string[]).includes(key);
const STAGE_STATUSES: readonly string[] = ['proposed', 'approved', 'executing', 'completed'];

/** The words for the states and statuses the server names, or the name itself for a new one. */
export function useLabels() {
  const { t } = useTranslation();
  return {
    state: (key: string) => (isState(key) ? t(`state.${key}`) : key),
    stageStatus: (key: string) =>
      STAGE_STATUSES.includes(key) ? t(`stageStatus.${key as StageStatus}`) : key,
  };
}
