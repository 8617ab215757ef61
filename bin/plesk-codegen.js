#!/usr/bin/env node
// The plesk-codegen command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../generator/cli.ts');
