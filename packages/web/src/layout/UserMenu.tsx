import { Button, Menu } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call } from '../api/client.ts';
import { useSession, usernameOf } from '../session/session.tsx';

/** Who is signed in, with password change, their API tokens and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { session, accept } = useSession();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => call('delete', '/session'),
    onSettled: () => {
      accept(null);
      void navigate('/');
    },
  });
  if (!session) return null;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="subtle" aria-label={t('user.menu', { name: usernameOf(session) })}>
          {usernameOf(session)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void navigate('/password')}>{t('user.changePassword')}</Menu.Item>
        <Menu.Item onClick={() => void navigate('/tokens')}>{t('account.tokens.menu')}</Menu.Item>
        <Menu.Item onClick={() => void navigate('/choose')}>{t('user.switchRole')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => signOut.mutate()}>
          {t('user.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
