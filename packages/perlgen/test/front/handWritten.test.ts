import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile.ts';

const HEAD = `import type { PctConf } from '../config/types.ts';
import { CtHelpers } from './CtHelpers.ts';
import { strange } from './elsewhere.ts';
`;

function compileBase(body: string) {
  return compileSource(
    `${HEAD}
export abstract class Base extends CtHelpers {
${body}
}
`,
    'packages/core/src/base/Base.ts',
  );
}

describe('the Base model (harness mode)', () => {
  it('extends the hand-written CtHelpers layer, needs no constructor and leaves tagged parts out', () => {
    const r = compileBase(`
  setDns(conf: PctConf): void {
    this.ctModifyFile('/etc/resolv.conf', 'x', { replace: true });
    this.helper(conf);
  }

  /** @perlHandWritten it calls a function the subset has no mapping for */
  helper(conf: PctConf): void {
    strange(conf);
  }
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.perl).toContain('package PVE::LXC::Setup::Base;\n');
    expect(r.perl).toContain('use base qw(PVE::LXC::Setup::CtHelpers);\n');
    // a void sub of the Base ends in an explicit return (perlcritic severity 4)
    expect(r.perl).toContain("    $self->ct_modify_file('/etc/resolv.conf', 'x', replace => 1);\n    $self->helper($conf);\n    return;\n}\n");
    expect(r.perl).not.toContain('sub helper');
    expect(r.perl).not.toContain('strange');
    expect(r.perl).not.toContain('sub new');
  });

  it('still refuses what an untagged method does outside the subset', () => {
    const r = compileBase(`
  helper(conf: PctConf): void {
    strange(conf);
  }
`);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['unknown function strange']);
  });

  it('turns a tagged private helper into a method call, not a lexical one', () => {
    const r = compileBase(`
  setDns(conf: PctConf): void {
    this.secret(conf);
  }

  /** @perlHandWritten reads the chroot directly */
  private secret(_conf: PctConf): void {}
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.perl).toContain('    $self->secret($conf);\n');
    expect(r.perl).not.toContain('my $secret');
  });
});

describe('sibling modules of the Base model', () => {
  it('compile their functions in as lexical helpers where compiled code calls them', () => {
    const r = compileSource(
      `import type { PctConf } from '../config/types.ts';
import { CtHelpers } from './CtHelpers.ts';
import { hostsNames } from './hostsSection.ts';
import { networkdUnit } from './networkdUnit.ts';
export abstract class Base extends CtHelpers {
  setHostname(conf: PctConf): void {
    this.ctFileSetContents('/etc/x', hostsNames('h', conf.searchdomain));
  }
}
`,
      'packages/core/src/base/Base.ts',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.perl).toContain('my sub hosts_names {\n    my ($hostname, $searchdomains) = @_;\n');
    expect(r.perl).toContain("$self->ct_file_set_contents('/etc/x', hosts_names('h', $conf->{searchdomain}));");
    // imported but not called: not emitted
    expect(r.perl).not.toContain('networkd_unit');
  });
});

describe('regex construction and rest parameters', () => {
  it('compiles new RegExp with a quotemeta span and a regex text constant to qr//', () => {
    const r = compileSource(
      `import type { PctConf } from '../config/types.ts';
import { quotemeta, WS } from '../runtime/perlText.ts';
import { CtHelpers } from './CtHelpers.ts';
export abstract class Base extends CtHelpers {
  setDns(conf: PctConf): void {
    const dev = 'lxc/tty1';
    const re = new RegExp(\`^\${quotemeta(dev)}\${WS}*$\`);
    if (re.test('x')) this.ctUnlink(dev);
  }
}
`,
      'packages/core/src/base/Base.ts',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.perl).toContain('    my $re = qr/^\\Q$dev\\E\\s*\\z/;\n');
  });

  it('refuses to reassign a rest parameter (Perl would store one array reference)', () => {
    const r = compileSource(
      `import type { PctConf } from '../config/types.ts';
import { CtHelpers } from './CtHelpers.ts';
export abstract class Base extends CtHelpers {
  setupSecuretty(conf: PctConf, ...add: string[]): void {
    if (add.length === 0) add = ['console'];
    this.ctUnlink(...add);
  }
}
`,
      'packages/core/src/base/Base.ts',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual(['a rest parameter cannot be reassigned; copy it to a let first']);
  });

  it("holds the regex text constants to the model's", async () => {
    const core = await import('@pve-chainguard/core');
    const { REGEX_TEXT_CONSTANTS } = await import('../../src/lower/regex/construct.ts');
    expect(REGEX_TEXT_CONSTANTS).toEqual({ WS: core.WS, NWS: core.NWS, HWS: core.HWS, DOT: core.DOT });
  });
});

describe('a plugin', () => {
  it('may not leave parts to hand-written Perl', () => {
    const r = compileSource(
      `import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
export class Demo extends Base {
  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
  }
  /** @perlHandWritten too hard */
  setDns(_conf: PctConf): void {}
}
`,
      'packages/core/src/plugins/Demo.ts',
    );
    expect(r.diagnostics.map((d) => d.message)).toContain('only the Base model may leave parts to hand-written Perl');
  });
});
