import { Alert, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import type { AuditEntry } from '../api/types.ts';
import { useAuditEntries, useVerifyAudit } from './admin.api.ts';

/** The filter as typed: text, and times as the browser's datetime-local inputs give them. */
interface AuditFields {
  action: string;
  actor: string;
  object: string;
  from: string;
  to: string;
}
const NO_FILTER: AuditFields = { action: '', actor: '', object: '', from: '', to: '' };

/** A local date and time as the API wants it (ISO 8601 in UTC); none while it is incomplete. */
function instant(local: string): string | undefined {
  const time = local ? new Date(local) : null;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}

function filterOf(fields: AuditFields) {
  const from = instant(fields.from);
  const to = instant(fields.to);
  return {
    action: fields.action.trim(),
    actor: fields.actor.trim(),
    object: fields.object.trim(),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** Who acted: the person's name, with the id the log holds beneath it (the system has no name). */
function ActorCell({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.actor === 'system') return <Text size="sm">{t('admin.systemActor')}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm">{entry.actorName ?? entry.actor}</Text>
      {entry.actorName !== null && (
        <Text size="xs" c="dimmed">
          {entry.actor}
        </Text>
      )}
    </Stack>
  );
}

/** An object of an entry: the mechanism by its name, any other by its id. */
const objectLabel = (entry: AuditEntry, id: string): string =>
  id === entry.mechanismId && entry.mechanismName !== null ? entry.mechanismName : id;

/**
 * The audit log's entries, newest first, filtered (the action by a part of its name), and a check
 * of its hash chain and signed checkpoints.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [fields, setFields] = useState<AuditFields>(NO_FILTER);
  const [beforeSeq, setBeforeSeq] = useState<number | undefined>(undefined);
  const [typed] = useDebouncedValue(fields, 300);
  const entries = useAuditEntries({
    ...filterOf(typed),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
  });
  const field = (name: keyof AuditFields) => ({
    value: fields[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setFields((current) => ({ ...current, [name]: value }));
      setBeforeSeq(undefined);
    },
  });
  const verify = useVerifyAudit();
  const last = entries.data?.at(-1)?.seq;
  return (
    <Stack>
      <PageHeader
        title={t('admin.audit')}
        subtitle={t('admin.auditHelp')}
        actions={
          <Button onClick={() => verify.mutate()} loading={verify.isPending}>
            {t('admin.verify')}
          </Button>
        }
      />
      <ErrorAlert error={verify.error} />
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal.9' : 'red.9'}
          variant="outline"
          role="status"
          title={verify.data.ok ? t('admin.verifyOk') : t('admin.verifyBroken')}
        >
          <Text size="sm">
            {t('admin.verifyDetail', {
              entries: format.integer(verify.data.entries),
              checkpoints: format.integer(verify.data.checkpoints),
            })}
          </Text>
          {verify.data.problem && <Text size="sm">{verify.data.problem}</Text>}
          {verify.data.lastHash && <Code>{verify.data.lastHash}</Code>}
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('admin.action')}
          description={t('admin.actionHelp')}
          placeholder="manifest.sign"
          {...field('action')}
        />
        <TextInput label={t('admin.actor')} placeholder="user:admin" {...field('actor')} />
        <TextInput
          label={t('admin.object')}
          description={t('admin.objectHelp')}
          {...field('object')}
        />
        <TextInput type="datetime-local" label={t('admin.from')} {...field('from')} />
        <TextInput type="datetime-local" label={t('admin.to')} {...field('to')} />
      </Group>
      <ErrorAlert error={entries.error} />
      {entries.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('admin.audit')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('admin.at')}</Table.Th>
                <Table.Th>{t('admin.actor')}</Table.Th>
                <Table.Th>{t('admin.mechanism')}</Table.Th>
                <Table.Th>{t('admin.action')}</Table.Th>
                <Table.Th>{t('admin.objects')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.data?.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td>{entry.seq}</Table.Td>
                  <Table.Td>{format.dateTime(entry.at)}</Table.Td>
                  <Table.Td>
                    <ActorCell entry={entry} />
                  </Table.Td>
                  <Table.Td>{entry.mechanismName ?? ''}</Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {entry.objectIds.length > 3
                        ? t('admin.objectCount', { n: format.integer(entry.objectIds.length) })
                        : entry.objectIds.map((id) => objectLabel(entry, id)).join(', ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        {beforeSeq !== undefined && (
          <Button variant="default" onClick={() => setBeforeSeq(undefined)}>
            {t('admin.first')}
          </Button>
        )}
        {last !== undefined && entries.data?.length === 50 && (
          <Button variant="default" onClick={() => setBeforeSeq(last)}>
            {t('admin.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
