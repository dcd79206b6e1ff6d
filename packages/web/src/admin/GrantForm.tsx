import { Button, Group, Select } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTY_ROLES } from '@parley/kernel/access';
import { GRANTABLE_ROLES, type GrantableRole } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { useGrant } from './admin.api.ts';

/** Gives a user a role in a mechanism, for a party where the role acts for one. */
export function GrantForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const mechanisms = useMechanisms();
  const grant = useGrant();
  const [mechanism, setMechanism] = useState<string | null>(null);
  const [role, setRole] = useState<GrantableRole | null>(null);
  const [party, setParty] = useState<string | null>(null);
  const parties = mechanisms.data?.find((m) => m.id === mechanism)?.parties ?? [];
  const needsParty = role !== null && PARTY_ROLES.includes(role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mechanism || !role) return;
    grant.mutate({ username, mechanism, role, ...(needsParty && party ? { party } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label={t('admin.grantFor', { username })}>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('admin.mechanism')}
          required
          value={mechanism}
          onChange={setMechanism}
          data={(mechanisms.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          w={240}
        />
        <Select
          label={t('admin.role')}
          required
          value={role}
          onChange={(v) => setRole(GRANTABLE_ROLES.find((r) => r === v) ?? null)}
          data={GRANTABLE_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          w={220}
        />
        {needsParty && (
          <Select
            label={t('admin.party')}
            required
            value={party}
            onChange={setParty}
            data={parties}
            w={100}
          />
        )}
        <Button type="submit" loading={grant.isPending}>
          {t('admin.grant')}
        </Button>
      </Group>
      <ErrorAlert error={grant.error} />
    </form>
  );
}
