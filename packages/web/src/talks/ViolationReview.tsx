import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useAssess, useVerify } from './talks.api.ts';
import { useTalkTexts } from './talk-texts.ts';
import {
  CONFIDENCES,
  VERIFICATIONS,
  type Assessment,
  type Verification,
  type Violation,
} from './talks.types.ts';

/** A monitor's verdict on a report and the correction of its assessment; the observation stays as reported. */
export function ViolationReview({ violation }: { violation: Violation }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const [opened, { open, close }] = useDisclosure(false);
  const title = t('talks.violations.review', { sector: say(violation.sector) });
  return (
    <>
      <Button size="xs" variant="default" mt={4} onClick={open} aria-label={title}>
        {t('talks.violations.reviewShort')}
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': t('talks.close') }}
        opened={opened}
        onClose={close}
        title={title}
        size="lg"
      >
        {opened && <ReviewForm violation={violation} onDone={close} />}
      </Modal>
    </>
  );
}

const TEXT_FIELDS = ['weapon', 'trajectory', 'consequences', 'attribution'] as const;

function ReviewForm({ violation, onDone }: { violation: Violation; onDone: () => void }) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const verify = useVerify(mechanism.id);
  const assess = useAssess(mechanism.id);
  const [verification, setVerification] = useState<Verification>(violation.verification);
  const [assessment, setAssessment] = useState<Assessment>(violation.assessment);
  const [reason, setReason] = useState('');
  const set = <K extends keyof Assessment>(key: K, value: Assessment[K]) =>
    setAssessment((a) => ({ ...a, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changed = Object.fromEntries(
      (Object.keys(assessment) as Array<keyof Assessment>)
        .filter((k) => assessment[k] !== violation.assessment[k])
        .map((k) => [k, assessment[k]]),
    );
    try {
      if (Object.keys(changed).length > 0)
        await assess.mutateAsync({ id: violation.id, assessment: changed, reason: reason || null });
      if (verification !== violation.verification)
        await verify.mutateAsync({ id: violation.id, verification, reason: reason || null });
      onDone();
    } catch {
      // The failed request's message is shown below the form.
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        <Select
          label={t('talks.violations.verification')}
          data={VERIFICATIONS.map((v) => ({ value: v, label: t(`talks.verification.${v}`) }))}
          value={verification}
          onChange={(v) => v && setVerification(v)}
          allowDeselect={false}
        />
        {TEXT_FIELDS.map((field) => (
          <TextInput
            key={field}
            label={t(`talks.violations.${field}`)}
            value={assessment[field] ?? ''}
            onChange={(e) =>
              set(field, e.currentTarget.value.trim() ? e.currentTarget.value : null)
            }
          />
        ))}
        <Group grow>
          <NumberInput
            label={t('talks.violations.bearing')}
            value={assessment.bearingDeg ?? ''}
            onChange={(v) => set('bearingDeg', v === '' ? null : Number(v))}
            min={0}
            max={360}
          />
          <NumberInput
            label={t('talks.violations.distance')}
            value={assessment.distanceKm ?? ''}
            onChange={(v) => set('distanceKm', v === '' ? null : Number(v))}
            min={0}
          />
          <Select
            label={t('talks.violations.confidence')}
            data={CONFIDENCES.map((c) => ({ value: c, label: t(`talks.confidence.${c}`) }))}
            value={assessment.confidence}
            onChange={(v) => set('confidence', v)}
            clearable
          />
        </Group>
        <TextInput
          label={t('talks.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={assess.error ?? verify.error} />
        <Button type="submit" loading={assess.isPending || verify.isPending}>
          {t('talks.violations.saveReview')}
        </Button>
      </Stack>
    </form>
  );
}
