import { Anchor, Badge, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/format.ts';
import { useInbox } from './inbox.api.ts';

/** The header's way to the inbox, with how many things wait in all. */
export function InboxLink() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbox = useInbox();
  const total = inbox.data?.total ?? 0;
  return (
    <Anchor component={Link} to="/inbox" fw={500} underline="hover">
      {/* Read out as one sentence; seen as the word and the count. */}
      <VisuallyHidden>{t('inbox.link', { count: total })}</VisuallyHidden>
      <Group gap={6} wrap="nowrap" aria-hidden>
        {t('inbox.title')}
        {total > 0 && (
          <Badge color="red.9" size="sm" data-testid="inbox-count">
            {format.integer(total)}
          </Badge>
        )}
      </Group>
    </Anchor>
  );
}
