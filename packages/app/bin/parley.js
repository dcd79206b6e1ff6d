#!/usr/bin/env node
// Runs the TypeScript sources directly, so that `npx parley` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
