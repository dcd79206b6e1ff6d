import { Anchor, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ManifestFile } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { CorrectionForm } from '../corrections/CorrectionForm.tsx';
import { ManifestChain } from '../corrections/ManifestChain.tsx';
import { useStage } from '../exchange/exchange.api.ts';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { ManifestPersons } from './ManifestPersons.tsx';
import { manifestUrl, useManifest } from './manifests.api.ts';
import { SignaturesTable } from './SignaturesTable.tsx';
import { SignPanel } from './SignPanel.tsx';
import { VerifyPanel } from './VerifyPanel.tsx';
import { agreementNameIn } from '../agreements/agreement-name.ts';
import { useTalkTexts } from '../talks/talk-texts.ts';

/**
 * A stage's manifest: its persons and counts, its hash, its signatures, the corrections around
 * it; sign, verify, download, and for the mediator correct it.
 */
export function ManifestPage() {
  const { manifestId = '' } = useParams();
  const { mechanism } = useWorkspace();
  const manifest = useManifest(mechanism.id, manifestId);
  if (manifest.isPending) return <Loading />;
  if (manifest.error) return <ErrorAlert error={manifest.error} />;
  return <ManifestView key={manifestId} file={manifest.data} manifestId={manifestId} />;
}

function ManifestView({ file, manifestId }: { file: ManifestFile; manifestId: string }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, abilities } = useWorkspace();
  const { stage, agreement } = file.document;
  const stageDetail = useStage(mechanism.id, stage.id);
  return (
    <Stack>
      <PageHeader
        title={t('manifest.title', { number: stage.number })}
        subtitle={t('manifest.subtitle', {
          agreement: agreementNameIn(t, agreement.name),
          place: say(stage.place),
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
        {stageDetail.data && <ManifestChain stage={stageDetail.data} manifestId={manifestId} />}
        <ErrorAlert error={stageDetail.error} />
      </Stack>
      <Group>
        <Anchor
          href={manifestUrl(mechanism.id, manifestId)}
          download={`manifest-${stage.number}.json`}
        >
          {t('manifest.downloadJson')}
        </Anchor>
        <Anchor href={manifestUrl(mechanism.id, manifestId, true)} download>
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
      {abilities.manageExchange &&
        stageDetail.data &&
        !stageDetail.data.manifests.some((m) => m.supersedes === manifestId) && (
          <CorrectionForm
            manifestId={manifestId}
            manifest={file.document}
            stage={stageDetail.data}
          />
        )}
    </Stack>
  );
}
