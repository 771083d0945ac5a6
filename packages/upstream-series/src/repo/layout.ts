/** Paths inside a pve-container checkout that the series reads or changes. */
export const PATHS = {
  setup: 'src/PVE/LXC/Setup.pm',
  config: 'src/PVE/LXC/Config.pm',
  makefile: 'src/PVE/LXC/Setup/Makefile',
  module: 'src/PVE/LXC/Setup/Chainguard.pm',
  runTests: 'src/test/run_setup_tests.pl',
  testDir: (n: number) => `src/test/test-chainguard-${String(n).padStart(3, '0')}`,
} as const;
