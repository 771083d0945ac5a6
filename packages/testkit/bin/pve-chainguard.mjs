#!/usr/bin/env node
// The pve-chainguard CLI. It lives in testkit, the top of the dependency chain, because some
// commands (preview, fuzz) need fixtures and the Perl harness; sources run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
