import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ManifestFile, SigningRole } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { usernameOf, useSession } from '../session/session.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useSign } from './manifests.api.ts';
import { isSameSigner } from './SignaturesTable.tsx';

const SIGNING_ROLES: readonly SigningRole[] = ['party_officer', 'mediator', 'neutral_verifier'];
const isSigningRole = (role: string): role is SigningRole =>
  (SIGNING_ROLES as readonly string[]).includes(role);

/** What the panel says; a receipt has its own words. */
export interface SignTexts {
  help: string;
  sign: string;
  signedAs: string;
}

/** Signs a manifest or a receipt in this role with the user's own key, made in this browser. */
export function SignPanel({
  file,
  manifestId,
  texts,
}: {
  file: ManifestFile<unknown>;
  manifestId: string;
  texts?: SignTexts;
}) {
  const { t } = useTranslation();
  const words = texts ?? {
    help: t('manifest.signHelp'),
    sign: t('manifest.sign'),
    signedAs: t('manifest.signedAs'),
  };
  const { session } = useSession();
  const { mechanism, grant } = useWorkspace();
  const sign = useSign(mechanism.id, manifestId);
  const { role, party } = grant;
  const me = { role, party };
  const isRequired = file.requiredSigners.some((r) => isSameSigner(r, me));
  const isSigned = file.signatures.some((s) => isSameSigner(s, me));
  if (!session || !isSigningRole(role) || !isRequired) return null;
  return (
    <Stack gap="xs">
      {isSigned ? (
        <SuccessAlert title={words.signedAs} />
      ) : (
        <>
          <Text size="sm">{words.help}</Text>
          <Button
            w="fit-content"
            loading={sign.isPending}
            onClick={() =>
              sign.mutate({
                username: usernameOf(session),
                file,
                role,
                party,
              })
            }
          >
            {words.sign}
          </Button>
        </>
      )}
      <ErrorAlert error={sign.error} />
    </Stack>
  );
}
