import { Button, Card, Collapse, Group, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';

/**
 * A form that folds away under the button that opens it, as the talks' forms for a new round,
 * document or regime are: the button, what the last save did once the form is closed, and the
 * form in a card with the server's refusal above its save button.
 */
export function FoldingForm({
  title,
  description,
  opened,
  onToggle,
  onSubmit,
  saved,
  error,
  isSaving,
  canSave = true,
  saveLabel,
  children,
}: {
  /** The opening button's label and the form's heading. */
  title: string;
  description?: string;
  opened: boolean;
  onToggle: () => void;
  onSubmit: (event: FormEvent) => void;
  /** What the last save did, shown while the form is closed; null before any save. */
  saved: string | null;
  error: unknown;
  isSaving: boolean;
  canSave?: boolean;
  saveLabel: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={onToggle} aria-expanded={opened}>
          {title}
        </Button>
      </Group>
      {saved && !opened && <SuccessAlert title={saved} />}
      <Collapse expanded={opened}>
        <Card withBorder component="form" onSubmit={onSubmit}>
          <Stack>
            <Title order={2} size="h4">
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            )}
            {children}
            <ErrorAlert error={error} />
            <Group>
              <Button type="submit" loading={isSaving} disabled={!canSave}>
                {saveLabel}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Collapse>
    </Stack>
  );
}
