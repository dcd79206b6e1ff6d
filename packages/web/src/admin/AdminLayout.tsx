import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Shell } from '../layout/Shell.tsx';

// Each section with the key of its name in the navigation.
const SECTIONS = [
  ['users', 'admin.users'],
  ['tokens', 'admin.tokens'],
  ['keys', 'keys.title'],
  ['retention', 'retention.title'],
  ['audit', 'admin.audit'],
] as const;

/** The administration: accounts and roles, API tokens, signing keys, retention, the audit log. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Shell
      context={t('admin.title')}
      navigation={SECTIONS.map(([section, label]) => (
        <NavLink
          key={section}
          component={Link}
          to={`/admin/${section}`}
          label={t(label)}
          active={pathname === `/admin/${section}`}
          aria-current={pathname === `/admin/${section}` ? 'page' : undefined}
        />
      ))}
    />
  );
}
