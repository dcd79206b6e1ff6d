import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../api/types.ts';

/** A role as people say it: "Party officer · UA". */
export function RoleLabel({ grant }: { grant: Pick<Grant, 'role' | 'party'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant="light">{t(`role.${grant.role}`)}</Badge>
      {grant.party && <Badge variant="outline">{grant.party}</Badge>}
    </Group>
  );
}
