import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StageReceipt } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useMove } from '../exchange/exchange.api.ts';
import { MoveResults } from '../exchange/MoveResults.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useSignerName } from './ReceiptStatus.tsx';

/** The receiving party's officer confirms the receipt once everyone has signed it. */
export function ConfirmReceipt({ person }: { person: StageReceipt }) {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const move = useMove(mechanism.id);
  const signerName = useSignerName();
  if (person.state === 'receipt_confirmed' || person.state === 'closed')
    return <SuccessAlert title={t('receipts.confirmed', { record: person.recordId })} />;
  const isReceiver = grant.role === 'party_officer' && grant.party === person.receivingParty;
  if (!isReceiver || person.state !== 'handed_over' || !person.receipt) return null;
  const { missing } = person.receipt;
  return (
    <Stack gap="xs">
      {missing.length > 0 ? (
        <Text size="sm">
          {t('receipts.confirmAfter', { signers: missing.map(signerName).join(', ') })}
        </Text>
      ) : (
        <Button
          w="fit-content"
          loading={move.isPending}
          onClick={() => move.mutate([{ personId: person.personId, to: 'receipt_confirmed' }])}
        >
          {t('receipts.confirm', { record: person.recordId })}
        </Button>
      )}
      <ErrorAlert error={move.error} />
      {move.data && <MoveResults results={move.data} recordOf={() => person.recordId} />}
    </Stack>
  );
}
