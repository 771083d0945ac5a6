/**
 * The text of Proxmox's first-boot preset file (`00-pve.preset`): its default units, then
 * `extra`'s (unit name to enable 1 / disable 0), sorted by unit name.
 */
export function systemdPresetText(extra?: Record<string, number>): string {
  const preset: Record<string, number> = {
    'sys-kernel-config.mount': 0,
    'sys-kernel-debug.mount': 0,
    'getty@.service': 0,
    'container-getty@.service': 1,
    ...extra,
  };
  let data = '# Added by PVE at create-time for first-boot configuration.\n';
  for (const unit of Object.keys(preset).sort()) {
    const action = preset[unit] !== 0 ? 'enable' : 'disable';
    data += `${action} ${unit}\n`;
  }
  return data;
}
