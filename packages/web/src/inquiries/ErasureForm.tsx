import { Alert, Button, Checkbox, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import {
  ERASURE_BASES,
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  type ErasureBasis,
  type ErasureRequester,
  type ErasureScope,
} from '@parley/kernel/inquiry';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useErase } from './data-protection.api.ts';

/** The inquirer's request to erase their data, as the bureau records and carries it out. */
export function ErasureForm({
  mechanismId,
  inquiryId,
}: {
  mechanismId: string;
  inquiryId: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { base } = useWorkspace();
  const erase = useErase(mechanismId, inquiryId);
  const [scope, setScope] = useState<ErasureScope>('inquirer');
  const [requester, setRequester] = useState<ErasureRequester | null>(null);
  const [basis, setBasis] = useState<ErasureBasis | null>(null);
  const [requestedOn, setRequestedOn] = useState('');
  const [basisNote, setBasisNote] = useState('');
  const [isSure, setSure] = useState(false);
  const outcome = erase.data;
  const submit = () => {
    if (!requester || !basis) return;
    erase.mutate(
      { scope, requester, basis, requestedOn, basisNote: basisNote.trim() || null },
      {
        onSuccess: (done) => {
          setSure(false);
          if (done.outcome === 'erased' && scope === 'inquiry')
            void navigate(`${base}/inquiries`, { state: { erased: done.number } });
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('inquiries.protection.erasure')}
      </Title>
      <Group align="flex-start" grow>
        <Select
          label={t('inquiries.protection.scopeLabel')}
          data={ERASURE_SCOPES.map((s) => ({
            value: s,
            label: t(`inquiries.protection.scope.${s}`),
          }))}
          value={scope}
          onChange={(value) => setScope(value === 'inquiry' ? 'inquiry' : 'inquirer')}
          allowDeselect={false}
        />
        <Select
          label={t('inquiries.protection.requesterLabel')}
          data={ERASURE_REQUESTERS.map((r) => ({
            value: r,
            label: t(`inquiries.protection.requester.${r}`),
          }))}
          value={requester}
          onChange={(value) => setRequester(ERASURE_REQUESTERS.find((r) => r === value) ?? null)}
          allowDeselect={false}
          required
        />
        <TextInput
          type="date"
          label={t('inquiries.protection.requestedOn')}
          value={requestedOn}
          onChange={(e) => setRequestedOn(e.currentTarget.value)}
          required
        />
      </Group>
      <Group align="flex-start" grow>
        <Select
          label={t('inquiries.protection.basisLabel')}
          data={ERASURE_BASES.map((b) => ({
            value: b,
            label: t(`inquiries.protection.basis.${b}`),
          }))}
          value={basis}
          onChange={(value) => setBasis(ERASURE_BASES.find((b) => b === value) ?? null)}
          allowDeselect={false}
          required
        />
        <TextInput
          label={t('inquiries.protection.basisNote')}
          description={t('inquiries.protection.basisNoteHint')}
          value={basisNote}
          onChange={(e) => setBasisNote(e.currentTarget.value)}
          maxLength={500}
        />
      </Group>
      <Checkbox
        label={t('inquiries.protection.sure')}
        checked={isSure}
        onChange={(e) => setSure(e.currentTarget.checked)}
      />
      <Button
        color="red.9"
        w="fit-content"
        disabled={!isSure || !requester || !basis || requestedOn === ''}
        loading={erase.isPending}
        onClick={submit}
      >
        {t('inquiries.protection.erase')}
      </Button>
      <ErrorAlert error={erase.error} />
      {outcome?.outcome === 'refused' && outcome.refusal && (
        <Alert
          color="red.9"
          variant="outline"
          role="status"
          title={t('inquiries.protection.refused')}
        >
          {t(`inquiries.protection.refusal.${outcome.refusal}`)}
        </Alert>
      )}
      {outcome?.outcome === 'erased' && (
        <SuccessAlert title={t('inquiries.protection.erased', { number: outcome.number })} />
      )}
    </Stack>
  );
}
