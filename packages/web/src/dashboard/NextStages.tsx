import { Anchor, Badge, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import type { NextStage } from './dashboard.api.ts';
import { useLabels } from './labels.ts';
import { agreementNameIn } from '../agreements/agreement-name.ts';
import { useTalkTexts } from '../talks/talk-texts.ts';

/** The stages proposed or approved and not yet under way: when, where, how many from each side. */
export function NextStages({
  stages,
  sides,
}: {
  stages: readonly NextStage[];
  sides: readonly string[];
}) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { base } = useWorkspace();
  const labels = useLabels();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('dashboard.nextStages')}
      </Title>
      {stages.length === 0 ? (
        <Text size="sm">{t('dashboard.noNextStages')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.stage')}</Table.Th>
              <Table.Th scope="col">{t('stage.date')}</Table.Th>
              <Table.Th scope="col">{t('stage.place')}</Table.Th>
              {sides.map((side) => (
                <Table.Th key={side} scope="col" ta="right">
                  {t('stage.from', { party: side })}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('stage.parity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stages.map((stage) => (
              <Table.Tr key={stage.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`${base}/stages`} size="sm">
                    {t('dashboard.stageOf', {
                      number: stage.number,
                      agreement: agreementNameIn(t, stage.agreementName),
                    })}
                  </Anchor>{' '}
                  <Badge variant="outline" size="sm">
                    {labels.stageStatus(stage.status)}
                  </Badge>
                </Table.Th>
                <Table.Td>{format.date(stage.date)}</Table.Td>
                <Table.Td>{say(stage.place)}</Table.Td>
                {sides.map((side) => (
                  <Table.Td key={side} ta="right">
                    {format.integer(stage.bySide[side] ?? 0)}
                  </Table.Td>
                ))}
                <Table.Td>
                  {stage.isParityRequired ? (
                    <Badge color={stage.isBalanced ? 'teal.9' : 'red.9'}>
                      {stage.isBalanced ? t('stage.balanced') : t('stage.notBalanced')}
                    </Badge>
                  ) : (
                    <Badge variant="outline" color="gray.8">
                      {t('stage.noParityAsked')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
