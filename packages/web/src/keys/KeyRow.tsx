import { Badge, Button, Code, Group, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SigningKey } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useRevokeKey } from './keys.api.ts';

/** One registered key; revoking it asks for the reason first. */
export function KeyRow({
  signingKey,
  mechanismId,
}: {
  signingKey: SigningKey;
  mechanismId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useRevokeKey(mechanismId);
  const [isAsking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const k = signingKey;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Code>{k.keyId}</Code>
        </Table.Td>
        <Table.Td>{k.username}</Table.Td>
        <Table.Td>{format.dateTime(k.registeredAt)}</Table.Td>
        <Table.Td>{k.registeredBy.replace(/^(user|token):/, '')}</Table.Td>
        <Table.Td>
          {k.revokedAt ? (
            <Badge color="red.9" variant="outline" style={{ textTransform: 'none' }}>
              {t('keys.revokedAt', { at: format.dateTime(k.revokedAt) })}
            </Badge>
          ) : (
            <Badge color="teal.9" variant="outline">
              {t('keys.active')}
            </Badge>
          )}
        </Table.Td>
        <Table.Td>
          {!k.revokedAt && !isAsking && (
            <Button size="compact-sm" variant="default" onClick={() => setAsking(true)}>
              {t('keys.revoke', { key: k.keyId })}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {(isAsking || revoke.error) && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            {isAsking && (
              <Group align="flex-end">
                <TextInput
                  label={t('keys.reason', { key: k.keyId, username: k.username })}
                  required
                  w={{ base: '100%', sm: 420 }}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                />
                <Button
                  color="red.9"
                  loading={revoke.isPending}
                  onClick={() =>
                    revoke.mutate(
                      { keyId: k.keyId, reason: reason.trim() },
                      { onSuccess: () => setAsking(false) },
                    )
                  }
                >
                  {t('keys.confirm')}
                </Button>
                <Button variant="default" onClick={() => setAsking(false)}>
                  {t('keys.cancel')}
                </Button>
              </Group>
            )}
            <ErrorAlert error={revoke.error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
