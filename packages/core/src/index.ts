// The model's public surface: what perlgen, testkit and the CLI may use.
// (Holding the model to the recorded vectors, conform, lives in @pve-chainguard/testkit.)
export * from './fs/index.ts';
export * from './config/index.ts';
export * from './util/index.ts';
export { parseOsRelease } from './osrelease/parseOsRelease.ts';
export type { OsRelease } from './osrelease/types.ts';
export { PerlDie, die, errorText } from './runtime/PerlDie.ts';
export { chomp, perlSplit, perlTrue, quotemeta, WS, NWS, HWS, DOT } from './runtime/perlText.ts';
export type { SetupRuntime } from './runtime/SetupRuntime.ts';
export { withRuntime, currentRuntime, currentRelease } from './runtime/current.ts';
export { PROFILES, PVE_RELEASES, DEFAULT_RELEASE, releaseProfile, parsePveRelease, type PveRelease, type ReleaseProfile } from './release/profiles.ts';
export { Plugin, type HostResolvConf, type LogWarn } from './base/Plugin.ts';
export { Base } from './base/Base.ts';
export { networkdUnit } from './base/networkdUnit.ts';
export { ArchLinux } from './plugins/ArchLinux.ts';
export { NixOS } from './plugins/NixOS.ts';
export { Unmanaged } from './plugins/Unmanaged.ts';
export { Chainguard } from './plugins/Chainguard.ts';
export { Setup, type HostData, type SetupOptions } from './setup/Setup.ts';
export { upstreamRegistry, chainguardRegistry, type Registry, type PluginClass } from './setup/registry.ts';
export { HOOKS, hookStep, parseHook, type Hook } from './setup/hooks.ts';
export type { Vector, VectorStep, Outcome } from './setup/vector.ts';
export { runVector, fakeSshKeygen, type RunOptions } from './setup/runVector.ts';
export { runSession, sessionVector, DEFAULT_HOST, type SessionInput } from './setup/session.ts';
