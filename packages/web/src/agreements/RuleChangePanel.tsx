import { Button, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ELIGIBILITY_OUTCOMES,
  type AgreementDefinition,
  type AgreementVersion,
  type ListCounts,
} from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { usePreviewChange, useReviseAgreement } from './agreements.api.ts';
import { RuleBuilder } from './RuleBuilder.tsx';

/** The terms with one rule's CEL replaced, wherever that rule is (a category, a block, a hold). */
export function withRule(
  definition: AgreementDefinition,
  ruleId: string,
  rule: string,
): AgreementDefinition {
  return {
    ...definition,
    categories: definition.categories.map((c) => (c.id === ruleId ? { ...c, rule } : c)),
    exclusions: definition.exclusions.map((e) => (e.id === ruleId ? { ...e, rule } : e)),
  };
}

function ChangeTable({ before, after }: { before: ListCounts[]; after: ListCounts[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signed = (n: number) =>
    n > 0 ? `+${format.integer(n)}` : n < 0 ? `−${format.integer(-n)}` : '±0';
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped data-testid="rule-change-counts">
        <Table.Caption>{t('ruleChange.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('eligibility.list')}</Table.Th>
            {ELIGIBILITY_OUTCOMES.map((o) => (
              <Table.Th key={o} scope="col">
                {t(`eligibilityOutcome.${o}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {after.map((list) => {
            const was = before.find((b) => b.party === list.party && b.kind === list.kind);
            return (
              <Table.Tr key={`${list.party}-${list.kind}`}>
                <Table.Th scope="row" fw={400}>
                  {t(`lists.title.${list.kind}`, { party: list.party })}
                </Table.Th>
                {ELIGIBILITY_OUTCOMES.map((o) => {
                  const now = was?.outcomes[o] ?? 0;
                  const then = list.outcomes[o] ?? 0;
                  return (
                    <Table.Td key={o}>
                      {t('ruleChange.fromTo', {
                        before: format.integer(now),
                        after: format.integer(then),
                        change: signed(then - now),
                      })}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A change of one rule, previewed on the latest lists before it is saved: how many lines of each
 * list would be eligible, not eligible or undetermined now and after it. Saving writes the
 * changed terms as the next version; the earlier ones never change.
 */
export function RuleChangePanel({
  agreementId,
  version,
}: {
  agreementId: string;
  version: AgreementVersion;
}) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const { definition } = version;
  const rules = [...definition.categories, ...definition.exclusions];
  const [ruleId, setRuleId] = useState(rules[0]?.id ?? '');
  const original = rules.find((r) => r.id === ruleId)?.rule ?? '';
  const [text, setText] = useState(original);
  const preview = usePreviewChange(mechanism.id);
  const revise = useReviseAgreement(mechanism.id, agreementId);
  const changed = withRule(definition, ruleId, text);
  // Saving is offered only for the very text whose preview is on the screen.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const isPreviewed = preview.isSuccess && previewed === `${ruleId}\u0000${text}`;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('ruleChange.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('ruleChange.help')}
      </Text>
      <Select
        label={t('ruleChange.rule')}
        data={rules.map((r) => ({ value: r.id, label: `${r.name} (${r.clause})` }))}
        value={ruleId}
        onChange={(id) => {
          const next = id ?? '';
          setRuleId(next);
          setText(rules.find((r) => r.id === next)?.rule ?? '');
          preview.reset();
          revise.reset();
        }}
        allowDeselect={false}
        maw={640}
      />
      <RuleBuilder
        onUse={(cel) => {
          setText(cel);
          preview.reset();
          revise.reset();
        }}
      />
      <Textarea
        label={t('ruleChange.cel')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          revise.reset();
        }}
        autosize
        minRows={2}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group>
        <Button
          variant="default"
          loading={preview.isPending}
          disabled={text.trim() === ''}
          onClick={() => {
            setPreviewed(`${ruleId}\u0000${text}`);
            preview.mutate({ current: definition, changed });
          }}
        >
          {t('ruleChange.preview')}
        </Button>
        <Button
          loading={revise.isPending}
          disabled={!isPreviewed || text === original}
          onClick={() => revise.mutate(changed)}
        >
          {t('ruleChange.save', { n: version.number + 1 })}
        </Button>
      </Group>
      <ErrorAlert error={preview.error ?? revise.error} />
      {preview.data && !revise.isSuccess && (
        <ChangeTable before={preview.data.before} after={preview.data.after} />
      )}
      {revise.isSuccess && (
        <SuccessAlert title={t('ruleChange.saved', { n: revise.data.number })} />
      )}
    </Stack>
  );
}
