#!/usr/bin/env node
// Launches the TypeScript CLI through tsx (no build step: sources are the package).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
