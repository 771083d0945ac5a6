/**
 * Every generated pct config is valid for core's strict parser, and the generator reaches
 * every NIC mode and option the brief lists (counted over a fixed sample).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLxcNetwork, parsePctConfig } from '@pve-chainguard/core';
import { configRecipe, renderConfig } from '../../src/arbitraries/pctConfig.ts';

describe('generated pct configs', () => {
  it('parse with the strict parser, for both targets', () => {
    fc.assert(
      fc.property(configRecipe, fc.constantFrom('archlinux', 'chainguard'), (recipe, ostype) => {
        const text = renderConfig(recipe, ostype);
        const { conf } = parsePctConfig(text, { mode: 'strict' });
        for (const nic of recipe.nics) expect(conf[`net${nic.index}`]).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('cover every ip/ip6 mode, gateways, link-local gw6, host-managed and the other options', () => {
    const seen = new Set<string>();
    for (const recipe of fc.sample(configRecipe, { seed: 42, numRuns: 3000 })) {
      const { conf } = parsePctConfig(renderConfig(recipe, 'chainguard'), { mode: 'strict' });
      const nics = Object.keys(conf).filter((k) => /^net\d+$/.test(k));
      seen.add(`nics:${Math.min(nics.length, 4)}`);
      for (const key of nics) {
        const net = parseLxcNetwork(conf[key as 'net0']!);
        seen.add(`ip:${net.ip === undefined ? 'none' : /\//.test(net.ip) ? 'static' : net.ip}`);
        seen.add(`ip6:${net.ip6 === undefined ? 'none' : /\//.test(net.ip6) ? 'static' : net.ip6}`);
        if (net.gw) seen.add('gw');
        if (net.gw6?.startsWith('fe80:')) seen.add('gw6:link-local');
        else if (net.gw6) seen.add('gw6');
        if (net['host-managed'] === '1') seen.add('host-managed');
      }
      seen.add(`hostname:${conf.hostname === undefined ? 'absent' : conf.hostname.includes('.') ? 'fqdn' : 'short'}`);
      seen.add(`nameserver:${conf.nameserver === undefined ? 'absent' : 'list'}`);
      seen.add(`searchdomain:${conf.searchdomain === undefined ? 'absent' : 'list'}`);
      seen.add(`tty:${conf.tty ?? 'default'}`);
      seen.add(`unprivileged:${conf.unprivileged ?? 'absent'}`);
      seen.add(`timezone:${conf.timezone === undefined ? 'absent' : conf.timezone === 'host' ? 'host' : 'zone'}`);
      if (conf.entrypoint !== undefined) seen.add('entrypoint');
      if (conf.env !== undefined) seen.add('env');
      if (conf.lxc?.some(([k]) => k === 'lxc.idmap')) seen.add('idmap');
    }
    const wanted = [
      'nics:0',
      'nics:1',
      'nics:2',
      'nics:3',
      'nics:4',
      'ip:none',
      'ip:dhcp',
      'ip:manual',
      'ip:static',
      'ip6:none',
      'ip6:dhcp',
      'ip6:auto',
      'ip6:manual',
      'ip6:static',
      'gw',
      'gw6',
      'gw6:link-local',
      'host-managed',
      'hostname:absent',
      'hostname:short',
      'hostname:fqdn',
      'nameserver:absent',
      'nameserver:list',
      'searchdomain:absent',
      'searchdomain:list',
      'tty:0',
      'tty:1',
      'tty:2',
      'tty:3',
      'tty:4',
      'tty:5',
      'tty:6',
      'tty:default',
      'unprivileged:1',
      'unprivileged:0',
      'unprivileged:absent',
      'timezone:absent',
      'timezone:host',
      'timezone:zone',
      'entrypoint',
      'env',
      'idmap',
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });
});
