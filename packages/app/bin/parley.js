#!/usr/bin/env node
// Runs the compiled product (packages/app/dist, which `npm install` builds: scripts/build-app.mjs)
// when every source it was built from is unchanged since; else the TypeScript sources under tsx,
// as before the build existed (seconds slower), so that an edit is never met by an older build.
// PARLEY_FROM_SOURCE=1 asks for the sources.
import { isBuildCurrent } from './build-state.js';

if (process.env.PARLEY_FROM_SOURCE !== '1' && isBuildCurrent()) {
  // Stack traces name the sources, not the bundle's lines.
  process.setSourceMapsEnabled(true);
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
