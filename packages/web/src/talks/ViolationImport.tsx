import {
  Button,
  Card,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { ImportProblems } from '../lists/ImportProblems.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useImportViolations, usePreviewImport } from './talks.api.ts';
import type { ViolationFile } from './talks.types.ts';

/**
 * A CSV of violation reports, checked first: every error by line and column, or the count to
 * import; nothing is stored until the checked file is imported, and then all of it or none.
 */
export function ViolationImport({ regimes }: { regimes: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const party = talksAbilitiesOf(grant).positionsFor;
  const preview = usePreviewImport(mechanism.id);
  const importer = useImportViolations(mechanism.id);
  const [file, setFile] = useState<File | null>(null);
  const [monitor, setMonitor] = useState('');
  const [ceasefire, setCeasefire] = useState<string | null>(null);
  const [checked, setChecked] = useState<ViolationFile | null>(null);
  const [encodingError, setEncodingError] = useState<string | null>(null);
  const reset = () => {
    setChecked(null);
    setEncodingError(null);
    preview.reset();
    importer.reset();
  };
  const check = async () => {
    if (!file) return;
    // Refused rather than misread: a file in another encoding would turn names into mojibake.
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      setEncodingError(t('talks.import.notUtf8', { file: file.name }));
      return;
    }
    setEncodingError(null);
    const input: ViolationFile = {
      reporter: party ? { party } : { monitor: monitor.trim() },
      ceasefire,
      fileName: file.name,
      csv,
    };
    setChecked(input);
    importer.reset();
    preview.mutate(input);
  };
  const errors = preview.data?.errors ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="violation-import">
      <Stack>
        <Title order={2} size="h4" id="violation-import">
          {t('talks.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('talks.import.help')}
        </Text>
        <Group align="flex-end">
          {party ? (
            <Text size="sm">{t('talks.import.asParty', { party })}</Text>
          ) : (
            <TextInput
              label={t('talks.import.monitor')}
              value={monitor}
              onChange={(e) => {
                setMonitor(e.currentTarget.value);
                reset();
              }}
              required
            />
          )}
          <Select
            label={t('talks.violations.regime')}
            placeholder={t('talks.import.noRegime')}
            data={regimes}
            value={ceasefire}
            onChange={(v) => {
              setCeasefire(v);
              reset();
            }}
            clearable
            w={300}
          />
          <FileInput
            label={t('talks.import.file')}
            placeholder={t('talks.import.choose')}
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              reset();
            }}
            w={260}
          />
          <Button
            onClick={() => void check()}
            disabled={!file || (!party && !monitor.trim())}
            loading={preview.isPending}
          >
            {t('talks.import.check')}
          </Button>
        </Group>
        <ErrorAlert
          error={encodingError ? new Error(encodingError) : (preview.error ?? importer.error)}
        />
        {preview.data && errors.length > 0 && (
          <>
            <Text role="alert" c="red.9" fw={700}>
              {t('talks.import.refused', { count: errors.length, file: preview.data.fileName })}
            </Text>
            <ImportProblems
              problems={errors}
              caption={t('talks.import.errorsCaption', { file: preview.data.fileName })}
            />
          </>
        )}
        {preview.data && errors.length === 0 && checked && !importer.isSuccess && (
          <Group>
            <Text>
              {t('talks.import.ready', {
                count: preview.data.reports,
                file: preview.data.fileName,
              })}
            </Text>
            <Button onClick={() => importer.mutate(checked)} loading={importer.isPending}>
              {t('talks.import.store', { count: preview.data.reports })}
            </Button>
          </Group>
        )}
        {importer.isSuccess && (
          <SuccessAlert title={t('talks.import.done', { count: importer.data.reports })} />
        )}
      </Stack>
    </Card>
  );
}
