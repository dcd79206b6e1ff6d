import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stance } from './talks.types.ts';

// Shade 9 keeps outlined text above 4.5:1 on white; the word, not the colour, carries the meaning.
const COLOR: Record<Stance, string> = {
  proposes: 'blue.9',
  accepts: 'teal.9',
  accepts_with_conditions: 'grape.9',
  rejects: 'red.9',
  silent: 'gray.8',
};

export function StanceBadge({ stance }: { stance: Stance }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={COLOR[stance]} tt="none">
      {t(`talks.stance.${stance}`)}
    </Badge>
  );
}
