import { Button, List, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useVerify } from './manifests.api.ts';

/** One button that checks the hash and every signature, and names each problem. */
export function VerifyPanel({
  manifestId,
  texts,
}: {
  manifestId: string;
  /** What the button and the success say; a receipt has its own words. */
  texts?: { verify: string; verified: string };
}) {
  const { t } = useTranslation();
  const words = texts ?? { verify: t('manifest.verify'), verified: t('manifest.verified') };
  const { mechanism } = useWorkspace();
  const verify = useVerify(mechanism.id, manifestId);
  const report = verify.data;
  return (
    <Stack gap="xs">
      <Button
        w="fit-content"
        variant="default"
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {words.verify}
      </Button>
      <ErrorAlert error={verify.error} />
      {report?.ok && <SuccessAlert title={words.verified} />}
      {report && !report.ok && (
        <ErrorAlert
          title={t('manifest.notVerified', { count: report.problems.length })}
          error={new Error(t('manifest.problemsBelow'))}
        />
      )}
      {report && !report.ok && (
        <List size="sm" aria-label={t('manifest.problems')}>
          {report.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
