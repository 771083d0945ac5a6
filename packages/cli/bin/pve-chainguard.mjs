#!/usr/bin/env node
// The pve-chainguard CLI (packages/cli). Sources run through tsx for now.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
