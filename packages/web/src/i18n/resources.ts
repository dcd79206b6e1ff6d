import dashboardEn from '../dashboard/locales/en.json';
import dashboardRu from '../dashboard/locales/ru.json';
import dashboardUk from '../dashboard/locales/uk.json';
import receiptsEn from '../receipts/locales/en.json';
import receiptsRu from '../receipts/locales/ru.json';
import receiptsUk from '../receipts/locales/uk.json';
import correctionsEn from '../corrections/locales/en.json';
import correctionsRu from '../corrections/locales/ru.json';
import correctionsUk from '../corrections/locales/uk.json';
import talksEn from '../talks/locales/en.json';
import talksRu from '../talks/locales/ru.json';
import talksUk from '../talks/locales/uk.json';
import keysEn from '../keys/locales/en.json';
import keysRu from '../keys/locales/ru.json';
import keysUk from '../keys/locales/uk.json';
import retentionEn from '../retention/locales/en.json';
import retentionRu from '../retention/locales/ru.json';
import retentionUk from '../retention/locales/uk.json';
import remainsEn from '../remains/locales/en.json';
import remainsRu from '../remains/locales/ru.json';
import remainsUk from '../remains/locales/uk.json';
import reportsEn from '../reports/locales/en.json';
import reportsRu from '../reports/locales/ru.json';
import reportsUk from '../reports/locales/uk.json';
import mappingEn from '../lists/locales/en.json';
import mappingRu from '../lists/locales/ru.json';
import mappingUk from '../lists/locales/uk.json';
import ruleChangeEn from '../agreements/locales/en.json';
import ruleChangeRu from '../agreements/locales/ru.json';
import ruleChangeUk from '../agreements/locales/uk.json';
import logWitnessEn from '../audit/locales/en.json';
import logWitnessRu from '../audit/locales/ru.json';
import logWitnessUk from '../audit/locales/uk.json';
import accountEn from '../account/locales/en.json';
import accountRu from '../account/locales/ru.json';
import accountUk from '../account/locales/uk.json';
import inquiriesEn from '../inquiries/locales/en.json';
import inquiriesRu from '../inquiries/locales/ru.json';
import inquiriesUk from '../inquiries/locales/uk.json';
import familyEn from '../family/locales/en.json';
import familyRu from '../family/locales/ru.json';
import familyUk from '../family/locales/uk.json';
import outcomesEn from '../outcomes/locales/en.json';
import outcomesRu from '../outcomes/locales/ru.json';
import outcomesUk from '../outcomes/locales/uk.json';
import personsEn from '../persons/locales/en.json';
import personsRu from '../persons/locales/ru.json';
import personsUk from '../persons/locales/uk.json';
import inboxEn from '../inbox/locales/en.json';
import inboxRu from '../inbox/locales/ru.json';
import inboxUk from '../inbox/locales/uk.json';
import apiErrorEn from '../errors/locales/en.json';
import apiErrorRu from '../errors/locales/ru.json';
import apiErrorUk from '../errors/locales/uk.json';
import offlineEn from '../offline/locales/en.json';
import offlineRu from '../offline/locales/ru.json';
import offlineUk from '../offline/locales/uk.json';
import en from './locales/en.json';
import ru from './locales/ru.json';
import uk from './locales/uk.json';

/*
 * The translations, one resource per language. The common texts live in ./locales; a section
 * with many texts of its own keeps them beside its screens, in a file per language under its
 * own top-level key, and is merged here. That keeps each section's words with its code, and
 * lets two sections change their texts without touching the same file.
 */
export const resources = {
  en: {
    ...en,
    ...apiErrorEn,
    ...dashboardEn,
    ...mappingEn,
    ...ruleChangeEn,
    ...receiptsEn,
    ...correctionsEn,
    ...talksEn,
    ...keysEn,
    ...retentionEn,
    ...reportsEn,
    ...remainsEn,
    ...logWitnessEn,
    ...accountEn,
    ...inquiriesEn,
    ...familyEn,
    ...personsEn,
    ...outcomesEn,
    ...inboxEn,
    ...offlineEn,
  },
  uk: {
    ...uk,
    ...apiErrorUk,
    ...dashboardUk,
    ...mappingUk,
    ...ruleChangeUk,
    ...receiptsUk,
    ...correctionsUk,
    ...talksUk,
    ...keysUk,
    ...retentionUk,
    ...reportsUk,
    ...remainsUk,
    ...logWitnessUk,
    ...accountUk,
    ...inquiriesUk,
    ...familyUk,
    ...personsUk,
    ...outcomesUk,
    ...inboxUk,
    ...offlineUk,
  },
  ru: {
    ...ru,
    ...apiErrorRu,
    ...dashboardRu,
    ...mappingRu,
    ...ruleChangeRu,
    ...receiptsRu,
    ...correctionsRu,
    ...talksRu,
    ...keysRu,
    ...retentionRu,
    ...reportsRu,
    ...remainsRu,
    ...logWitnessRu,
    ...accountRu,
    ...inquiriesRu,
    ...familyRu,
    ...personsRu,
    ...outcomesRu,
    ...inboxRu,
    ...offlineRu,
  },
};

export type Resource = typeof resources.en;
