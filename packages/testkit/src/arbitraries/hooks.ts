/**
 * Lifecycle sequences as pct runs them: create, start (and start again), clone, restore.
 * Most sequences begin with create, as a container's life does; the rest start from an
 * image that was set up before (or by another tool). At most three hooks: each costs the
 * Perl side several forks, and create, start, start again is the longest story needed.
 */
import fc from 'fast-check';
import type { Hook } from '@pve-chainguard/core';

const hook = fc.constantFrom<Hook>('create', 'start', 'clone', 'restore');

export const hooksRecipe: fc.Arbitrary<Hook[]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constant<Hook>('create'), fc.array(hook, { maxLength: 2 })).map(
      ([first, rest]) => [first, ...rest],
      (value) => {
        // lets a recorded sequence shrink without generation context
        if (!Array.isArray(value) || value[0] !== 'create') throw new Error('not a create sequence');
        return ['create', value.slice(1)] as [Hook, Hook[]];
      },
    ),
  },
  { weight: 1, arbitrary: fc.array(hook, { minLength: 1, maxLength: 2 }) },
);
