import { Badge, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementDefinition } from '../api/exchange.types.ts';

/**
 * An agreement version's categories, blocks and holds: each clause and its CEL rule; a category
 * Parley knows (a template's) by its name in the reader's language.
 */
export function RulesTable({ definition }: { definition: AgreementDefinition }) {
  const { t } = useTranslation();
  const rows = [
    ...definition.categories.map((c) => ({ ...c, kind: 'category' as const })),
    ...definition.exclusions,
  ];
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table>
        <Table.Caption>{t('agreement.rulesCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreement.rule')}</Table.Th>
            <Table.Th>{t('agreement.clause')}</Table.Th>
            <Table.Th>{t('agreement.cel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <Badge variant="outline" mb={4}>
                  {t(`ruleKind.${row.kind}`)}
                </Badge>
                <div>
                  {row.kind === 'category'
                    ? t(`categoryName.${row.id}`, { defaultValue: row.name })
                    : row.name}
                </div>
              </Table.Td>
              <Table.Td>{row.clause}</Table.Td>
              <Table.Td>
                <Code block>{row.rule}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
