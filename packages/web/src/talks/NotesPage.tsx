import { Alert, Button, Card, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useAddNote, useNotes } from './talks.api.ts';

/** A party's private notes on the talks: its officers see them, nobody else (not even the mediator). */
export function NotesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const party = talksAbilitiesOf(grant).notesOf;
  const notes = useNotes(mechanism.id, party !== null);
  const add = useAddNote(mechanism.id);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  if (!party) return <Alert variant="light">{t('talks.notes.partyOnly')}</Alert>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { subject: subject.trim() || null, text },
      {
        onSuccess: () => {
          setSubject('');
          setText('');
        },
      },
    );
  };
  return (
    <Stack>
      <Alert variant="outline" color="gray.8">
        {t('talks.notes.private', { party })}
      </Alert>
      <Card withBorder component="form" onSubmit={submit}>
        <Stack>
          <Title order={2} size="h4">
            {t('talks.notes.add')}
          </Title>
          <TextInput
            label={t('talks.notes.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
          <Textarea
            label={t('talks.notes.text')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
            required
          />
          <ErrorAlert error={add.error} />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('talks.notes.save')}
          </Button>
        </Stack>
      </Card>
      <ErrorAlert error={notes.error} />
      {notes.isPending && <Loading />}
      {notes.data?.length === 0 && <Text>{t('talks.notes.none')}</Text>}
      {notes.data?.map((n) => (
        <Card key={n.id} withBorder component="article">
          {n.subject && (
            <Title order={3} size="h5">
              {n.subject}
            </Title>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {n.text}
          </Text>
          <Text size="xs" c="dimmed" mt="xs">
            {format.dateTime(n.createdAt)} · {n.createdBy}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
