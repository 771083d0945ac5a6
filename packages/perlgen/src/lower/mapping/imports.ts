/** Rows of the functions a plugin imports from core, and the modules it may import from. */
import { Node } from '../../front/tsMorph.ts';
import { arr, BOOL, describe, hash, isOptional, NUM, opt, STR, strip, VOID, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { scalarOf } from '../context.ts';
import { dollar, expectArgs, list, scalar, stringArg, type CallRow } from './rows.ts';

// Functions imported from core (`../pve/*.ts`, `../util/*.ts`, `../runtime/*.ts`).

export interface ImportRow extends CallRow {
  /** Module specifier suffix, e.g. `pve/lxc.ts`. */
  from: string;
  /** No side effects and a result that depends only on the arguments (loop bounds). */
  pure?: boolean;
}

/** A call of a Proxmox function; `list` results stand for TS arrays/tuples. */
function proxmoxFunction(from: string, ts: string, perlName: string, module: string, params: Array<PT['k']>, returns: PT, returnsList = false): ImportRow {
  const classMethod = perlName.includes('->');
  return {
    from,
    ts,
    perl: `${perlName}(...)`,
    lower(cx, call, args) {
      expectArgs(cx, call, args, params.length);
      cx.use(module);
      const perlArgs = args.map((a, i) => {
        const e = cx.lower(a);
        const want = params[i]!;
        if (strip(e.t).k !== want) cx.fail(a, `expected ${describe({ k: want } as PT)} here, found ${describe(e.t)}`);
        return scalarOf(e);
      });
      const p: PerlExpr = classMethod
        ? { k: 'method', invocant: perlName.split('->')[0]!, name: perlName.split('->')[1]!, args: perlArgs }
        : { k: 'call', fn: perlName, args: perlArgs };
      return returnsList ? list(p, returns) : scalar(p, returns);
    },
    pure: true,
  };
}

export const IMPORTED_FUNCTIONS: Readonly<Record<string, ImportRow>> = {
  parseLxcNetwork: proxmoxFunction('pve/lxc.ts', 'parseLxcNetwork(s)', 'PVE::LXC::Config->parse_lxc_network', 'PVE::LXC::Config', ['str'], hash(opt(STR))),
  getTtyCount: proxmoxFunction('pve/lxc.ts', 'getTtyCount(conf)', 'PVE::LXC::Config->get_tty_count', 'PVE::LXC::Config', ['hash'], NUM),
  parseFeatures: proxmoxFunction('pve/lxc.ts', 'parseFeatures(s)', 'PVE::LXC::Config->parse_features', 'PVE::LXC::Config', ['str'], hash(opt(STR))),
  getPrimaryIps: proxmoxFunction('pve/lxc.ts', 'getPrimaryIps(conf)', 'PVE::LXC::get_primary_ips', 'PVE::LXC', ['hash'], { k: 'tuple', els: [opt(STR), opt(STR)] }, true),
  detectElfArchitecture: proxmoxFunction('pve/tools.ts', 'detectElfArchitecture(path)', 'PVE::LXC::Tools::detect_elf_architecture', 'PVE::LXC::Tools', ['str'], STR),
  splitList: proxmoxFunction('util/splitList.ts', 'splitList(s)', 'PVE::Tools::split_list', 'PVE::Tools', ['str'], arr(STR), true),
  isIpInCidr: proxmoxFunction('util/ipInCidr.ts', 'isIpInCidr(ip, cidr, version)', 'PVE::Network::is_ip_in_cidr', 'PVE::Network', ['str', 'str', 'num'], BOOL),
  removePveSections: proxmoxFunction('base/CtHelpers.ts', 'removePveSections(data)', 'PVE::LXC::Setup::Base::remove_pve_sections', '', ['str'], STR),
  absPath: {
    from: 'pve/perl.ts',
    ts: 'absPath(path)',
    perl: 'abs_path($path) (use Cwd qw(abs_path);)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      cx.use('Cwd qw(abs_path)');
      return scalar({ k: 'call', fn: 'abs_path', args: [stringArg(cx, args[0]!).p] }, opt(STR));
    },
  },
  configHashKeys: {
    from: 'pve/perl.ts',
    ts: 'configHashKeys(conf)',
    perl: "keys %$conf (Perl's own hash order, which the model replays)",
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const h = cx.lower(args[0]!);
      if (strip(h.t).k !== 'hash' || isOptional(h.t)) cx.fail(args[0]!, `configHashKeys of ${describe(h.t)}`);
      return list({ k: 'named', op: 'keys', operand: { k: 'deref', sigil: '%', ref: scalarOf(h) } }, arr(STR));
    },
  },
  pid: {
    from: 'pve/perl.ts',
    ts: 'pid()',
    perl: '$$',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'var', sigil: '$', name: '$' }, STR);
    },
  },
  time: {
    from: 'pve/perl.ts',
    ts: 'time()',
    perl: 'time()',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'call', fn: 'time', args: [] }, NUM);
    },
  },
  dirGlobForeach: {
    from: 'pve/tools.ts',
    ts: 'dirGlobForeach(dir, /re/, (name, ...captures) => { ... })',
    perl: 'PVE::Tools::dir_glob_foreach($dir, qr/re/, sub { my ($name, ...) = @_; ... })',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 3);
      cx.use('PVE::Tools');
      const dir = stringArg(cx, args[0]!);
      const re = cx.regexLiteral(args[1]!, 'is');
      if (!re) return cx.fail(args[1]!, 'dirGlobForeach needs a regex literal');
      const fn = args[2]!;
      if (!Node.isArrowFunction(fn)) return cx.fail(fn, 'dirGlobForeach needs an arrow function');
      if (fn.getParameters().length > re.groups + 1) cx.fail(fn, `the regex has ${re.groups} capture group(s)`);
      const sub = cx.anonymousSub(
        fn,
        Array.from({ length: re.groups + 1 }, () => STR),
      );
      const regex: PerlExpr = re.varName ? dollar(re.varName) : { k: 'qr', regex: re };
      return scalar({ k: 'call', fn: 'PVE::Tools::dir_glob_foreach', args: [dir.p, regex, sub] }, VOID);
    },
  },
  perlTrue: {
    from: 'runtime/perlText.ts',
    ts: 'perlTrue(x)',
    perl: '$x (in boolean context: undef, "" and "0" are false)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const e = cx.lower(args[0]!);
      const k = strip(e.t).k;
      if (k !== 'str' && k !== 'num' && k !== 'bool' && e.t.k !== 'undef') {
        cx.fail(args[0]!, `perlTrue of ${describe(e.t)}`);
      }
      return scalar(e.p, BOOL);
    },
  },
  chomp: {
    from: 'runtime/perlText.ts',
    ts: 'chomp(s)',
    perl: '$s =~ s/\\n\\z//r',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const s = stringArg(cx, args[0]!);
      return scalar({ k: 'subst', target: s.p, regex: { source: '\\n\\z', flags: '' }, replacement: '' }, STR);
    },
  },
  perlSplit: {
    from: 'runtime/perlText.ts',
    ts: 'perlSplit(s, /re/)',
    perl: 'split(/re/, $s)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 2);
      const s = stringArg(cx, args[0]!);
      const re = cx.regexLiteral(args[1]!, 'is');
      if (!re) return cx.fail(args[1]!, 'perlSplit needs a regex literal');
      if (re.groups > 0) cx.fail(args[1]!, 'a split regex with captures returns the captures too');
      const split: PerlExpr = { k: 'call', fn: 'split', args: [{ k: 'match', target: undefined, negate: false, regex: re }, s.p] };
      return list(split, arr(STR));
    },
  },
};

/** Module specifiers a plugin may import from (relative to packages/core/src). */
export const KNOWN_MODULES: ReadonlySet<string> = new Set([
  'base/Base.ts',
  'base/Plugin.ts',
  'base/CtHelpers.ts',
  'config/types.ts',
  'osrelease/types.ts',
  'pve/lxc.ts',
  'pve/tools.ts',
  'runtime/PerlDie.ts',
  'runtime/perlText.ts',
  'pve/perl.ts',
  'util/splitList.ts',
  'util/ipInCidr.ts',
]);
