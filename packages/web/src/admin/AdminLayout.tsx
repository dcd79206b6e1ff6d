import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Shell } from '../layout/Shell.tsx';

const SECTIONS = ['users', 'tokens', 'audit'] as const;

/** The administration: accounts and roles, API tokens, the audit log. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Shell
      context={t('admin.title')}
      navigation={SECTIONS.map((section) => (
        <NavLink
          key={section}
          component={Link}
          to={`/admin/${section}`}
          label={t(`admin.${section}`)}
          active={pathname === `/admin/${section}`}
          aria-current={pathname === `/admin/${section}` ? 'page' : undefined}
        />
      ))}
    />
  );
}
