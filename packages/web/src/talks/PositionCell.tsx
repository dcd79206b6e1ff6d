import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { StanceBadge } from './StanceBadge.tsx';
import type { PartyPosition } from './talks.types.ts';
import { TalkText } from './TalkText.tsx';

/** A party's current position on a point: the stance, its conditions, the day and the source. */
export function PositionCell({ position }: { position: PartyPosition }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2}>
      <StanceBadge stance={position.stance} />
      {position.conditions && (
        <Text size="xs">
          {t('talks.documents.conditions')}: <TalkText text={position.conditions} />
        </Text>
      )}
      {position.statedOn && (
        <Text size="xs" c="dimmed">
          {format.date(position.statedOn)}
          {position.source && (
            <>
              {' · '}
              <SourceText source={position.source} />
            </>
          )}
        </Text>
      )}
    </Stack>
  );
}

/** The server's own source of a tabled point, "<title>, version N", is said in the reader's language. */
const TABLED = /^(.+), version (\d+)$/;

/** A position's source: as entered, in the reader's language (see TalkText). */
export function SourceText({ source }: { source: string }) {
  const { t } = useTranslation();
  const tabled = TABLED.exec(source);
  if (!tabled) return <TalkText text={source} />;
  return (
    <>
      <TalkText text={tabled[1]} />
      {`, ${t('talks.documents.versionOf', { number: Number(tabled[2]) })}`}
    </>
  );
}
