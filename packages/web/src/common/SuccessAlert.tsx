import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** Something that went well, said in a live region. */
export function SuccessAlert({ title, children }: { title: string; children?: ReactNode }) {
  return (
    // Outlined: Mantine's light teal falls short of AA contrast on its own background.
    <Alert color="teal.9" variant="outline" title={title} role="status">
      {children}
    </Alert>
  );
}
