import {
  ActionIcon,
  Button,
  Code,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import {
  celOfRule,
  type BuiltRule,
  type HealthStatus,
  type LegalStatus,
  type RuleCondition,
} from '@parley/kernel/agreement';
import { HEALTH_STATUSES, LEGAL_STATUSES } from '@parley/kernel/person-record';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Kind = RuleCondition['kind'];
const KINDS: readonly Kind[] = ['health', 'legal', 'age', 'rank', 'capture', 'extra'];

/** A new condition of a kind, with what a mediator most often means by it. */
function fresh(kind: Kind): RuleCondition {
  switch (kind) {
    case 'health':
      return { kind, statuses: ['seriously_wounded', 'seriously_sick'] };
    case 'legal':
      return { kind, statuses: ['pow'] };
    case 'age':
      return { kind, min: 18, max: 25, on: 'reference' };
    case 'rank':
      return { kind, ranks: [] };
    case 'capture':
      return { kind, when: 'before', date: '' };
    case 'extra':
      return { kind, column: '', values: ['yes'] };
  }
}

const isHealthStatus = (value: string): value is HealthStatus =>
  (HEALTH_STATUSES as readonly string[]).includes(value);
const isLegalStatus = (value: string): value is LegalStatus =>
  (LEGAL_STATUSES as readonly string[]).includes(value);

const whole = (value: string | number): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** The inputs of one condition, each labelled with its place, for a screen reader. */
function ConditionFields({
  condition,
  label,
  onChange,
}: {
  condition: RuleCondition;
  label: (what: string) => string;
  onChange: (next: RuleCondition) => void;
}) {
  const { t } = useTranslation();
  switch (condition.kind) {
    case 'health':
      return (
        <MultiSelect
          label={label(t('ruleBuilder.statuses.health'))}
          data={HEALTH_STATUSES.map((value) => ({
            value,
            label: t(`personStatus.health.${value}`),
          }))}
          value={[...condition.statuses]}
          onChange={(values) => onChange({ ...condition, statuses: values.filter(isHealthStatus) })}
          miw={320}
        />
      );
    case 'legal':
      return (
        <MultiSelect
          label={label(t('ruleBuilder.statuses.legal'))}
          data={LEGAL_STATUSES.map((value) => ({
            value,
            label: t(`personStatus.legal.${value}`),
          }))}
          value={[...condition.statuses]}
          onChange={(values) => onChange({ ...condition, statuses: values.filter(isLegalStatus) })}
          miw={320}
        />
      );
    case 'rank':
      return (
        <TagsInput
          label={label(t('ruleBuilder.ranks'))}
          description={t('ruleBuilder.ranksHint')}
          value={[...condition.ranks]}
          onChange={(ranks) => onChange({ ...condition, ranks })}
          miw={320}
        />
      );
    case 'age':
      return (
        <Group align="flex-end">
          <NumberInput
            label={label(t('ruleBuilder.ageFrom'))}
            min={0}
            max={130}
            value={condition.min ?? ''}
            onChange={(value) => onChange({ ...condition, min: whole(value) })}
            w={120}
          />
          <NumberInput
            label={label(t('ruleBuilder.ageTo'))}
            min={0}
            max={130}
            value={condition.max ?? ''}
            onChange={(value) => onChange({ ...condition, max: whole(value) })}
            w={120}
          />
          <Select
            label={label(t('ruleBuilder.ageOn'))}
            data={[
              { value: 'reference', label: t('ruleBuilder.referenceDate') },
              { value: 'date', label: t('ruleBuilder.aDate') },
            ]}
            value={condition.on === 'reference' ? 'reference' : 'date'}
            onChange={(value) =>
              onChange({ ...condition, on: value === 'reference' ? 'reference' : '' })
            }
            allowDeselect={false}
            w={220}
          />
          {condition.on !== 'reference' && (
            <TextInput
              type="date"
              label={label(t('ruleBuilder.date'))}
              value={condition.on}
              onChange={(e) => onChange({ ...condition, on: e.currentTarget.value })}
            />
          )}
        </Group>
      );
    case 'capture':
      return (
        <Group align="flex-end">
          <Select
            label={label(t('ruleBuilder.captured'))}
            data={[
              { value: 'before', label: t('ruleBuilder.before') },
              { value: 'after', label: t('ruleBuilder.after') },
            ]}
            value={condition.when}
            onChange={(when) =>
              onChange({ ...condition, when: when === 'after' ? 'after' : 'before' })
            }
            allowDeselect={false}
            w={160}
          />
          <TextInput
            type="date"
            label={label(t('ruleBuilder.date'))}
            value={condition.date}
            onChange={(e) => onChange({ ...condition, date: e.currentTarget.value })}
          />
        </Group>
      );
    case 'extra':
      return (
        <Group align="flex-end">
          <TextInput
            label={label(t('ruleBuilder.column'))}
            description={t('ruleBuilder.columnHint')}
            value={condition.column}
            onChange={(e) => onChange({ ...condition, column: e.currentTarget.value })}
          />
          <TagsInput
            label={label(t('ruleBuilder.values'))}
            value={[...condition.values]}
            onChange={(values) => onChange({ ...condition, values })}
            miw={240}
          />
        </Group>
      );
  }
}

/**
 * A rule put together from the agreement's common conditions (health, legal status, age on a
 * day, rank, capture date, a column of the party's own), with the CEL it writes shown before it
 * is used. What the builder cannot say is still written in CEL beside it.
 */
export function RuleBuilder({ onUse }: { onUse: (cel: string) => void }) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<BuiltRule>({ join: 'all', conditions: [fresh('health')] });
  const written = celOfRule(rule);
  const problemOf = (index: number) =>
    written.ok ? undefined : written.problems.find((p) => p.index === index)?.message;
  const change = (index: number, next: RuleCondition) =>
    setRule({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? next : c)) });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Text fw={700}>{t('ruleBuilder.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('ruleBuilder.help')}
        </Text>
        <SegmentedControl
          aria-label={t('ruleBuilder.join')}
          data={[
            { value: 'all', label: t('ruleBuilder.all') },
            { value: 'any', label: t('ruleBuilder.any') },
          ]}
          value={rule.join}
          onChange={(join) => setRule({ ...rule, join: join === 'any' ? 'any' : 'all' })}
          maw={480}
        />
        {rule.conditions.map((condition, index) => {
          const place = t('ruleBuilder.condition', { n: index + 1 });
          const problem = problemOf(index);
          return (
            <Stack key={index} gap={4}>
              <Group align="flex-end">
                <Select
                  label={place}
                  data={KINDS.map((kind) => ({
                    value: kind,
                    label: t(`ruleBuilder.kind.${kind}`),
                  }))}
                  value={condition.kind}
                  onChange={(kind) => {
                    const chosen = KINDS.find((k) => k === kind);
                    if (chosen) change(index, fresh(chosen));
                  }}
                  allowDeselect={false}
                  w={240}
                />
                <ConditionFields
                  condition={condition}
                  label={(what) => `${what} (${place})`}
                  onChange={(next) => change(index, next)}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('ruleBuilder.remove', { n: index + 1 })}
                  onClick={() =>
                    setRule({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) })
                  }
                >
                  ×
                </ActionIcon>
              </Group>
              {problem && (
                <Text size="sm" c="red.9" role="alert">
                  {t('ruleBuilder.problem', { n: index + 1, problem })}
                </Text>
              )}
            </Stack>
          );
        })}
        <Group>
          <Button
            variant="default"
            onClick={() => setRule({ ...rule, conditions: [...rule.conditions, fresh('health')] })}
          >
            {t('ruleBuilder.add')}
          </Button>
        </Group>
        {written.ok && (
          <Stack gap={4}>
            <Text size="sm">{t('ruleBuilder.writes')}</Text>
            <Code block data-testid="built-rule">
              {written.cel}
            </Code>
          </Stack>
        )}
        <Group>
          <Button disabled={!written.ok} onClick={() => written.ok && onUse(written.cel)}>
            {t('ruleBuilder.use')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
