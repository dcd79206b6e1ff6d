import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ManifestFile, SignerRole } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { usernameOf, useSession } from '../session/session.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useSign } from './manifests.api.ts';
import { isSameSigner } from './SignaturesTable.tsx';

const SIGNER_ROLES: readonly string[] = ['party_officer', 'mediator', 'neutral_verifier'];

/** Signs the manifest in this role with the user's own key, made in this browser. */
export function SignPanel({ file, manifestId }: { file: ManifestFile; manifestId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const { mechanism, grant } = useWorkspace();
  const sign = useSign(mechanism.id, manifestId);
  const me = { role: grant.role, party: grant.party };
  const isRequired = file.requiredSigners.some((r) => isSameSigner(r, me));
  const isSigned = file.signatures.some((s) => isSameSigner(s, me));
  if (!session || !SIGNER_ROLES.includes(grant.role) || !isRequired) return null;
  return (
    <Stack gap="xs">
      {isSigned ? (
        <SuccessAlert title={t('manifest.signedAs')} />
      ) : (
        <>
          <Text size="sm">{t('manifest.signHelp')}</Text>
          <Button
            w="fit-content"
            loading={sign.isPending}
            onClick={() =>
              sign.mutate({
                username: usernameOf(session),
                file,
                role: grant.role as SignerRole,
                party: grant.party,
              })
            }
          >
            {t('manifest.sign')}
          </Button>
        </>
      )}
      <ErrorAlert error={sign.error} />
    </Stack>
  );
}
