import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useSession } from '../session/session.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useTranslationMemory } from '../talks/talk-texts.ts';
import { NoHandoverRole, ShellNotKept, takeStageOffline } from './offline.api.ts';

/**
 * "Take this stage offline", for the verifier and the receiving officers: the stage, its persons
 * and its signed manifest into this browser, then its offline page.
 */
export function TakeOfflineButton({ stageId }: { stageId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const { mechanism, grant } = useWorkspace();
  // The offline pages cannot read the translation memory: the stage keeps the entries it needs.
  const memory = useTranslationMemory(mechanism.id);
  const take = useMutation({
    mutationFn: () =>
      takeStageOffline({
        session: session!,
        mechanism: { id: mechanism.id, name: mechanism.name },
        stageId,
        memory: [...(memory.data?.values() ?? [])],
      }),
    onSuccess: () => void navigate(`/offline/${stageId}`),
  });
  if (grant.role !== 'neutral_verifier' && grant.role !== 'party_officer') return null;
  return (
    <Stack gap={4}>
      <Button
        w="fit-content"
        variant="default"
        loading={take.isPending}
        onClick={() => take.mutate()}
      >
        {t('offline.take')}
      </Button>
      <Text size="xs">{t('offline.takeHint')}</Text>
      <ErrorAlert
        error={take.error}
        {...(take.error instanceof NoHandoverRole ? { message: t('offline.noRole') } : {})}
        {...(take.error instanceof ShellNotKept ? { message: t('offline.noShell') } : {})}
      />
    </Stack>
  );
}
