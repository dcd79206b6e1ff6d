import { Button, Checkbox, Select, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { StageDetail, StageManifest } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { MoveResults } from '../exchange/MoveResults.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useCorrectManifest } from './corrections.api.ts';

/** The exceptions the mediator may record for a person before the handover. */
const MEDIATOR_EXCEPTIONS = ['withdrawn', 'data_mismatch', 'already_released'] as const;
/** States in which a person no longer travels, and so leaves a corrected manifest. */
const LEFT: readonly string[] = [
  'not_found',
  'deceased',
  'refuses_return',
  'not_cleared',
  'legal_hold',
  'withdrawn',
  'data_mismatch',
  'already_released',
];

/**
 * The mediator corrects a signed manifest: chooses who leaves it and why, says why the manifest is
 * corrected, and gets a new manifest that names this one. This one and its signatures stay.
 */
export function CorrectionForm({
  manifestId,
  manifest,
  stage,
}: {
  manifestId: string;
  manifest: StageManifest;
  stage: StageDetail;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mechanism, base } = useWorkspace();
  const correct = useCorrectManifest(mechanism.id, manifestId);
  const [isOpen, setOpen] = useState(false);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [exception, setException] = useState<(typeof MEDIATOR_EXCEPTIONS)[number]>('withdrawn');
  const [removalReason, setRemovalReason] = useState('');
  const [reason, setReason] = useState('');
  const onPath = new Map(stage.persons.map((p) => [p.recordId, p]));
  if (!isOpen)
    return (
      <Button variant="default" w="fit-content" onClick={() => setOpen(true)}>
        {t('corrections.start')}
      </Button>
    );
  const toggle = (id: string) => {
    const next = new Set(removed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setRemoved(next);
  };
  // Awaited rather than a callback: once the correction exists this form is taken off the page,
  // and the way to the new manifest must not depend on it still being there.
  const submit = async () => {
    const outcome = await correct
      .mutateAsync({
        reason: reason.trim(),
        removals: [...removed].map((personId) => ({
          personId,
          to: exception,
          reason: removalReason.trim(),
        })),
      })
      .catch(() => null);
    if (outcome?.ok) await navigate(`${base}/manifests/${outcome.manifestId}`);
  };
  const recordOf = (id: string) => stage.persons.find((p) => p.id === id)?.recordId ?? id;
  return (
    <Stack component="section" aria-labelledby="correction-title" gap="sm">
      <Title order={2} size="h3" id="correction-title">
        {t('corrections.title')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Caption>{t('corrections.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('corrections.remove')}</Table.Th>
              <Table.Th>{t('corrections.record')}</Table.Th>
              <Table.Th>{t('corrections.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {manifest.persons.map((p) => {
              const person = onPath.get(p.recordId);
              const hasLeft = person ? LEFT.includes(person.state) : false;
              return (
                <Table.Tr key={p.recordId}>
                  <Table.Td>
                    {person && !hasLeft && (
                      <Checkbox
                        aria-label={t('corrections.removeOne', { record: p.recordId })}
                        checked={removed.has(person.id)}
                        onChange={() => toggle(person.id)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>{p.recordId}</Table.Td>
                  <Table.Td>
                    {person ? t(`state.${person.state}`) : '—'}
                    {hasLeft && ` · ${t('corrections.leaves')}`}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {removed.size > 0 && (
        <>
          <Select
            label={t('corrections.why')}
            w={{ base: '100%', sm: 360 }}
            allowDeselect={false}
            value={exception}
            onChange={(value) => value && setException(value)}
            data={MEDIATOR_EXCEPTIONS.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          />
          <TextInput
            label={t('corrections.removalReason')}
            required
            value={removalReason}
            onChange={(e) => setRemovalReason(e.currentTarget.value)}
          />
        </>
      )}
      <Textarea
        label={t('corrections.reason')}
        description={t('corrections.reasonHelp')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Button w="fit-content" loading={correct.isPending} onClick={() => void submit()}>
        {t('corrections.submit', { count: removed.size })}
      </Button>
      <ErrorAlert error={correct.error} />
      {correct.data && !correct.data.ok && (
        <MoveResults results={correct.data.refused} recordOf={recordOf} />
      )}
    </Stack>
  );
}
