import { Button, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useRecordPosition, useRevisePoint } from './talks.api.ts';
import { STANCES, type Point, type Stance } from './talks.types.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** What a role may do to a point of the latest version: state a position, or correct its text. */
export function PointActions({ documentId, point }: { documentId: string; point: Point }) {
  const { t } = useTranslation();
  const { grant } = useWorkspace();
  const abilities = talksAbilitiesOf(grant);
  const [positionOpen, position] = useDisclosure(false);
  const [reviseOpen, revise] = useDisclosure(false);
  const name = t('talks.documents.pointN', { label: point.label });
  return (
    <Stack gap={4}>
      {abilities.recordPositions && (
        <Button
          size="xs"
          variant="default"
          onClick={position.open}
          aria-label={`${t('talks.documents.recordPosition')}: ${name}`}
        >
          {t('talks.documents.recordPosition')}
        </Button>
      )}
      {abilities.manage && (
        <Button
          size="xs"
          variant="default"
          onClick={revise.open}
          aria-label={`${t('talks.documents.revise')}: ${name}`}
        >
          {t('talks.documents.revise')}
        </Button>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('talks.close') }}
        opened={positionOpen}
        onClose={position.close}
        title={`${t('talks.documents.recordPosition')}: ${name}`}
      >
        {positionOpen && <PositionForm point={point} onDone={position.close} />}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('talks.close') }}
        opened={reviseOpen}
        onClose={revise.close}
        title={`${t('talks.documents.revise')}: ${name}`}
        size="lg"
      >
        {reviseOpen && <ReviseForm documentId={documentId} point={point} onDone={revise.close} />}
      </Modal>
    </Stack>
  );
}

/** A new dated, sourced position; the ones before are kept as the point's history. */
function PositionForm({ point, onDone }: { point: Point; onDone: () => void }) {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const own = talksAbilitiesOf(grant).positionsFor;
  const record = useRecordPosition(mechanism.id);
  const [party, setParty] = useState(own ?? mechanism.parties[0] ?? '');
  const [stance, setStance] = useState<Stance>('accepts');
  const [conditions, setConditions] = useState('');
  const [statedOn, setStatedOn] = useState(today());
  const [source, setSource] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { pointId: point.id, party, stance, conditions: conditions || null, statedOn, source },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Select
          label={t('talks.documents.party')}
          data={own ? [own] : mechanism.parties}
          value={party}
          onChange={(v) => v && setParty(v)}
          allowDeselect={false}
        />
        <Select
          label={t('talks.documents.stance')}
          data={STANCES.map((s) => ({ value: s, label: t(`talks.stance.${s}`) }))}
          value={stance}
          onChange={(v) => v && setStance(v)}
          allowDeselect={false}
        />
        {stance === 'accepts_with_conditions' && (
          <Textarea
            label={t('talks.documents.conditions')}
            value={conditions}
            onChange={(e) => setConditions(e.currentTarget.value)}
            required
          />
        )}
        <TextInput
          type="date"
          label={t('talks.documents.statedOn')}
          value={statedOn}
          onChange={(e) => setStatedOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('talks.documents.source')}
          description={t('talks.documents.sourceHelp')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          required
        />
        <ErrorAlert error={record.error} />
        <Button type="submit" loading={record.isPending}>
          {t('talks.documents.savePosition')}
        </Button>
      </Stack>
    </form>
  );
}

/** The mediator's correction of a point's text: a new version of the whole document. */
function ReviseForm({
  documentId,
  point,
  onDone,
}: {
  documentId: string;
  point: Point;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const revise = useRevisePoint(mechanism.id, documentId);
  const [text, setText] = useState(point.text);
  const [tabledOn, setTabledOn] = useState(today());
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate(
      { label: point.label, text, tabledOn, ...(note ? { note } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Textarea
          label={t('talks.documents.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <TextInput
          type="date"
          label={t('talks.documents.revisedOn')}
          value={tabledOn}
          onChange={(e) => setTabledOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('talks.documents.revisionNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ErrorAlert error={revise.error} />
        <Button type="submit" loading={revise.isPending}>
          {t('talks.documents.saveRevision')}
        </Button>
      </Stack>
    </form>
  );
}
