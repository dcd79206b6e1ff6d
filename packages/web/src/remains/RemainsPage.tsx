import {
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { ImportProblems, rejectionOf } from '../lists/ImportProblems.tsx';
import type { BagState } from '../reports/report-view.ts';
import { useWorkspace } from '../session/workspace.tsx';
import {
  useAdvanceBatch,
  useExamineBag,
  useOfferBatch,
  useOfferBatchFile,
  useRemains,
  type Bag,
  type Batch,
  type RemainsOverview,
} from './remains.api.ts';
import { examinationsOf, nextStepOf, parseBags } from './remains-steps.ts';

/** Bodies each way, the sender's own dead returned, and whether the two directions balance. */
function Parity({
  parity,
  sides,
}: {
  parity: RemainsOverview['parity'];
  sides: readonly string[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [a = '', b = ''] = sides;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {t('remains.parity.title')}
        </Title>
        <Badge color={parity.isBalanced ? 'teal.9' : 'red.9'} size="lg">
          {parity.isBalanced ? t('stage.balanced') : t('stage.notBalanced')}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {[
          [a, b],
          [b, a],
        ].map(([from = '', to = '']) => {
          const direction = `${from}->${to}`;
          return (
            <Stack key={direction} gap={2}>
              <Text fw={700}>{t('remains.direction', { from, to })}</Text>
              <Text>
                {t('remains.parity.bodies', { n: format.integer(parity.bodies[direction] ?? 0) })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('remains.parity.identified', {
                  n: format.integer(parity.identified[direction] ?? 0),
                })}
                {' · '}
                {t('remains.parity.foreign', { n: format.integer(parity.foreign[direction] ?? 0) })}
              </Text>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}

/**
 * A party officer offers a batch of its side's dead: a label and the bodies in each bag, typed
 * for a few bags or read from a file for thousands (all or nothing, every problem by line).
 */
function OfferBatchForm({ from }: { from: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const typed = useOfferBatch(mechanism.id);
  const fromFile = useOfferBatchFile(mechanism.id);
  const [label, setLabel] = useState('');
  const [bagsText, setBagsText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const parsed = bagsText.trim() ? parseBags(bagsText) : null;
  const wrong = parsed && 'wrong' in parsed ? parsed.wrong : null;
  const offer = file ? fromFile : typed;
  const rejection = rejectionOf(fromFile.error);
  // What was offered last, whichever way: the form is emptied for the next batch.
  const [offered, setOffered] = useState<{ bags: number; bodies: number } | null>(null);
  const done = {
    onSuccess: (result: { bags: number; bodies: number }) => {
      setOffered(result);
      setLabel('');
      setBagsText('');
      setFile(null);
    },
  };
  const submit = () => {
    const batch = { from, label: label.trim() };
    setOffered(null);
    if (file) {
      fromFile.mutate({ ...batch, file }, done);
      return;
    }
    if (!parsed || !('bags' in parsed)) return;
    typed.mutate(
      {
        ...batch,
        bags: parsed.bags.map((bodies, i) => ({ label: `${batch.label}-${i + 1}`, bodies })),
      },
      done,
    );
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t('remains.offer.title', { party: from })}
        </Title>
        <Group align="flex-start">
          <TextInput
            label={t('remains.offer.label')}
            description={t('remains.offer.labelHint')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('remains.offer.bags')}
            description={t('remains.offer.bagsHint')}
            value={bagsText}
            onChange={(e) => setBagsText(e.currentTarget.value)}
            error={wrong !== null ? t('remains.offer.wrong', { entry: wrong }) : undefined}
            disabled={file !== null}
            w={320}
          />
          <FileInput
            label={t('remains.offer.file')}
            description={t('remains.offer.fileHint')}
            placeholder={t('remains.offer.choose')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              fromFile.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('remains.offer.clearFile') }}
            w={320}
          />
        </Group>
        <Group>
          <Button
            disabled={!label.trim() || (file === null && (!parsed || wrong !== null))}
            loading={offer.isPending}
            onClick={submit}
          >
            {t('remains.offer.submit')}
          </Button>
        </Group>
        <ErrorAlert error={offer.error} />
        {rejection && (
          <ImportProblems
            problems={rejection.errors}
            caption={t('remains.offer.errors', { count: rejection.errors.length })}
          />
        )}
        {offered && (
          <SuccessAlert
            title={t('remains.offer.done', {
              bags: format.integer(offered.bags),
              bodies: format.integer(offered.bodies),
            })}
          />
        )}
      </Stack>
    </Card>
  );
}

function BagRow({ batch, bag }: { batch: Batch; bag: Bag }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const examine = useExamineBag(mechanism.id);
  const outcomes = examinationsOf(batch, bag, grant);
  const [outcome, setOutcome] = useState<BagState | null>(null);
  const [note, setNote] = useState('');
  return (
    <Table.Tr>
      <Table.Td>{bag.label}</Table.Td>
      <Table.Td ta="right">{format.integer(bag.bodies)}</Table.Td>
      <Table.Td>{t(`remains.bagState.${bag.state}`)}</Table.Td>
      <Table.Td>{bag.note ?? ''}</Table.Td>
      {outcomes.length > 0 && (
        <Table.Td>
          <Stack gap="xs">
            <Group gap="xs" align="flex-end">
              <Select
                aria-label={t('remains.examine.outcome', { bag: bag.label })}
                placeholder={t('remains.examine.choose')}
                data={outcomes.map((o) => ({ value: o, label: t(`remains.bagState.${o}`) }))}
                value={outcome}
                onChange={(value) => setOutcome(value)}
                w={200}
              />
              <TextInput
                aria-label={t('remains.examine.note', { bag: bag.label })}
                placeholder={t('remains.examine.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                w={220}
              />
              <Button
                variant="light"
                disabled={!outcome}
                loading={examine.isPending}
                aria-label={t('remains.examine.recordFor', { bag: bag.label })}
                onClick={() =>
                  outcome &&
                  examine.mutate(
                    { bagId: bag.id, to: outcome, ...(note.trim() ? { note: note.trim() } : {}) },
                    {
                      onSuccess: () => {
                        setOutcome(null);
                        setNote('');
                      },
                    },
                  )
                }
              >
                {t('remains.examine.record')}
              </Button>
            </Group>
            <ErrorAlert error={examine.error} />
          </Stack>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function BatchCard({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const advance = useAdvanceBatch(mechanism.id);
  const next = nextStepOf(batch, grant);
  const bodies = batch.bags.reduce((sum, bag) => sum + bag.bodies, 0);
  const mayExamine = batch.bags.some((bag) => examinationsOf(batch, bag, grant).length > 0);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('remains.batch.title', { label: batch.label, from: batch.from, to: batch.to })}
          </Title>
          <Badge variant="outline">{t(`remains.batchState.${batch.state}`)}</Badge>
        </Group>
        <Text size="sm">
          {t('remains.batch.counts', {
            bags: format.integer(batch.bags.length),
            bodies: format.integer(bodies),
          })}
        </Text>
        {next && (
          <Group>
            <Button
              loading={advance.isPending}
              onClick={() => advance.mutate({ batchId: batch.id, to: next })}
            >
              {t(`remains.batch.to.${next}`, { label: batch.label })}
            </Button>
          </Group>
        )}
        <ErrorAlert error={advance.error} />
        <Table striped>
          <Table.Caption>{t('remains.batch.bags', { label: batch.label })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('remains.bag.label')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('remains.bag.bodies')}
              </Table.Th>
              <Table.Th scope="col">{t('remains.bag.state')}</Table.Th>
              <Table.Th scope="col">{t('remains.bag.note')}</Table.Th>
              {mayExamine && <Table.Th scope="col">{t('remains.bag.examine')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.bags.map((bag) => (
              <BagRow key={bag.id} batch={batch} bag={bag} />
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** Batches of remains between the parties, their bags, and parity of bodies. */
export function RemainsPage() {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const remains = useRemains(mechanism.id);
  const mayOffer = grant.role === 'party_officer' && grant.party !== null;
  return (
    <Stack>
      <PageHeader title={t('remains.title')} subtitle={t('remains.whose')} />
      <ErrorAlert error={remains.error} />
      {remains.isPending && <Loading />}
      {remains.data && <Parity parity={remains.data.parity} sides={mechanism.parties} />}
      {mayOffer && grant.party && <OfferBatchForm from={grant.party} />}
      {remains.data?.batches.length === 0 && <Text>{t('remains.none')}</Text>}
      {[...(remains.data?.batches ?? [])].reverse().map((batch) => (
        <BatchCard key={batch.id} batch={batch} />
      ))}
    </Stack>
  );
}
