import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile.ts';

const HEAD = `import type { PctConf } from '../config/types.ts';
import { CtHelpers } from './CtHelpers.ts';
import { strange } from './elsewhere.ts';
`;

function compileBase(body: string) {
  return compileSource(`${HEAD}
export abstract class Base extends CtHelpers {
${body}
}
`, 'packages/core/src/base/Base.ts');
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
    expect(r.perl).toContain("    $self->ct_modify_file('/etc/resolv.conf', 'x', replace => 1);\n    $self->helper($conf);\n");
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

describe('a plugin', () => {
  it('may not leave parts to hand-written Perl', () => {
    const r = compileSource(`import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
export class Demo extends Base {
  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
  }
  /** @perlHandWritten too hard */
  setDns(_conf: PctConf): void {}
}
`, 'packages/core/src/plugins/Demo.ts');
    expect(r.diagnostics.map((d) => d.message)).toContain('only the Base model may leave parts to hand-written Perl');
  });
});
