import { describe, expect, it } from 'vitest';
import { parsePctConfig } from '../../src/config/parsePctConfig.ts';

describe('raw lxc keys', () => {
  it('keeps the lxc.init.* lines PVE 9.1 writes for OCI images, in both modes', () => {
    const text = 'lxc.init.uid: 65532\nlxc.init.gid: 65532\nlxc.init.groups: \nlxc.init.cwd: /home/nonroot\n';
    for (const mode of ['strict', 'proxmox'] as const) {
      const { conf, warnings } = parsePctConfig(text, { mode });
      expect(warnings).toEqual([]);
      expect(conf.lxc?.map(([k]) => k)).toEqual(['lxc.init.uid', 'lxc.init.gid', 'lxc.init.groups', 'lxc.init.cwd']);
    }
  });
});
