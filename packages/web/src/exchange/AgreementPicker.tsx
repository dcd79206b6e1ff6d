import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAgreements } from '../agreements/agreements.api.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { agreementNameIn } from '../agreements/agreement-name.ts';

/** The agreement a screen works under, kept in the URL (?agreement=); the newest by default. */
export function useChosenAgreement() {
  const { mechanism } = useWorkspace();
  const agreements = useAgreements(mechanism.id);
  const [params, setParams] = useSearchParams();
  const wanted = params.get('agreement');
  const chosen =
    agreements.data?.find((a) => a.id === wanted) ?? agreements.data?.at(-1) ?? undefined;
  return {
    agreements,
    chosen,
    choose: (id: string) => setParams({ agreement: id }, { replace: true }),
  };
}

export function AgreementPicker({ state }: { state: ReturnType<typeof useChosenAgreement> }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={state.agreements.error} />
      <Select
        label={t('path.agreement')}
        data={(state.agreements.data ?? []).map((a) => ({
          value: a.id,
          label: agreementNameIn(t, a.name),
        }))}
        value={state.chosen?.id ?? null}
        onChange={(id) => id && state.choose(id)}
        allowDeselect={false}
        w={360}
      />
    </>
  );
}
