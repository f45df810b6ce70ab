#!/usr/bin/env node
// The `consortia` command: runs the TypeScript CLI through tsx's loader, so no separate build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
