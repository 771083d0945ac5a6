import { parsePctConfigMemo } from '../config/parsePctConfigMemo.ts';
import { CtFs } from '../fs/CtFs.ts';
import { entriesFromFs, volumeFromEntries } from '../fs/manifest.ts';
import { errorText, PerlDie } from '../runtime/PerlDie.ts';
import type { SetupRuntime } from '../runtime/SetupRuntime.ts';
import { Setup } from './Setup.ts';
import { type Registry, upstreamRegistry } from './registry.ts';
import { Drand48 } from '../util/drand48.ts';
import type { Outcome, Vector, VectorStep } from './vector.ts';
import { ConfigError } from '../config/types.ts';
import { releaseProfile, type PveRelease } from '../release/profiles.ts';

export interface RunOptions {
  registry?: Registry;
  /** How the config text is read: Proxmox's lenient parser (default) or ours, strict. */
  configMode?: 'strict' | 'proxmox';
  /** Stand-in for the host's ssh-keygen (defaults to a deterministic fake). */
  sshKeygen?: SetupRuntime['sshKeygen'];
  /** The Proxmox VE release whose pve-container runs the vector (default 9). */
  pve?: PveRelease;
}

/** A deterministic key generator: the content is never compared, only its presence. */
export function fakeSshKeygen(type: string, comment: string) {
  return {
    id: `SHA256:model-${type} ${comment}`,
    privateKey: `model ${type} private key for ${comment}\n`,
    publicKey: `ssh-${type} model-public-key ${comment}\n`,
  };
}

/**
 * Runs one vector through the model: parses the config as Proxmox does, materialises the
 * rootfs, constructs the dispatcher and runs the steps until one dies.
 */
export function runVector(vector: Vector, opts: RunOptions = {}): Outcome {
  const warnings: string[] = [];
  const logWarn: string[] = [];
  let stdout = '';
  const ct = new CtFs(volumeFromEntries(vector.rootfs));
  const rng = new Drand48();
  const release = releaseProfile(opts.pve);
  const rt = {
    release,
    ct,
    now: () => vector.frozen_time,
    rand: () => rng.rand(),
    warn: (m: string) => void warnings.push(m),
    print: (t: string) => void (stdout += t),
    pid: '<pid>',
    sshKeygen: opts.sshKeygen ?? fakeSshKeygen,
  } as unknown as ConstructorParameters<typeof Setup>[1];

  const outcome = (ostype: string | null, arch: string | null, osRelease: Record<string, string>, error: Outcome['error'], steps: number): Outcome => ({
    ostype,
    arch,
    os_release: osRelease,
    error,
    steps_completed: steps,
    warnings,
    log_warn: logWarn,
    stdout,
    stderr: '',
    tree: entriesFromFs(ct),
    outside: outsideEntries(vector),
  });

  let conf;
  try {
    const parsed = parsePctConfigMemo(vector.config, opts.configMode ?? 'proxmox', release);
    warnings.push(...parsed.warnings);
    conf = parsed.conf;
  } catch (e) {
    if (!(e instanceof ConfigError || e instanceof PerlDie)) throw e;
    return outcome(null, null, {}, { at: 'config', message: errorText(e) }, 0);
  }

  rng.srand(0);
  let setup: Setup;
  let osRelease: Record<string, string> = {};
  try {
    setup = new Setup(conf, rt, {
      registry: opts.registry ?? upstreamRegistry(),
      host: {
        resolvConf: vector.host.host_resolv_conf,
        timezone: vector.host.host_timezone,
        localtime: vector.host.host_localtime,
      },
      logWarn: (m) => void logWarn.push(m),
      release,
      onOsRelease: (r) => void (osRelease = r),
    });
  } catch (e) {
    if (!(e instanceof PerlDie)) throw e;
    return outcome(conf.ostype ?? null, conf.arch ?? null, osRelease, { at: 'new', message: e.message }, 0);
  }

  let done = 0;
  for (const step of vector.steps) {
    rng.srand(0);
    try {
      runStep(setup, step);
    } catch (e) {
      if (!(e instanceof PerlDie)) throw e;
      return outcome(conf.ostype ?? null, conf.arch ?? null, setup.osRelease, { at: done, message: e.message }, done);
    }
    done++;
  }
  return outcome(conf.ostype ?? null, conf.arch ?? null, setup.osRelease, null, done);
}

function runStep(setup: Setup, step: VectorStep): void {
  const arg = (i: number) => step.args[i] ?? undefined;
  switch (step.call) {
    case 'post_create_hook':
      return setup.postCreateHook(arg(0), arg(1));
    case 'pre_start_hook':
      return setup.preStartHook();
    case 'post_clone_hook':
      return setup.postCloneHook();
    case 'template_fixup':
      return setup.templateFixup();
    case 'setup_network':
      return setup.setupNetwork();
    case 'set_dns':
      return setup.setDns();
    case 'set_hostname':
      return setup.setHostname();
    case 'setup_init':
      return setup.setupInit();
    case 'set_timezone':
      return setup.setTimezone();
    case 'set_user_password':
      return setup.setUserPassword(arg(0) ?? 'root', arg(1));
    default:
      throw new Error(`unknown step '${step.call}'`);
  }
}

function outsideEntries(vector: Vector) {
  if (vector.outside.length === 0) return [];
  const rel = vector.outside.map((e) => ({ ...e, path: `/${e.path.replace(/^\/+/, '')}` }));
  return entriesFromFs(new CtFs(volumeFromEntries(rel)));
}
