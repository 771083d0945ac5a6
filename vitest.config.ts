import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One root config; each package is a project (a vitest run inside a package would
// walk up to this file, so packages carry no config of their own).
export default defineConfig({
  test: {
    projects: ['packages/core', 'packages/perlgen', 'packages/host-delivery', 'packages/testkit', 'packages/upstream-series', 'packages/cli'].map((root) => ({
      extends: true,
      test: {
        name: root.split('/')[1],
        root,
        include: ['test/**/*.test.ts'],
        setupFiles: [resolve(import.meta.dirname, 'vitest.setup.ts')],
        testTimeout: 120_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
