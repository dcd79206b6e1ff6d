import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Agreement } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useOpenPaths } from '../exchange/exchange.api.ts';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useAgreement, useEligibilitySummary } from './agreements.api.ts';
import { EligibilityPanel } from './EligibilityPanel.tsx';
import { EligibilityResults } from './EligibilityResults.tsx';
import { RuleChangePanel } from './RuleChangePanel.tsx';
import { RulesTable } from './RulesTable.tsx';
import { agreementNameIn } from './agreement-name.ts';
import { useTalkTexts } from '../talks/talk-texts.ts';

function OpenPaths({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, base } = useWorkspace();
  const open = useOpenPaths(mechanism.id, agreement.id);
  return (
    <Stack>
      <Group>
        <Button loading={open.isPending} onClick={() => open.mutate()}>
          {t('path.open')}
        </Button>
        <Button component={Link} to={`${base}/stages?agreement=${agreement.id}`} variant="light">
          {t('path.board')}
        </Button>
      </Group>
      <ErrorAlert error={open.error} />
      {open.data && (
        <SuccessAlert
          title={t('path.opened', {
            eligible: format.integer(open.data.eligible),
            added: format.integer(open.data.added),
          })}
        />
      )}
    </Stack>
  );
}

/** One agreement: its latest terms with their rules, eligibility, and the way onto the path. */
export function AgreementPage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { agreementId = '' } = useParams();
  const { mechanism, abilities } = useWorkspace();
  const agreement = useAgreement(mechanism.id, agreementId);
  const version = agreement.data?.versions.at(-1);
  const summary = useEligibilitySummary(mechanism.id, agreementId, version?.number ?? 1);
  if (agreement.isPending) return <Loading />;
  if (agreement.error || !version) return <ErrorAlert error={agreement.error} />;
  const { definition } = version;
  const evaluated = summary.data?.lists.filter((l) => l.isEvaluated) ?? [];
  return (
    <Stack>
      <PageHeader
        title={agreementNameIn(t, agreement.data.name)}
        subtitle={t('agreement.subtitle', {
          version: version.number,
          date: format.date(definition.date),
          venue: say(definition.venue),
          reference: format.date(definition.referenceDate),
        })}
        actions={<Badge variant="outline">{t(`agreementStatus.${agreement.data.status}`)}</Badge>}
      />
      <Text>
        {t('agreement.formula')}: {t(`formula.${definition.formula.kind}`)}
      </Text>
      <RulesTable definition={definition} />
      <EligibilityPanel agreementId={agreement.data.id} version={version} />
      {abilities.manageAgreements && (
        <RuleChangePanel
          key={agreement.data.id}
          agreementId={agreement.data.id}
          version={version}
        />
      )}
      {abilities.readEligibility && evaluated.length > 0 && (
        <EligibilityResults
          agreementId={agreement.data.id}
          version={version.number}
          lists={evaluated}
        />
      )}
      {abilities.manageExchange && evaluated.length > 0 && (
        <>
          <Title order={2} size="h3">
            {t('path.title')}
          </Title>
          <OpenPaths agreement={agreement.data} />
        </>
      )}
    </Stack>
  );
}
