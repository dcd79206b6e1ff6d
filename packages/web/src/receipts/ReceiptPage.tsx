import { Anchor, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { manifestUrl } from '../manifests/manifests.api.ts';
import { SignaturesTable } from '../manifests/SignaturesTable.tsx';
import { SignPanel } from '../manifests/SignPanel.tsx';
import { VerifyPanel } from '../manifests/VerifyPanel.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { CanonicalDocument } from './CanonicalDocument.tsx';
import { ConfirmReceipt } from './ConfirmReceipt.tsx';
import { useReceipt, useStageReceipts } from './receipts.api.ts';
import { useTalkTexts } from '../talks/talk-texts.ts';

/** One person's handover receipt: what it says, its hash and signatures; sign, verify, confirm. */
export function ReceiptPage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { receiptId = '' } = useParams();
  const { mechanism, base } = useWorkspace();
  const receipt = useReceipt(mechanism.id, receiptId);
  const stagePersons = useStageReceipts(mechanism.id, receipt.data?.document.stage.id ?? null);
  if (receipt.isPending) return <Loading />;
  if (receipt.error) return <ErrorAlert error={receipt.error} />;
  const file = receipt.data;
  const { person, stage } = file.document;
  const onPath = stagePersons.data?.find((p) => p.receipt?.id === receiptId);
  const name = [person.surname, person.givenName].filter(Boolean).join(' ') || '—';
  return (
    <Stack>
      <PageHeader
        title={t('receipts.receiptOf', { record: person.recordId })}
        subtitle={t('receipts.subtitle', {
          number: stage.number,
          place: say(stage.place),
          date: format.date(stage.date),
        })}
        actions={
          <Anchor component={Link} to={`${base}/receipts`}>
            {t('receipts.back')}
          </Anchor>
        }
      />
      <Table maw={720}>
        <Table.Caption>{t('receipts.whatItSays')}</Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('receipts.name')}</Table.Th>
            <Table.Td>{name}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('receipts.dateOfBirth')}</Table.Th>
            <Table.Td>{person.dateOfBirth ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('receipts.direction')}</Table.Th>
            <Table.Td>{`${person.from} → ${person.to}`}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('receipts.handedOverAt')}</Table.Th>
            <Table.Td>{format.dateTime(file.document.handedOverAt)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('receipts.manifest')}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{file.document.manifest ?? '—'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <CanonicalDocument document={file.document} hash={file.hash} />
      <Anchor href={manifestUrl(mechanism.id, receiptId, true)} download w="fit-content">
        {t('receipts.downloadPdf')}
      </Anchor>
      <Title order={2} size="h3">
        {t('receipts.signatures')}
      </Title>
      <SignaturesTable file={file} />
      <SignPanel
        file={file}
        manifestId={receiptId}
        texts={{
          help: t('receipts.signHelp'),
          sign: t('receipts.sign'),
          signedAs: t('receipts.signedAs'),
        }}
      />
      <VerifyPanel
        manifestId={receiptId}
        texts={{ verify: t('receipts.verify'), verified: t('receipts.verified') }}
      />
      <ErrorAlert error={stagePersons.error} />
      {onPath && <ConfirmReceipt person={onPath} />}
    </Stack>
  );
}
