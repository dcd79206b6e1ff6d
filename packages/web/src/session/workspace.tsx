import { createContext, useContext } from 'react';
import type { Grant, Mechanism } from '../api/types.ts';
import type { Abilities } from './abilities.ts';

/** The mechanism and role a signed-in user works in, chosen in the URL (/m/:mechanism/:as). */
export interface Workspace {
  mechanism: Mechanism;
  grant: Grant;
  abilities: Abilities;
  /** The path prefix of the workspace's screens. */
  base: string;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a workspace route');
  return workspace;
}
