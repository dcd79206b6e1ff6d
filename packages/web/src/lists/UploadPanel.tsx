import { Button, Checkbox, FileInput, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { ColumnMappingPreview } from './ColumnMapping.tsx';
import { ImportProblems, rejectionOf } from './ImportProblems.tsx';
import {
  usePreview,
  useUpload,
  type ColumnMapping,
  type ListRef,
  type UploadInput,
} from './lists.api.ts';

/**
 * Uploads a CSV or XLSX file as a new version. Import is all or nothing: a file with errors is
 * refused and every bad line is listed before anything is stored; the officer can then fix the
 * file, or import it with invalid values kept as missing and the lines flagged.
 */
export function UploadPanel({ list, onImported }: { list: ListRef; onImported: () => void }) {
  const { t } = useTranslation();
  const upload = useUpload(list);
  const preview = usePreview(list);
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<UploadInput['encoding']>('utf-8');
  const [acceptInvalid, setAcceptInvalid] = useState(false);
  const [columns, setColumns] = useState<ColumnMapping>({});
  const send = (input: Omit<UploadInput, 'file' | 'columns'>) => {
    if (file) upload.mutate({ file, columns, ...input });
  };
  // Every change of the file, its encoding or the mapping is checked again before any import.
  const check = (change: Partial<Omit<UploadInput, 'file'>> & { file: File | null }) => {
    upload.reset();
    const input = { encoding, acceptInvalid, columns, ...change };
    if (input.file) preview.mutate({ ...input, file: input.file });
    else preview.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({ encoding, acceptInvalid });
  };
  const rejection = rejectionOf(upload.error);
  return (
    <Stack maw={900}>
      <Text size="sm" c="dimmed">
        {t('upload.help', { party: list.party })}
      </Text>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <FileInput
            label={t('upload.file')}
            placeholder={t('upload.choose')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setColumns({});
              check({ file: f, columns: {} });
            }}
            required
            w={320}
          />
          <Select
            label={t('upload.encoding')}
            value={encoding}
            onChange={(v) => {
              const chosen = v === 'cp1251' ? 'cp1251' : 'utf-8';
              setEncoding(chosen);
              check({ file, encoding: chosen });
            }}
            data={[
              { value: 'utf-8', label: 'UTF-8' },
              { value: 'cp1251', label: 'Windows-1251' },
            ]}
            allowDeselect={false}
            w={160}
          />
          <Checkbox
            label={t('upload.acceptInvalid')}
            checked={acceptInvalid}
            onChange={(e) => {
              const accept = e.currentTarget.checked;
              setAcceptInvalid(accept);
              check({ file, acceptInvalid: accept });
            }}
            mb={8}
          />
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            {t('upload.submit')}
          </Button>
        </Group>
      </form>
      {upload.sent !== null && <UploadProgress sent={upload.sent} />}
      {upload.isIdle && <ErrorAlert error={preview.error} title={t('upload.rejected')} />}
      {upload.isIdle && preview.data && (
        <ColumnMappingPreview
          preview={preview.data}
          mapping={columns}
          isChecking={preview.isPending}
          onChange={(mapping) => {
            setColumns(mapping);
            check({ file, columns: mapping });
          }}
        />
      )}
      {upload.isSuccess && (
        <SuccessAlert title={t('upload.done', { n: upload.data.version.number })}>
          <Text size="sm">
            {t('upload.doneDetail', {
              lines: upload.data.version.lineCount,
              flagged: upload.data.version.flaggedLineCount,
            })}
          </Text>
          <Button variant="subtle" size="compact-sm" mt="xs" onClick={onImported}>
            {t('upload.showVersions')}
          </Button>
        </SuccessAlert>
      )}
      {upload.isSuccess && upload.data.warnings.length > 0 && (
        <ImportProblems problems={upload.data.warnings} caption={t('upload.warnings')} />
      )}
      {rejection ? (
        <>
          <ErrorAlert error={upload.error} title={t('upload.rejected')} />
          <ImportProblems
            problems={rejection.errors}
            caption={t('upload.errors', { count: rejection.errors.length })}
          />
          {rejection.warnings.length > 0 && (
            <ImportProblems problems={rejection.warnings} caption={t('upload.warnings')} />
          )}
          <Group>
            <Button
              variant="default"
              onClick={() => send({ encoding, acceptInvalid: true })}
              loading={upload.isPending}
            >
              {t('upload.importAnyway')}
            </Button>
            <Text size="xs" c="dimmed" maw={480}>
              {t('upload.importAnywayHelp')}
            </Text>
          </Group>
        </>
      ) : (
        <ErrorAlert error={upload.error} title={t('upload.rejected')} />
      )}
    </Stack>
  );
}

/** Live progress of an import: the file going up, then the server checking and storing it. */
function UploadProgress({ sent }: { sent: number }) {
  const { t } = useTranslation();
  const percent = Math.round(sent * 100);
  const label = sent < 1 ? t('upload.sending', { percent }) : t('upload.storing');
  return (
    <Stack gap={4} role="status">
      <Text size="sm">{label}</Text>
      <Progress
        value={sent < 1 ? percent : 100}
        animated={sent >= 1}
        aria-label={label}
        transitionDuration={200}
      />
    </Stack>
  );
}
