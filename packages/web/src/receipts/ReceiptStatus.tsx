import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignerRef, StageReceipt } from '../api/exchange.types.ts';
import type { Role } from '../api/types.ts';

/** A signer as people say it: "Party officer (UA)", "Neutral verifier". */
export function useSignerName() {
  const { t } = useTranslation();
  return (signer: SignerRef) =>
    `${t(`role.${signer.role as Role}`)}${signer.party ? ` (${signer.party})` : ''}`;
}

/** Where a person's receipt stands: not issued, waiting for whom, or signed by all. */
export function ReceiptStatus({ receipt }: { receipt: StageReceipt['receipt'] }) {
  const { t } = useTranslation();
  const signerName = useSignerName();
  if (!receipt)
    return (
      <Badge variant="outline" color="gray.8">
        {t('receipts.notIssued')}
      </Badge>
    );
  if (receipt.missing.length === 0)
    return (
      <Badge variant="outline" color="teal.9">
        {t('receipts.signedByAll')}
      </Badge>
    );
  return (
    <Badge variant="outline" color="blue.9" style={{ textTransform: 'none' }}>
      {t('receipts.waitingFor', { signers: receipt.missing.map(signerName).join(', ') })}
    </Badge>
  );
}
