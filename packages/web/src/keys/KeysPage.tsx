import { Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { KeyRow } from './KeyRow.tsx';
import { useSigningKeys } from './keys.api.ts';

/** The signing keys people registered in a mechanism: whose, since when, and revocation. */
export function KeysPage() {
  const { t } = useTranslation();
  const mechanisms = useMechanisms();
  const [chosen, setChosen] = useState<string | null>(null);
  const mechanismId = chosen ?? mechanisms.data?.[0]?.id ?? null;
  const keys = useSigningKeys(mechanismId);
  return (
    <Stack>
      <PageHeader title={t('keys.title')} subtitle={t('keys.help')} />
      <ErrorAlert error={mechanisms.error ?? keys.error} />
      {mechanisms.data && (
        <Select
          label={t('keys.mechanism')}
          w={{ base: '100%', sm: 420 }}
          allowDeselect={false}
          value={mechanismId}
          onChange={setChosen}
          data={mechanisms.data.map((m) => ({ value: m.id, label: m.name }))}
        />
      )}
      {keys.isLoading && <Loading />}
      {keys.data?.length === 0 && <Text>{t('keys.none')}</Text>}
      {mechanismId && keys.data && keys.data.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped>
            <Table.Caption>{t('keys.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('keys.keyId')}</Table.Th>
                <Table.Th>{t('keys.owner')}</Table.Th>
                <Table.Th>{t('keys.registeredAt')}</Table.Th>
                <Table.Th>{t('keys.registeredBy')}</Table.Th>
                <Table.Th>{t('keys.state')}</Table.Th>
                <Table.Th>{t('keys.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((k) => (
                <KeyRow key={k.keyId} signingKey={k} mechanismId={mechanismId} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
