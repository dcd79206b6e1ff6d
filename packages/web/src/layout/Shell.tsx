import { Anchor, AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LogWitnessAlert } from '../audit/LogWitnessAlert.tsx';
import { InboxLink } from '../inbox/InboxLink.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The frame of every signed-in screen: header, the section's navigation, and the screen. */
export function Shell({ navigation, context }: { navigation?: ReactNode; context?: ReactNode }) {
  const { t } = useTranslation();
  const [isOpen, { toggle }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={
        navigation ? { width: 250, breakpoint: 'sm', collapsed: { mobile: !isOpen } } : undefined
      }
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {navigation && (
              <Burger
                opened={isOpen}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('app.toggleNavigation')}
              />
            )}
            <Anchor component={Link} to="/choose" fw={700} size="lg" underline="never" c="blue.8">
              Parley
            </Anchor>
            {context && (
              <Text size="sm" c="dimmed" visibleFrom="sm" truncate>
                {context}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <InboxLink />
            <LanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {navigation && (
        <AppShell.Navbar p="xs" aria-label={t('app.navigation')} component="nav">
          {navigation}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <LogWitnessAlert />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
