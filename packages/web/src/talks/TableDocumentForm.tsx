import { Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { FoldingForm } from './FoldingForm.tsx';
import { useRounds, useTableDocument } from './talks.api.ts';
import { DOCUMENT_KINDS, POINT_KINDS, type DocumentKind, type PointKind } from './talks.types.ts';
import { useTalkTexts } from './talk-texts.ts';

interface PointDraft {
  label: string;
  kind: PointKind;
  text: string;
}

const blank = (n: number): PointDraft => ({ label: String(n), kind: 'ceasefire', text: '' });

/**
 * The mediator tables a document as numbered points; the same title again makes its next version,
 * and the authoring party proposes every point.
 */
export function TableDocumentForm() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const table = useTableDocument(mechanism.id);
  const rounds = useRounds(mechanism.id);
  const [opened, { toggle, close }] = useDisclosure(false);
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState<string | null>(mechanism.parties[0] ?? null);
  const [kind, setKind] = useState<DocumentKind>('memorandum');
  const [tabledOn, setTabledOn] = useState('');
  const [roundId, setRoundId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [points, setPoints] = useState<PointDraft[]>([blank(1)]);
  const setPoint = (i: number, change: Partial<PointDraft>) =>
    setPoints((all) => all.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    table.mutate(
      {
        title,
        author: author ?? '',
        kind,
        tabledOn,
        roundId,
        note,
        points: points.filter((p) => p.text.trim()),
      },
      { onSuccess: close },
    );
  };
  return (
    <FoldingForm
      title={t('talks.documents.table')}
      description={t('talks.documents.tableHelp')}
      opened={opened}
      onToggle={toggle}
      onSubmit={submit}
      saved={table.isSuccess ? t('talks.documents.tabled', { version: table.data.version }) : null}
      error={table.error}
      isSaving={table.isPending}
      saveLabel={t('talks.documents.saveTabled')}
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('talks.documents.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Select
          label={t('talks.documents.author')}
          data={[...mechanism.parties, ...mechanism.mediators]}
          value={author}
          onChange={setAuthor}
          allowDeselect={false}
        />
        <Select
          label={t('talks.documents.kind')}
          data={DOCUMENT_KINDS.map((k) => ({
            value: k,
            label: t(`talks.documentKind.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('talks.documents.tabledOnDay')}
          value={tabledOn}
          onChange={(e) => setTabledOn(e.currentTarget.value)}
          required
        />
        <Select
          label={t('talks.documents.round')}
          placeholder={t('talks.documents.noRound')}
          data={(rounds.data ?? []).map((r) => ({
            value: r.id,
            label: `${format.date(r.date)}, ${say(r.venue)}`,
          }))}
          value={roundId}
          onChange={setRoundId}
          clearable
        />
      </Group>
      <Stack gap="xs">
        <Text fw={700} size="sm">
          {t('talks.documents.points')}
        </Text>
        {points.map((p, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput
              label={t('talks.documents.labelN', { number: i + 1 })}
              value={p.label}
              onChange={(e) => setPoint(i, { label: e.currentTarget.value })}
              w={90}
              required
            />
            <Select
              label={t('talks.documents.kindN', { number: i + 1 })}
              data={POINT_KINDS.map((k) => ({ value: k, label: t(`talks.pointKind.${k}`) }))}
              value={p.kind}
              onChange={(v) => v && setPoint(i, { kind: v })}
              allowDeselect={false}
              w={230}
            />
            <TextInput
              label={t('talks.documents.textN', { number: i + 1 })}
              value={p.text}
              onChange={(e) => setPoint(i, { text: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              onClick={() => setPoints((all) => all.filter((_, j) => j !== i))}
              disabled={points.length === 1}
            >
              {t('talks.documents.removePoint', { number: i + 1 })}
            </Button>
          </Group>
        ))}
        <Button
          variant="default"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setPoints((all) => [...all, blank(all.length + 1)])}
        >
          {t('talks.documents.addPoint')}
        </Button>
      </Stack>
      <Textarea
        label={t('talks.documents.revisionNote')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FoldingForm>
  );
}
