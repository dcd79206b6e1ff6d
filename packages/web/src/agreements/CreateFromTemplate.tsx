import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useCreateAgreement, useTemplates } from './agreements.api.ts';

/** The mediator starts an agreement from one Parley ships. */
export function CreateFromTemplate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mechanism, base } = useWorkspace();
  const templates = useTemplates();
  const create = useCreateAgreement(mechanism.id);
  const [template, setTemplate] = useState<string | null>(null);
  const [name, setName] = useState('');
  return (
    <>
      <Group align="flex-end">
        <Select
          label={t('agreements.template')}
          placeholder={t('agreements.chooseTemplate')}
          data={(templates.data ?? []).map((x) => ({
            value: x.id,
            label: t(`agreementTemplate.${x.id}.name`, { defaultValue: x.definition.name }),
          }))}
          value={template}
          onChange={setTemplate}
          w={360}
        />
        <TextInput
          label={t('agreements.newName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={280}
        />
        <Button
          disabled={!template}
          loading={create.isPending}
          onClick={() =>
            template &&
            create.mutate(
              { template, ...(name.trim() ? { name: name.trim() } : {}) },
              {
                onSuccess: (created) => void navigate(`${base}/agreements/${created.id}`),
              },
            )
          }
        >
          {t('agreements.create')}
        </Button>
      </Group>
      {template && (
        <div>
          {t(`agreementTemplate.${template}.description`, {
            defaultValue: templates.data?.find((x) => x.id === template)?.description ?? '',
          })}
        </div>
      )}
      <ErrorAlert error={templates.error ?? create.error} />
    </>
  );
}
