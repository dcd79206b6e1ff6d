import { Anchor, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { ManifestPersons } from './ManifestPersons.tsx';
import { manifestUrl, useManifest } from './manifests.api.ts';
import { SignaturesTable } from './SignaturesTable.tsx';
import { SignPanel } from './SignPanel.tsx';
import { VerifyPanel } from './VerifyPanel.tsx';

/** A stage's manifest: its persons and counts, its hash, its signatures; sign, verify, download. */
export function ManifestPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { manifestId = '' } = useParams();
  const { mechanism } = useWorkspace();
  const manifest = useManifest(mechanism.id, manifestId);
  if (manifest.isPending) return <Loading />;
  if (manifest.error) return <ErrorAlert error={manifest.error} />;
  const file = manifest.data;
  const { stage, agreement } = file.document;
  return (
    <Stack>
      <PageHeader
        title={t('manifest.title', { number: stage.number })}
        subtitle={t('manifest.subtitle', {
          agreement: agreement.name,
          place: stage.place,
          date: format.date(stage.date),
        })}
      />
      <Stack gap={4}>
        <Text size="sm" fw={700}>
          {t('manifest.hash')}
        </Text>
        <Code block data-testid="manifest-hash">
          {file.hash}
        </Code>
        {file.document.supersedes && (
          <Text size="sm">{t('manifest.supersedes', { hash: file.document.supersedes })}</Text>
        )}
      </Stack>
      <Group>
        <Anchor
          href={manifestUrl(mechanism.id, manifestId)}
          download={`manifest-${stage.number}.json`}
        >
          {t('manifest.downloadJson')}
        </Anchor>
        <Anchor
          href={manifestUrl(mechanism.id, manifestId, true)}
          download={`manifest-${stage.number}.pdf`}
        >
          {t('manifest.downloadPdf')}
        </Anchor>
      </Group>
      <Title order={2} size="h3">
        {t('manifest.signatures')}
      </Title>
      <SignaturesTable file={file} />
      <SignPanel file={file} manifestId={manifestId} />
      <VerifyPanel manifestId={manifestId} />
      <Title order={2} size="h3">
        {t('manifest.persons')}
      </Title>
      <ManifestPersons manifest={file.document} />
    </Stack>
  );
}
