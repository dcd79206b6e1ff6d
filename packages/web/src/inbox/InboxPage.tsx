import { Anchor, Badge, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { grantKey } from '../session/abilities.ts';
import { useInbox, type InboxItem } from './inbox.api.ts';
import { useTextsOfMechanisms } from '../talks/talk-texts.ts';
import { inboxText } from './inbox-text.ts';

/** The items of one role in one mechanism, as the inbox shows them together. */
function groupsOf(items: readonly InboxItem[]) {
  const groups = new Map<string, { base: string; first: InboxItem; items: InboxItem[] }>();
  for (const item of items) {
    const base = `/m/${item.mechanismId}/${grantKey(item)}`;
    const group = groups.get(base) ?? { base, first: item, items: [] };
    group.items.push(item);
    groups.set(base, group);
  }
  return [...groups.values()];
}

/** What waits for the user in each of its roles, each with a link to where it is done. */
export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbox = useInbox();
  const sayTalks = useTextsOfMechanisms((inbox.data?.items ?? []).map((i) => i.mechanismId));
  return (
    <Container size="md">
      <PageHeader title={t('inbox.title')} subtitle={t('inbox.intro')} />
      {inbox.isPending && <Loading />}
      <ErrorAlert error={inbox.error} />
      {inbox.data && inbox.data.items.length === 0 && <Text>{t('inbox.empty')}</Text>}
      <Stack>
        {groupsOf(inbox.data?.items ?? []).map(({ base, first, items }) => {
          const role = t(`role.${first.role}`);
          return (
            <Card key={base} withBorder component="section" aria-labelledby={`inbox-${base}`}>
              <Title order={2} size="h4" id={`inbox-${base}`} mb="xs">
                {`${sayTalks(first.mechanismId, first.mechanismName)} · ${first.party ? `${role} (${first.party})` : role}`}
              </Title>
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((item, i) => (
                  <Group
                    key={`${item.kind}-${item.path}-${i}`}
                    component="li"
                    wrap="nowrap"
                    gap="sm"
                  >
                    <Badge color="blue.9" miw={40}>
                      {format.integer(item.count)}
                    </Badge>
                    <Anchor component={Link} to={`${base}/${item.path}`}>
                      {inboxText(t, item, format, sayTalks)}
                    </Anchor>
                  </Group>
                ))}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </Container>
  );
}
