import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useWorkspace } from '../session/workspace.tsx';

/**
 * A person as a line of a list shows them: the name as their list writes it (its Latin form
 * beneath when it has one), or the record id where the reader may not read the name, linking
 * to the person's file; the record id always beside it.
 */
export function PersonName({
  personId,
  recordId,
  name,
  nameLatin,
}: {
  personId: string;
  recordId: string;
  name: string | null;
  nameLatin?: string | null;
}) {
  const { base } = useWorkspace();
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`${base}/persons/${personId}`} size="sm">
        {name ?? nameLatin ?? recordId}
      </Anchor>
      {name && nameLatin && (
        <Text size="xs" c="dimmed" lang="en">
          {nameLatin}
        </Text>
      )}
      {(name ?? nameLatin) && (
        <Text size="xs" c="dimmed" ff="monospace">
          {recordId}
        </Text>
      )}
    </Stack>
  );
}
