import { Anchor, Badge, Group, Stack, Text, TextInput, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useTimeline } from './talks.api.ts';
import type { TimelineEntry } from './talks.types.ts';
import { timelineWords } from './timeline-words.ts';
import { useTalkTexts } from './talk-texts.ts';

/** Rounds, agreements, stages, ceasefire regimes and violations per day, on one line. */
export function TimelinePage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, base } = useWorkspace();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const timeline = useTimeline(mechanism.id, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const linkOf = (e: TimelineEntry) => {
    switch (e.kind) {
      case 'round':
        return e.id ? `${base}/talks/rounds/${e.id}` : null;
      case 'agreement':
        return e.id ? `${base}/agreements/${e.id}` : null;
      case 'stage':
        return `${base}/stages`;
      case 'ceasefire':
        return `${base}/talks/ceasefires`;
      case 'violations':
        return `${base}/talks/violations?from=${e.at.slice(0, 10)}&to=${e.at.slice(0, 10)}`;
    }
  };
  const when = (at: string) => (at.length === 10 ? format.date(at) : format.dateTime(at));
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('talks.violations.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('talks.violations.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={timeline.error} />
      {timeline.isPending && <Loading />}
      {timeline.data?.length === 0 && <Text>{t('talks.timeline.none')}</Text>}
      {timeline.data && timeline.data.length > 0 && (
        <Timeline bulletSize={14} lineWidth={2} aria-label={t('talks.page.timeline')}>
          {timeline.data.map((e, i) => {
            const link = linkOf(e);
            const words = timelineWords(t, e, say);
            return (
              <Timeline.Item
                key={`${e.kind}-${e.id ?? ''}-${e.at}-${i}`}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={700}>
                      {when(e.at)}
                    </Text>
                    <Badge variant="outline" color="gray.8" size="sm" tt="none">
                      {t(`talks.timeline.kind.${e.kind}`)}
                    </Badge>
                  </Group>
                }
              >
                {link ? (
                  <Anchor component={Link} to={link} size="sm">
                    {words.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{words.title}</Text>
                )}
                {words.detail && (
                  <Text size="xs" c="dimmed">
                    {words.detail}
                  </Text>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Stack>
  );
}
