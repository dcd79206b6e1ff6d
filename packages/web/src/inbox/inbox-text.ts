import type { TFunction } from 'i18next';
import type { InboxItem } from './inbox.api.ts';

/**
 * What an inbox item says, in the chosen language; a text of the talks (a document's title) as
 * `sayTalks` gives it in that language from the mechanism's translation memory.
 */
export function inboxText(
  t: TFunction,
  item: InboxItem,
  format: { date: (day: string) => string; dateTime: (iso: string | null) => string },
  sayTalks: (mechanismId: string, text: string) => string = (_, text) => text,
): string {
  const stage = item.stage
    ? { number: item.stage.number, date: format.date(item.stage.date) }
    : { number: '', date: '' };
  switch (item.kind) {
    case 'manifest.sign':
      return t('inbox.item.manifestSign', stage);
    case 'receipts.sign':
      return t('inbox.item.receiptsSign', { count: item.count, ...stage });
    case 'receipts.issue':
      return t('inbox.item.receiptsIssue', { count: item.count, ...stage });
    case 'receipts.confirm':
      return t('inbox.item.receiptsConfirm', { count: item.count, ...stage });
    case 'persons.step':
      return t('inbox.item.personsStep', {
        count: item.count,
        state: t(`state.${item.state ?? 'proposed'}` as 'state.proposed'),
      });
    case 'stage.approve':
      return t('inbox.item.stageApprove', stage);
    case 'pairs.review':
      return t('inbox.item.pairsReview', { count: item.count });
    case 'inquiries.review':
      return t('inbox.item.inquiriesReview', { count: item.count });
    case 'inquiries.match':
      return t('inbox.item.inquiriesMatch', { count: item.count });
    case 'talks.answer':
      return t('inbox.item.talksAnswer', {
        parties: (item.parties ?? []).join(', '),
        point: item.point ?? '',
        document: sayTalks(item.mechanismId, item.document ?? ''),
      });
    case 'outcomes.released':
      return t('inbox.item.outcomesReleased', { at: format.dateTime(item.at ?? null) });
  }
}
