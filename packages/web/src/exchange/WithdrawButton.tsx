import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useWithdraw } from './exchange.api.ts';

/** Who left a stage and who took the place; shown above the stage's persons. */
export function WithdrawalResult({
  recordId,
  replacement,
}: {
  recordId: string;
  replacement: string | null;
}) {
  const { t } = useTranslation();
  return (
    <SuccessAlert title={t('stage.withdrawn', { record: recordId })}>
      {replacement ? t('stage.replacedBy', { record: replacement }) : t('stage.notReplaced')}
    </SuccessAlert>
  );
}

/** Withdraws a person from a proposed stage with a reason; the stage then shows who replaced them. */
export function WithdrawButton({
  personId,
  recordId,
  onWithdrawn,
}: {
  personId: string;
  recordId: string;
  onWithdrawn: (replacement: string | null) => void;
}) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const withdraw = useWithdraw(mechanism.id);
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!isOpen)
    return (
      <Button size="compact-xs" variant="default" onClick={() => setOpen(true)}>
        {t('stage.withdraw')}
      </Button>
    );
  return (
    <>
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          label={t('stage.withdrawReason', { record: recordId })}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button
          size="xs"
          color="red.9"
          disabled={reason.trim().length < 3}
          loading={withdraw.isPending}
          onClick={() =>
            withdraw.mutate(
              { personId, reason },
              { onSuccess: (answer) => onWithdrawn(answer.replacement) },
            )
          }
        >
          {t('stage.withdraw')}
        </Button>
      </Group>
      <ErrorAlert error={withdraw.error} />
    </>
  );
}
