import { describe, expect, it } from 'vitest';
import { baseTree, BUILTIN_BASES } from '../../../src/arbitraries/rootfs/baseTrees.ts';

describe('baseTree', () => {
  it('hands out independent copies of a built-in base', () => {
    for (const name of BUILTIN_BASES) {
      for (const arch of ['amd64', 'arm64'] as const) {
        const first = baseTree(name, arch);
        const pristine = structuredClone(first.entries());
        first.remove('/etc').file('/new', 'x').chownAll(5, 5);
        const second = baseTree(name, arch);
        expect(second.entries()).toEqual(pristine);
        expect(second.has('/new')).toBe(false);
      }
    }
  });

  it('builds each architecture of the wolfi base with its own arch file', () => {
    expect(baseTree('wolfi', 'amd64').get('/etc/apk/arch')?.content).toBe('x86_64\n');
    expect(baseTree('wolfi', 'arm64').get('/etc/apk/arch')?.content).toBe('aarch64\n');
  });
});
