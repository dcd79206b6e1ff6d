import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StageDetail } from '../api/exchange.types.ts';
import { useWorkspace } from '../session/workspace.tsx';

/** Where a manifest stands among its stage's corrections: what it corrects, what corrected it. */
export function ManifestChain({ stage, manifestId }: { stage: StageDetail; manifestId: string }) {
  const { t } = useTranslation();
  const { base } = useWorkspace();
  const self = stage.manifests.find((m) => m.id === manifestId);
  const corrects = stage.manifests.find((m) => m.id === self?.supersedes);
  const correctedBy = stage.manifests.find((m) => m.supersedes === manifestId);
  const linkTo = (
    m: { id: string; hash: string },
    label: 'corrections.correctedBy' | 'corrections.corrects',
  ) => (
    <Anchor component={Link} to={`${base}/manifests/${m.id}`}>
      {t(label, { hash: m.hash.slice(0, 16) })}
    </Anchor>
  );
  return (
    <>
      {correctedBy && (
        <Alert color="red.9" variant="outline" title={t('corrections.superseded')} role="status">
          {linkTo(correctedBy, 'corrections.correctedBy')}
        </Alert>
      )}
      {corrects && <Text size="sm">{linkTo(corrects, 'corrections.corrects')}</Text>}
    </>
  );
}
