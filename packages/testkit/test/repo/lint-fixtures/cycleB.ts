// Lint fixture (ignored by `eslint .`): the other half of the planted cycle.
import { cycleA } from './cycleA.ts';

export const cycleB = (): number => (cycleA.length > 0 ? 0 : 1);
