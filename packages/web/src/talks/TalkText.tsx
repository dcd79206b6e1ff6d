import {
  Badge,
  Button,
  Group,
  Popover,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import {
  TEXT_LANGUAGES,
  useTalkTexts,
  useTranslate,
  type SaidText,
  type TextLanguage,
} from './talk-texts.ts';

/**
 * A text of the talks in the reader's language: its translation, with a mark of the original's
 * language that shows the original on a click; or the original, marked with its language, when
 * nobody has translated it yet. The mediator, who keeps the record, edits its translations there.
 * `wrap` puts the words in an element of their own (a heading), the mark beside it, not in it.
 */
export function TalkText({
  text,
  wrap,
}: {
  text: string | null | undefined;
  wrap?: (words: ReactNode) => ReactNode;
}) {
  const { grant } = useWorkspace();
  const { said } = useTalkTexts();
  if (!text) return <>—</>;
  const words = said(text);
  if (talksAbilitiesOf(grant).manage) return <EditableText words={words} wrap={wrap} />;
  return <ReadText words={words} wrap={wrap} />;
}

type Wrap = ((words: ReactNode) => ReactNode) | undefined;

/** The words and their mark, side by side (or as one run of text without `wrap`). */
function Marked({ words, mark, wrap }: { words: ReactNode; mark: ReactNode; wrap: Wrap }) {
  if (!wrap)
    return (
      <>
        {words}
        {mark}
      </>
    );
  return (
    <Group gap={0} wrap="nowrap" align="center">
      {wrap(words)}
      {mark}
    </Group>
  );
}

function ReadText({ words, wrap }: { words: SaidText; wrap: Wrap }) {
  const { t } = useTranslation();
  const [isOriginal, setOriginal] = useState(false);
  const written = words.written;
  if (!written || (!words.isTranslation && !words.isForeign))
    return <>{wrap ? wrap(words.text) : words.text}</>;
  const language = t(`talks.text.name.${written}`);
  if (words.isForeign)
    return (
      <Marked
        wrap={wrap}
        words={<span lang={written}>{words.text}</span>}
        mark={
          <Badge
            ml={6}
            size="xs"
            variant="outline"
            color="gray.8"
            tt="none"
            title={t('talks.text.notTranslated', { language })}
          >
            {t(`talks.text.short.${written}`)}
            <VisuallyHidden>{` — ${t('talks.text.notTranslated', { language })}`}</VisuallyHidden>
          </Badge>
        }
      />
    );
  return (
    <Marked
      wrap={wrap}
      words={
        <span lang={isOriginal ? written : undefined}>
          {isOriginal ? words.source : words.text}
        </span>
      }
      mark={
        <Badge
          component="button"
          type="button"
          ml={6}
          size="xs"
          variant={isOriginal ? 'filled' : 'outline'}
          color="blue.9"
          tt="none"
          style={{ cursor: 'pointer' }}
          aria-pressed={isOriginal}
          aria-label={`${t(`talks.text.short.${written}`)} — ${
            isOriginal
              ? t('talks.text.showTranslation')
              : t('talks.text.showOriginal', { language })
          }`}
          title={
            isOriginal
              ? t('talks.text.showTranslation')
              : t('talks.text.showOriginal', { language })
          }
          onClick={() => setOriginal((o) => !o)}
        >
          {t(`talks.text.short.${written}`)}
        </Badge>
      }
    />
  );
}

function EditableText({ words, wrap }: { words: SaidText; wrap: Wrap }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const written = words.written;
  const missing = written
    ? TEXT_LANGUAGES.filter((l) => l !== written && !words.entry?.translations[l])
    : TEXT_LANGUAGES;
  return (
    <Marked
      wrap={wrap}
      words={<span lang={words.isForeign && written ? written : undefined}>{words.text}</span>}
      mark={
        <Popover
          opened={isOpen}
          onChange={setOpen}
          trapFocus
          withArrow
          width={360}
          position="bottom-start"
        >
          <Popover.Target>
            <Badge
              component="button"
              type="button"
              ml={6}
              size="xs"
              variant="outline"
              color={written === null ? 'gray.8' : missing.length > 0 ? 'orange.9' : 'teal.9'}
              tt="none"
              style={{ cursor: 'pointer' }}
              aria-label={`${written ? t(`talks.text.short.${written}`) : '?'} — ${t('talks.text.edit')}`}
              title={t('talks.text.edit')}
              onClick={() => setOpen((o) => !o)}
            >
              {written ? t(`talks.text.short.${written}`) : '?'}
            </Badge>
          </Popover.Target>
          <Popover.Dropdown>
            {isOpen && <TranslationForm words={words} onDone={() => setOpen(false)} />}
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

/** The editor of a text's language and translations. */
function TranslationForm({ words, onDone }: { words: SaidText; onDone: () => void }) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const translate = useTranslate(mechanism.id);
  const [language, setLanguage] = useState<TextLanguage>(words.written ?? 'en');
  const [texts, setTexts] = useState<Partial<Record<TextLanguage, string>>>(
    words.entry?.translations ?? {},
  );
  const others = TEXT_LANGUAGES.filter((l) => l !== language);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        translate.mutate(
          {
            source: words.source,
            language,
            translations: Object.fromEntries(
              others.map((l) => [l, texts[l]?.trim() ? texts[l].trim() : null]),
            ),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="xs">
        <Text size="xs" fw={700}>
          {t('talks.text.original')}
        </Text>
        <Text size="sm" lang={language}>
          {words.source}
        </Text>
        <div>
          <Text size="xs" fw={700} id="talk-text-written">
            {t('talks.text.writtenIn')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="talk-text-written"
            value={language}
            onChange={(value) => setLanguage(value)}
            data={TEXT_LANGUAGES.map((l) => ({ value: l, label: t(`talks.text.name.${l}`) }))}
          />
        </div>
        {others.map((l) => (
          <Textarea
            key={l}
            lang={l}
            autosize
            minRows={1}
            label={t(`talks.text.translationInto.${l}`)}
            description={t('talks.text.emptyHelp')}
            value={texts[l] ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setTexts((before) => ({ ...before, [l]: value }));
            }}
          />
        ))}
        <ErrorAlert error={translate.error} />
        <Button type="submit" size="xs" loading={translate.isPending}>
          {t('talks.text.save')}
        </Button>
      </Stack>
    </form>
  );
}
