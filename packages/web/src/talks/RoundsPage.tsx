import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { AddRoundForm } from './AddRoundForm.tsx';
import { OutcomeList } from './OutcomeList.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useRounds } from './talks.api.ts';
import { TalkText } from './TalkText.tsx';

/** Every round of talks in date order: where, who mediated, who led each delegation, what came of it. */
export function RoundsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant, base } = useWorkspace();
  const rounds = useRounds(mechanism.id);
  return (
    <Stack>
      {talksAbilitiesOf(grant).manage && <AddRoundForm />}
      <ErrorAlert error={rounds.error} />
      {rounds.isPending && <Loading />}
      {rounds.data?.length === 0 && <Text>{t('talks.rounds.none')}</Text>}
      {rounds.data && rounds.data.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('talks.rounds.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('talks.rounds.date')}</Table.Th>
                <Table.Th>{t('talks.rounds.venue')}</Table.Th>
                <Table.Th>{t('talks.rounds.mediators')}</Table.Th>
                <Table.Th>{t('talks.rounds.heads')}</Table.Th>
                <Table.Th>{t('talks.rounds.outcomes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rounds.data.map((round) => (
                <Table.Tr key={round.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/talks/rounds/${round.id}`}>
                      {format.date(round.date)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <TalkText text={round.venue} />
                  </Table.Td>
                  <Table.Td>{round.mediators.join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    {round.delegations.map((d) => (
                      <Text key={d.party} size="sm">
                        {d.party}: <TalkText text={d.head} />
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <OutcomeList outcomes={round.outcomes} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
