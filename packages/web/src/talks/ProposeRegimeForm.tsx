import { Checkbox, Group, MultiSelect, NumberInput, Radio, Select, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../session/workspace.tsx';
import { FoldingForm } from './FoldingForm.tsx';
import { useDocument, useDocuments, useProposeRegime } from './talks.api.ts';
import { CEASEFIRE_SCOPES, type CeasefireScope } from './talks.types.ts';
import { useTalkTexts } from './talk-texts.ts';

/** The points of one document, for choosing a regime's preconditions. */
function PreconditionPicker({
  value,
  onChange,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const { mechanism } = useWorkspace();
  const documents = useDocuments(mechanism.id);
  const [documentId, setDocumentId] = useState<string | null>(null);
  return (
    <Group grow align="flex-start">
      <Select
        label={t('talks.ceasefires.preconditionsFrom')}
        placeholder={t('talks.ceasefires.noDocument')}
        data={(documents.data ?? []).map((d) => ({ value: d.id, label: say(d.title) }))}
        value={documentId}
        onChange={(id) => {
          setDocumentId(id);
          onChange([]);
        }}
        clearable
      />
      {documentId ? (
        <PointsOf documentId={documentId} value={value} onChange={onChange} />
      ) : (
        <div />
      )}
    </Group>
  );
}

function PointsOf({
  documentId,
  value,
  onChange,
}: {
  documentId: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const { mechanism } = useWorkspace();
  const document = useDocument(mechanism.id, documentId);
  return (
    <MultiSelect
      label={t('talks.ceasefires.preconditions')}
      data={(document.data?.points ?? []).map((p) => ({
        value: p.id,
        label: `${p.label}. ${say(p.text)}`,
      }))}
      value={value}
      onChange={onChange}
      searchable
    />
  );
}

/** The mediator records a regime proposed by a party or a mediator; it starts as proposed. */
export function ProposeRegimeForm() {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const propose = useProposeRegime(mechanism.id);
  const [opened, { toggle, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'general' | 'local'>('local');
  const [scope, setScope] = useState<CeasefireScope[]>(['land']);
  const [geography, setGeography] = useState('');
  const [sectors, setSectors] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [durationDays, setDurationDays] = useState<number | string>('');
  const [extension, setExtension] = useState('');
  const [monitoringBody, setMonitoringBody] = useState('');
  const [proposedBy, setProposedBy] = useState<string | null>(mechanism.parties[0] ?? null);
  const [preconditions, setPreconditions] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate(
      {
        name,
        kind,
        scope,
        geography,
        sectors: sectors
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        startsAt: startsAt ? new Date(startsAt).toISOString() : null,
        durationDays: durationDays === '' ? null : Number(durationDays),
        extension: extension || null,
        monitoringBody: monitoringBody || null,
        proposedBy: proposedBy ?? '',
        preconditions,
      },
      { onSuccess: close },
    );
  };
  return (
    <FoldingForm
      title={t('talks.ceasefires.propose')}
      opened={opened}
      onToggle={toggle}
      onSubmit={submit}
      saved={propose.isSuccess ? t('talks.ceasefires.proposed') : null}
      error={propose.error}
      isSaving={propose.isPending}
      canSave={scope.length > 0}
      saveLabel={t('talks.ceasefires.saveNew')}
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('talks.ceasefires.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <Select
          label={t('talks.ceasefires.proposedBy')}
          data={[...mechanism.parties, ...mechanism.mediators]}
          value={proposedBy}
          onChange={setProposedBy}
          allowDeselect={false}
        />
      </Group>
      <Radio.Group label={t('talks.ceasefires.kind')} value={kind} onChange={(v) => setKind(v)}>
        <Group mt={4}>
          <Radio value="general" label={t('talks.ceasefireKind.general')} />
          <Radio value="local" label={t('talks.ceasefireKind.local')} />
        </Group>
      </Radio.Group>
      <Checkbox.Group
        label={t('talks.ceasefires.scope')}
        value={scope}
        onChange={(v) => setScope(v)}
      >
        <Group mt={4}>
          {CEASEFIRE_SCOPES.map((s) => (
            <Checkbox key={s} value={s} label={t(`talks.scope.${s}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('talks.ceasefires.geography')}
          value={geography}
          onChange={(e) => setGeography(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('talks.ceasefires.sectors')}
          description={t('talks.ceasefires.sectorsHelp')}
          value={sectors}
          onChange={(e) => setSectors(e.currentTarget.value)}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label={t('talks.ceasefires.start')}
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
        />
        <NumberInput
          label={t('talks.ceasefires.durationDays')}
          value={durationDays}
          onChange={setDurationDays}
          min={1}
          allowDecimal={false}
        />
        <TextInput
          label={t('talks.ceasefires.extension')}
          value={extension}
          onChange={(e) => setExtension(e.currentTarget.value)}
        />
        <TextInput
          label={t('talks.ceasefires.monitoring')}
          value={monitoringBody}
          onChange={(e) => setMonitoringBody(e.currentTarget.value)}
        />
      </Group>
      <PreconditionPicker value={preconditions} onChange={setPreconditions} />
    </FoldingForm>
  );
}
