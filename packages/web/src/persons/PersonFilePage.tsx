import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PersonLine } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useSignerName } from '../receipts/ReceiptStatus.tsx';
import { PairComparison } from '../reconciliation/PairComparison.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useCategoryName } from './names.ts';
import { usePersonFile, type PersonFile } from './persons.api.ts';
import { useTalkTexts } from '../talks/talk-texts.ts';

const LINE_FIELDS = [
  'surname',
  'givenName',
  'patronymic',
  'surnameLatin',
  'givenNameLatin',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'nationality',
  'rank',
  'serviceNumber',
  'unit',
  'captureDate',
  'capturePlace',
] as const satisfies ReadonlyArray<keyof PersonLine>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function HeldLine({ line }: { line: PersonLine }) {
  const { t } = useTranslation();
  return (
    <Table>
      <Table.Tbody>
        {LINE_FIELDS.filter((f) => line[f] !== null).map((field) => (
          <Table.Tr key={field}>
            <Table.Th scope="row" w="30%">
              {t(`field.${field}`)}
            </Table.Th>
            <Table.Td>{line[field]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PathTable({ path }: { path: PersonFile['path'] }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  if (path.length === 0) return <Text>{t('person.noMoves')}</Text>;
  return (
    <Table striped>
      <Table.Caption>{t('person.pathCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('person.when')}</Table.Th>
          <Table.Th>{t('person.move')}</Table.Th>
          <Table.Th>{t('person.who')}</Table.Th>
          <Table.Th>{t('path.reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {path.map((step, i) => (
          <Table.Tr key={i}>
            <Table.Td>{format.dateTime(step.at)}</Table.Td>
            <Table.Td>{`${t(`state.${step.from}`)} → ${t(`state.${step.to}`)}`}</Table.Td>
            <Table.Td ff="monospace">{step.actor}</Table.Td>
            <Table.Td>{say(step.reason) || '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Receipt({ receipt }: { receipt: NonNullable<PersonFile['receipt']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { base } = useWorkspace();
  const signerName = useSignerName();
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={`${base}/receipts/${receipt.id}`}>
        {t('person.openReceipt', { hash: receipt.hash.slice(0, 16) })}
      </Anchor>
      <Table>
        <Table.Tbody>
          {receipt.required.map((signer) => {
            const signed = receipt.signatures.find(
              (s) => s.role === signer.role && s.party === signer.party,
            );
            return (
              <Table.Tr key={`${signer.role}/${signer.party ?? ''}`}>
                <Table.Th scope="row">{signerName(signer)}</Table.Th>
                <Table.Td>
                  {signed
                    ? t('person.signedBy', {
                        signer: signed.signer,
                        at: format.dateTime(signed.signedAt),
                      })
                    : t('manifest.unsigned')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** One person's whole file, as far as the reader's role may see it. */
export function PersonFilePage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { personId = '' } = useParams();
  const { mechanism, base } = useWorkspace();
  const file = usePersonFile(mechanism.id, personId);
  const categoryName = useCategoryName(mechanism.id);
  if (file.isPending) return <Loading />;
  if (file.error) return <ErrorAlert error={file.error} />;
  const { person, stage, held, match, eligibility, path, receipt } = file.data;
  return (
    <Stack>
      <PageHeader
        title={person.name ?? person.nameLatin ?? person.recordId}
        subtitle={t('person.subtitle', {
          record: person.recordId,
          from: person.party,
          to: person.receivingParty,
        })}
      />
      <Group gap="xs">
        <Badge variant="outline">{t(`state.${person.state}`)}</Badge>
        <Badge variant="outline" color="gray.8" style={{ textTransform: 'none' }}>
          {categoryName(person.category)}
        </Badge>
        {person.name && person.nameLatin && <Text size="sm">{person.nameLatin}</Text>}
      </Group>
      {stage ? (
        <Text>
          {t('person.inStage', {
            number: stage.number,
            place: say(stage.place),
            date: format.date(stage.date),
            status: t(`stageStatus.${stage.status}`),
          })}{' '}
          <Anchor component={Link} to={`${base}/receipts?stage=${stage.id}`}>
            {t('person.stageReceipts')}
          </Anchor>
        </Text>
      ) : (
        <Text>{t('person.noStage')}</Text>
      )}
      <Section title={t('person.held', { party: person.party })}>
        {held ? <HeldLine line={held} /> : <Text>{t('person.notYours')}</Text>}
      </Section>
      {match && (
        <Section title={t('person.match')}>
          <Text>
            {match.outcome ? t(`outcome.${match.outcome}` as 'outcome.acknowledged') : '—'}
          </Text>
          {match.pair ? <PairComparison pair={match.pair} /> : <Text>{t('person.noPair')}</Text>}
        </Section>
      )}
      <Section title={t('person.eligibility')}>
        {eligibility ? (
          <Stack gap={4}>
            <Text>
              {t(`eligibilityOutcome.${eligibility.outcome}` as 'eligibilityOutcome.eligible')}
              {eligibility.decidedBy && ` · ${categoryName(eligibility.decidedBy)}`}
            </Text>
            {eligibility.clause && <Text size="sm">{eligibility.clause}</Text>}
            {eligibility.missing.length > 0 && (
              <Text size="sm">
                {`${t('eligibility.missing')}: ${eligibility.missing
                  .map((f) => t(`field.${f}` as 'field.surname', { defaultValue: f }))
                  .join(', ')}`}
              </Text>
            )}
          </Stack>
        ) : (
          <Text>{t('person.notYours')}</Text>
        )}
      </Section>
      <Section title={t('person.path')}>
        <PathTable path={path} />
      </Section>
      <Section title={t('person.receipt')}>
        {receipt ? <Receipt receipt={receipt} /> : <Text>{t('receipts.notIssued')}</Text>}
      </Section>
    </Stack>
  );
}
