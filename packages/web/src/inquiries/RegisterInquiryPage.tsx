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
import { useForm } from '@mantine/form';
import { inquiryBody } from '@parley/kernel/inquiry';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { validateBySchema } from '../common/form-schema.ts';
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
  const form = useForm({
    initialValues: {
      channel: 'phone',
      receivedOn: today(),
      inquirer: { name: '', relation: '', contact: '', language: 'uk' },
      sought: Object.fromEntries(
        [...SOUGHT_FIELDS, 'circumstances', 'marks'].map((field) => [field, '']),
      ) as Record<SoughtField, string>,
      consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: false } },
    },
    validate: validateBySchema(inquiryBody, t, 'inquiries.invalid'),
  });
  const submit = form.onSubmit(({ inquirer, sought, ...rest }) => {
    const given: Partial<Record<SoughtField, string>> = {};
    for (const [field, value] of Object.entries(sought) as Array<[SoughtField, string]>)
      if (value.trim()) given[field] = value.trim();
    register.mutate(
      {
        ...rest,
        inquirer: { ...inquirer, name: inquirer.name.trim(), contact: inquirer.contact.trim() },
        sought: given,
      },
      { onSuccess: (created) => void navigate(`${base}/inquiries/${created.id}`) },
    );
  });
  const soughtInput = (field: SoughtField) => ({
    label: t(`inquiries.field.${field}`),
    ...form.getInputProps(`sought.${field}`),
  });
  return (
    <form onSubmit={submit}>
      <Stack>
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
              {...form.getInputProps('inquirer.name')}
            />
            <Select
              label={t('inquiries.field.relation')}
              required
              data={RELATIONS.map((r) => ({ value: r, label: t(`inquiries.relation.${r}`) }))}
              {...form.getInputProps('inquirer.relation')}
            />
            <TextInput
              label={t('inquiries.field.contact')}
              description={t('inquiries.field.contactHint')}
              required
              {...form.getInputProps('inquirer.contact')}
            />
            <Select
              label={t('inquiries.field.language')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`inquiries.language.${l}`) }))}
              allowDeselect={false}
              {...form.getInputProps('inquirer.language')}
            />
            <Select
              label={t('inquiries.field.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`inquiries.channel.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <TextInput
              type="date"
              label={t('inquiries.field.receivedOn')}
              required
              {...form.getInputProps('receivedOn')}
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
              {...form.getInputProps('consent.tracing', { type: 'checkbox' })}
            />
            {(['mediator', 'icrc', 'otherParty'] as const).map((who) => (
              <Checkbox
                key={who}
                label={t(`inquiries.consent.${who}`)}
                {...form.getInputProps(`consent.sharing.${who}`, { type: 'checkbox' })}
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
    </form>
  );
}
