import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkspace } from '../session/workspace.tsx';
import type { Round } from './talks.types.ts';
import { agreementNameIn } from '../agreements/agreement-name.ts';
import { TalkText } from './TalkText.tsx';

/** A round's outcomes, each linked to the agreement it produced when there is one. */
export function OutcomeList({ outcomes }: { outcomes: Round['outcomes'] }) {
  const { t } = useTranslation();
  const { base } = useWorkspace();
  if (outcomes.length === 0) return <Text size="sm">—</Text>;
  return (
    <List size="sm" spacing={4}>
      {outcomes.map((o) => (
        <List.Item key={o.number}>
          <TalkText text={o.text} />
          {o.agreement && (
            <>
              {' '}
              <Anchor component={Link} to={`${base}/agreements/${o.agreement.id}`} size="sm">
                {t('talks.rounds.agreementLink', { name: agreementNameIn(t, o.agreement.name) })}
              </Anchor>
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}
