import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import {
  OUTCOME_LISTS,
  outcomeFileUrl,
  useOutcomeLists,
  useOutcomeReleases,
  useReleaseOutcomes,
  type OutcomeLine,
  type OutcomeList,
} from './outcomes.api.ts';

/** The mediator's release of lists to a party, and the releases made so far. */
function ReleaseForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const [party, setParty] = useState<string | null>(mechanism.parties[0] ?? null);
  const [lists, setLists] = useState<string[]>([...OUTCOME_LISTS]);
  const release = useReleaseOutcomes(mechanism.id);
  const releases = useOutcomeReleases(mechanism.id);
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('outcomes.release.title')}
      </Title>
      <Text size="sm">{t('outcomes.release.explain')}</Text>
      <Group align="flex-end">
        <Select
          label={t('outcomes.release.party')}
          data={mechanism.parties}
          value={party}
          onChange={setParty}
          allowDeselect={false}
        />
        <Checkbox.Group label={t('outcomes.release.lists')} value={lists} onChange={setLists}>
          <Group mt={4}>
            {OUTCOME_LISTS.map((list) => (
              <Checkbox key={list} value={list} label={t(`outcomes.list.${list}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button
          disabled={!party || lists.length === 0}
          loading={release.isPending}
          onClick={() => party && release.mutate({ party, lists: lists as OutcomeList[] })}
        >
          {t('outcomes.release.submit')}
        </Button>
      </Group>
      <ErrorAlert error={release.error} />
      {release.data && (
        <SuccessAlert
          title={t('outcomes.release.done', {
            party: release.data.party,
            lists: release.data.lists.map((l) => t(`outcomes.list.${l}`)).join(', '),
          })}
        />
      )}
      {(releases.data ?? []).length > 0 && (
        <Table>
          <Table.Caption>{t('outcomes.release.history')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outcomes.release.when')}</Table.Th>
              <Table.Th>{t('outcomes.release.party')}</Table.Th>
              <Table.Th>{t('outcomes.release.lists')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(releases.data ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{format.dateTime(r.releasedAt)}</Table.Td>
                <Table.Td>{r.party}</Table.Td>
                <Table.Td>{r.lists.map((l) => t(`outcomes.list.${l}`)).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One list's persons, filtered by name, record or service number. */
function Lines({ lines, list }: { lines: OutcomeLine[]; list: OutcomeList }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLocaleLowerCase();
  const shown = lines.filter(
    (l) =>
      !needle ||
      [l.name, l.nameLatin, l.recordId, l.serviceNumber].some((v) =>
        v?.toLocaleLowerCase().includes(needle),
      ),
  );
  return (
    <Stack>
      <TextInput
        label={t('outcomes.filter')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={360}
      />
      <Table striped>
        <Table.Caption>{t(`outcomes.caption.${list}`, { count: shown.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('outcomes.column.name')}</Table.Th>
            <Table.Th>{t('outcomes.column.nameLatin')}</Table.Th>
            <Table.Th>{t('outcomes.column.dateOfBirth')}</Table.Th>
            <Table.Th>{t('outcomes.column.rank')}</Table.Th>
            <Table.Th>{t('outcomes.column.serviceNumber')}</Table.Th>
            <Table.Th>{t('outcomes.column.record')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((l) => (
            <Table.Tr key={`${l.listParty}/${l.recordId}`}>
              <Table.Td>{l.name ?? '—'}</Table.Td>
              <Table.Td>{l.nameLatin ?? '—'}</Table.Td>
              <Table.Td>{l.dateOfBirth ?? '—'}</Table.Td>
              <Table.Td>{l.rank ?? '—'}</Table.Td>
              <Table.Td>{l.serviceNumber ?? '—'}</Table.Td>
              <Table.Td>
                {l.listParty} · {l.recordId}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The lists released to one party: one list at a time, and the files in the chosen language. */
function Released({ party }: { party: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const found = useOutcomeLists(mechanism.id, party);
  const [chosen, setChosen] = useState<OutcomeList | null>(null);
  if (found.isPending) return <Loading />;
  if (found.error instanceof ApiError && found.error.code === 'RECONCILIATION.NOT_RELEASED')
    return (
      <Alert color="gray" variant="outline" title={t('outcomes.notReleased', { party })}>
        {t('outcomes.notReleasedExplain')}
      </Alert>
    );
  if (found.error) return <ErrorAlert error={found.error} />;
  const { release, lines } = found.data;
  const list =
    chosen && release.lists.includes(chosen) ? chosen : (release.lists[0] ?? OUTCOME_LISTS[0]);
  const count = (l: OutcomeList) => lines.filter((line) => line.list === l).length;
  return (
    <Stack>
      <Text size="sm">
        {t('outcomes.releasedOn', { party, when: format.dateTime(release.releasedAt) })}
      </Text>
      <Group gap="md">
        {(['csv', 'xlsx', 'pdf'] as const).map((file) => (
          <Anchor
            key={file}
            href={outcomeFileUrl(mechanism.id, party, file, i18n.language)}
            download
          >
            {t('outcomes.download', { format: file.toUpperCase() })}
          </Anchor>
        ))}
      </Group>
      <SegmentedControl
        aria-label={t('outcomes.whichList')}
        value={list}
        onChange={setChosen}
        data={release.lists.map((l) => ({
          value: l,
          label: t('outcomes.listCount', {
            list: t(`outcomes.list.${l}`),
            count: format.integer(count(l)),
          }),
        }))}
      />
      <Text size="sm" c="dimmed">
        {t(`outcomes.explain.${list}`, { party })}
      </Text>
      <Lines key={list} lines={lines.filter((l) => l.list === list)} list={list} />
    </Stack>
  );
}

/**
 * The lists the parties exchange (issue 16): of a party's sought persons, whom the other side
 * acknowledged and whom not, and whom the other side holds unrequested, as the mediator releases
 * them. The mediator releases and may read any party's; a party's officer reads its own.
 */
export function OutcomeListsPage() {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const mayRelease = grant.permissions['outcomes.release'] !== undefined;
  const [party, setParty] = useState<string | null>(grant.party ?? mechanism.parties[0] ?? null);
  return (
    <Stack>
      <PageHeader title={t('outcomes.title')} subtitle={t('outcomes.whose')} />
      {mayRelease && <ReleaseForm />}
      {!grant.party && (
        <Select
          label={t('outcomes.releasedTo')}
          data={mechanism.parties}
          value={party}
          onChange={setParty}
          allowDeselect={false}
          maw={240}
        />
      )}
      {party && <Released key={party} party={party} />}
    </Stack>
  );
}
