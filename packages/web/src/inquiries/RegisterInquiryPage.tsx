import {
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { CHANNELS, LANGUAGES, RELATIONS, useRegisterInquiry } from './inquiries.api.ts';

const SOUGHT_FIELDS = [
  'surname',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'serviceNumber',
  'rank',
  'unit',
  'lastKnownPlace',
  'lastKnownDate',
] as const;
type SoughtField = (typeof SOUGHT_FIELDS)[number] | 'circumstances' | 'marks';

const today = () => new Date().toISOString().slice(0, 10);

/** The bureau takes down one family's inquiry: who asks, about whom, and what the family allows. */
export function RegisterInquiryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mechanism, base } = useWorkspace();
  const register = useRegisterInquiry(mechanism.id);
  const [channel, setChannel] = useState<string>('phone');
  const [receivedOn, setReceivedOn] = useState(today());
  const [inquirer, setInquirer] = useState({ name: '', relation: '', contact: '', language: 'uk' });
  const [sought, setSought] = useState<Partial<Record<SoughtField, string>>>({});
  const [tracing, setTracing] = useState(true);
  const [sharing, setSharing] = useState({ mediator: true, icrc: true, otherParty: false });

  const soughtInput = (field: SoughtField) => ({
    label: t(`inquiries.field.${field}`),
    value: sought[field] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setSought((s) => ({ ...s, [field]: value }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given: Partial<Record<SoughtField, string>> = {};
    for (const [field, value] of Object.entries(sought) as Array<[SoughtField, string]>)
      if (value.trim()) given[field] = value.trim();
    register.mutate(
      {
        channel,
        receivedOn,
        inquirer: { ...inquirer, name: inquirer.name.trim(), contact: inquirer.contact.trim() },
        sought: given,
        consent: { tracing, sharing },
      },
      { onSuccess: (created) => void navigate(`${base}/inquiries/${created.id}`) },
    );
  };
  return (
    <Stack component="form" onSubmit={submit}>
      <PageHeader
        title={t('inquiries.register.title')}
        subtitle={t('inquiries.register.purpose')}
      />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('inquiries.register.inquirer')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('inquiries.field.inquirerName')}
            required
            value={inquirer.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setInquirer((i) => ({ ...i, name }));
            }}
          />
          <Select
            label={t('inquiries.field.relation')}
            required
            data={RELATIONS.map((r) => ({ value: r, label: t(`inquiries.relation.${r}`) }))}
            value={inquirer.relation || null}
            onChange={(relation) => setInquirer((i) => ({ ...i, relation: relation ?? '' }))}
          />
          <TextInput
            label={t('inquiries.field.contact')}
            description={t('inquiries.field.contactHint')}
            required
            value={inquirer.contact}
            onChange={(e) => {
              const contact = e.currentTarget.value;
              setInquirer((i) => ({ ...i, contact }));
            }}
          />
          <Select
            label={t('inquiries.field.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`inquiries.language.${l}`) }))}
            value={inquirer.language}
            allowDeselect={false}
            onChange={(language) => setInquirer((i) => ({ ...i, language: language ?? 'uk' }))}
          />
          <Select
            label={t('inquiries.field.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`inquiries.channel.${c}`) }))}
            value={channel}
            allowDeselect={false}
            onChange={(value) => setChannel(value ?? 'phone')}
          />
          <TextInput
            type="date"
            label={t('inquiries.field.receivedOn')}
            required
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.currentTarget.value)}
          />
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('inquiries.register.sought')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {SOUGHT_FIELDS.map((field) => (
            <TextInput
              key={field}
              {...soughtInput(field)}
              required={field === 'surname'}
              description={
                field === 'dateOfBirth' || field === 'lastKnownDate'
                  ? t('inquiries.field.partialDateHint')
                  : undefined
              }
            />
          ))}
        </SimpleGrid>
        <Textarea mt="sm" autosize minRows={2} {...soughtInput('circumstances')} />
        <Textarea mt="sm" autosize minRows={2} {...soughtInput('marks')} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('inquiries.register.consent')}
        </Title>
        <Stack gap="xs">
          <Checkbox
            label={t('inquiries.consent.tracing')}
            checked={tracing}
            onChange={(e) => setTracing(e.currentTarget.checked)}
          />
          {(['mediator', 'icrc', 'otherParty'] as const).map((who) => (
            <Checkbox
              key={who}
              label={t(`inquiries.consent.${who}`)}
              checked={sharing[who]}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setSharing((s) => ({ ...s, [who]: checked }));
              }}
            />
          ))}
        </Stack>
      </Card>
      <ErrorAlert error={register.error} />
      <Group>
        <Button type="submit" loading={register.isPending}>
          {t('inquiries.register.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
