import { describe, expect, it } from 'vitest';
import { wrapComment } from '../../src/layout/comments.ts';
import { perlOf } from '../helpers/compileSnippet.ts';

const S = { params: 'conf: PctConf, x: string' };

describe('statements', () => {
  it('a braceless if with one simple statement becomes a postfix if, as upstream writes guards', () => {
    expect(perlOf('if (!this.ctFileExists(x)) return;', S)).toBe('return if !$self->ct_file_exists($x);');
  });

  it('braced ifs with else-if chains become if/elsif/else blocks', () => {
    const ts = "if (x === 'a') {\n  this.ctUnlink('/a');\n} else if (x === 'b') {\n  this.ctUnlink('/b');\n} else {\n  this.ctUnlink('/c');\n}";
    expect(perlOf(ts, S)).toBe(
      "if ($x eq 'a') {\n    $self->ct_unlink('/a');\n} elsif ($x eq 'b') {\n    $self->ct_unlink('/b');\n} else {\n    $self->ct_unlink('/c');\n}",
    );
  });

  it('a counting loop becomes a range loop with the bound fixed', () => {
    expect(perlOf('for (let i = 1; i < 7; i++) this.ctUnlink(`/tty${i}`);')).toBe('for my $i (1 .. 6) {\n    $self->ct_unlink("/tty$i");\n}');
    expect(perlOf('for (let i = 1; i <= getTtyCount(conf); i++) this.ctUnlink(`/tty${i}`);')).toBe(
      'for my $i (1 .. PVE::LXC::Config->get_tty_count($conf)) {\n    $self->ct_unlink("/tty$i");\n}',
    );
  });

  it('for-of walks the list; continue and break are next and last', () => {
    const ts = "for (const d of ['a', 'b']) {\n  if (d === 'a') continue;\n  if (d === 'b') break;\n}";
    expect(perlOf(ts)).toBe("for my $d ('a', 'b') {\n    next if $d eq 'a';\n    last if $d eq 'b';\n}");
  });

  it('while keeps its boolean condition', () => {
    expect(perlOf('let n = 0;\nwhile (n < 3) n++;')).toBe('my $n = 0;\nwhile ($n < 3) {\n    $n++;\n}');
  });

  it('try/catch becomes eval with a $@ check (a one-statement eval stays on one line)', () => {
    const ts = 'let arch: string | undefined;\ntry {\n  arch = detectElfArchitecture(x);\n} catch {\n  arch = undefined;\n}';
    expect(perlOf(ts, S)).toBe('my $arch;\neval { $arch = PVE::LXC::Tools::detect_elf_architecture($x); };\nif ($@) {\n    $arch = undef;\n}');
  });

  it('comments and blank lines between statements are kept', () => {
    const ts = "// first\nthis.ctUnlink('/a');\n\n/* second\n * part */\nthis.ctUnlink('/b'); // why";
    expect(perlOf(ts)).toBe("# first\n$self->ct_unlink('/a');\n\n# second\n# part\n$self->ct_unlink('/b'); # why");
  });

  it('compound assignments pick the string or number operator', () => {
    expect(perlOf("let s = 'a';\ns += x;\nlet n = 1;\nn += 2;\nlet o: string | undefined;\no ??= 'z';", S)).toBe(
      "my $s = 'a';\n$s .= $x;\nmy $n = 1;\n$n += 2;\nmy $o;\n$o //= 'z';",
    );
  });

  it('die and warn are statements; messages keep their newline', () => {
    expect(perlOf("warn('careful\\n');\ndie(`bad '${x}'\\n`);", S)).toBe('warn "careful\\n";\ndie "bad \'$x\'\\n";');
  });

  it('a long postfix statement breaks before its if, as perltidy does', () => {
    const ts = "if (!this.ctFileExists(x)) die(`open '${x}' failed: No such file or directory, really not there at all\\n`);";
    expect(perlOf(ts, S)).toBe('die "open \'$x\' failed: No such file or directory, really not there at all\\n"\n    if !$self->ct_file_exists($x);');
  });

  it('a long || chain leads with the operators', () => {
    const ts = "return this.ctFileExists('/usr/lib/systemd/system/systemd-networkd.service') || this.ctFileExists('/etc/x');";
    expect(perlOf(ts, { returns: 'boolean' })).toBe(
      "return $self->ct_file_exists('/usr/lib/systemd/system/systemd-networkd.service')\n    || $self->ct_file_exists('/etc/x');",
    );
  });

  it('wraps a long comment without leaving one word alone on its last line', () => {
    const line = 'Sets the password field (and with days the last-change day) of the lines, keeping the mode.';
    const greedyLast = 'mode.';
    const wrapped = wrapComment([line], 86);
    expect(wrapped.join(' ')).toBe(line);
    expect(wrapped.every((l) => l.length <= 86)).toBe(true);
    expect(wrapped.at(-1)).not.toBe(greedyLast);
    expect(wrapped.at(-1)).toBe('the mode.');
  });

  it('a declaration assigned in a try with an empty catch is my $x = eval { ... }', () => {
    const ts = 'let arch: string | undefined;\ntry {\n  arch = detectElfArchitecture(x);\n} catch {}\nif (arch !== undefined) return;';
    expect(perlOf(ts, S)).toBe('my $arch = eval { PVE::LXC::Tools::detect_elf_architecture($x) };\nreturn if defined($arch);');
  });

  it('captures destructured from exec ?? [] are a list assignment from the match', () => {
    const ts = 'const [, user, uid] = /^(\\w+):x:(\\d+)/.exec(x) ?? [];\nif (user === undefined || uid === undefined) return;\nthis.ctUnlink(`/home/${user}/${uid}`);';
    expect(perlOf(ts, S)).toBe('my ($user, $uid) = $x =~ /^(\\w+):x:(\\d+)/a;\nreturn if !defined($user) || !defined($uid);\n$self->ct_unlink("/home/$user/$uid");');
  });
});
