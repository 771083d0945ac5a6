// Lint fixture (ignored by `eslint .`): half of a planted import cycle; lintConfig.test.ts
// lints it on purpose and expects import-x/no-cycle to report it.
import { cycleB } from './cycleB.ts';

export const cycleA = (): number => cycleB() + 1;
