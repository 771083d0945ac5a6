import { describe, expect, it } from 'vitest';
import { perlOf, type SnippetOptions } from '../helpers/compileSnippet.ts';

const S = { params: 'conf: PctConf, x: string' };
const OPT = { params: 'conf: PctConf, x: string | undefined, y: string | undefined' };
const N = { params: 'n: number' };

/** Each TS construct of the subset → the Perl it must become (one row per construct). */
const cases: Array<[string, string, string, SnippetOptions?]> = [
  ['strings concatenate with .', "const s = 'x' + x;", "my $s = 'x' . $x;", S],
  ['templates interpolate plain scalars', 'const s = `${x}.network`;', 'my $s = "$x.network";', S],
  ['a name followed by a word character is braced', 'const s = `${x}DHCP`;', 'my $s = "${x}DHCP";', S],
  ['calls inside templates become concatenation', 'const s = `${this.devttydir(conf)}tty`;', "my $s = $self->devttydir($conf) . 'tty';"],
  ['=== on strings is eq', "if (x === 'a') return;", "return if $x eq 'a';", S],
  ['=== on numbers is ==', 'if (n === 2) return;', 'return if $n == 2;', N],
  ['< on strings is lt', "if (x < 'b') return;", "return if $x lt 'b';", S],
  ['=== undefined is !defined', 'if (x === undefined) return;', 'return if !defined($x);', OPT],
  ['a possibly undefined string is checked for definedness first', "if (x === 'a') return;", "return if defined($x) && $x eq 'a';", OPT],
  ['two possibly undefined values are equal when both are undefined', 'if (x === y) return;', 'return if defined($x) ? defined($y) && $x eq $y : !defined($y);', OPT],
  ['perlTrue is Perl truthiness', 'if (perlTrue(x)) return;', 'return if $x;', OPT],
  ['?? is //', "const s = x ?? 'd';", "my $s = $x // 'd';", OPT],
  ['an early return narrows a name to defined', 'if (x === undefined) return;\nthis.ctUnlink(`/${x}`);', 'return if !defined($x);\n$self->ct_unlink("/$x");', OPT],
  ['&& narrows its right operand', 'if (x !== undefined && x.length > 1) return;', 'return if defined($x) && length($x) > 1;', OPT],
  ['integer division is int()', 'const q = Math.trunc(n / 3);', 'my $q = int($n / 3);', N],
  ['repeat is x', "const s = '-'.repeat(n);", "my $s = '-' x $n;", N],
  ['a literal mask keeps &', 'const m = n & 0o777;', 'my $m = $n & 0o777;', N],
  ['octal literals stay octal literals (0o, which perlcritic accepts)', 'const m = 0o755;', 'my $m = 0o755;'],
  ['booleans become 1 and 0', 'let flag = true;\nflag = false;', 'my $flag = 1;\n$flag = 0;'],
  ['regex test is =~, JS $ is \\z and \\d needs no /a', 'if (/^net\\d+$/.test(x)) return;', 'return if $x =~ /^net\\d+\\z/;', S],
  ['a negated test is !~', 'if (!/^a/.test(x)) return;', 'return if $x !~ /^a/;', S],
  ['JS . also stops at \\r', 'if (/a.b/.test(x)) return;', 'return if $x =~ /a[^\\n\\r]b/;', S],
  ['JS \\s also matches NBSP', 'if (/\\s/.test(x)) return;', 'return if $x =~ /[\\t\\n\\x0B\\f\\r \\xA0]/;', S],
  ['a regex const is a qr// variable', 'const re = /^a+$/;\nif (re.test(x)) return;', 'my $re = qr/^a+\\z/;\nreturn if $x =~ $re;', S],
  ['replace with a literal is s///r', "return x.replace(/a+/g, 'b');", 'return $x =~ s/a+/b/gr;', { ...S, returns: 'string' }],
  ['a replaced copy is (my $s = $x) =~ s///', "const s = x.replace(/a+/g, 'b');", '(my $s = $x) =~ s/a+/b/g;', S],
  ['x = x.replace(...) replaces in place', "let s = x;\ns = s.replace(/a/, 'b');", 'my $s = $x;\n$s =~ s/a/b/;', S],
  ['replacement groups are ${n}', "const s = x.replace(/(a)(b)/, '$2$1');", '(my $s = $x) =~ s/(a)(b)/${2}${1}/;', S],
  ['a replacement callback is /e', 'const s = x.replace(/a(b)/, (m, p) => p! + m);', '(my $s = $x) =~ s/a(b)/$1 . $&/e;', S],
  ['a callback giving a string is replacement text', 'const s = x.replace(/a/g, () => `${x}/b`);', '(my $s = $x) =~ s/a/$x\\/b/g;', S],
  [
    'exec binds the captures as a list',
    'const m = /^#! ?(\\S*)/.exec(x);\nif (m) return m[1];\nreturn undefined;',
    'my @m = $x =~ /^#! ?([^\\t\\n\\x0B\\f\\r \\xA0]*)/;\nreturn $m[0] if @m;\nreturn;',
    { ...S, returns: 'string | undefined' },
  ],
  ['includes is index >= 0', "if (x.includes('a')) return;", "return if index($x, 'a') >= 0;", S],
  ['startsWith a literal is an anchored match', "if (x.startsWith('/etc')) return;", 'return if $x =~ /^\\/etc/;', S],
  ['endsWith a literal is a \\z match', "if (x.endsWith('.conf')) return;", 'return if $x =~ /\\.conf\\z/;', S],
  ['trim strips JS whitespace', 'const t = x.trim();', '(my $t = $x) =~ s/^[\\t\\n\\x0B\\f\\r \\xA0]+|[\\t\\n\\x0B\\f\\r \\xA0]+\\z//g;', S],
  ['chomp is a non-destructive s///', 'return chomp(x);', 'return $x =~ s/\\n\\z//r;', { ...S, returns: 'string' }],
  ['perlSplit is split', 'const f = perlSplit(x, /,/);', 'my @f = split(/,/, $x);', S],
  ['hash literals use =>', "this.setupSystemdPreset({ 'a.service': 1, b: 0 });", "$self->setup_systemd_preset({ 'a.service' => 1, b => 0 });"],
  ['options objects flatten into the call', "this.ctModifyFile('/f', 'x', { replace: true });", "$self->ct_modify_file('/f', 'x', replace => 1);"],
  [
    'spread into a rest parameter flattens the array',
    "const l = ['a', 'b'];\nthis.setupSecuretty(conf, ...l);",
    "my @l = ('a', 'b');\n$self->setup_securetty($conf, @l);",
  ],
  ['map is map over $_', "const l = ['a', 'b'].map((d) => `/${d}`).join(' ');", "my $l = join(' ', map { \"/$_\" } ('a', 'b'));"],
  ['filter is grep', "const l = splitList(x).filter((d) => d !== 'a');", "my @l = grep { $_ ne 'a' } PVE::Tools::split_list($x);", S],
  ['numeric sort is <=>', 'const l = [3, 1].sort((p, q) => p - q);', 'my @l = sort { $a <=> $b } (3, 1);'],
  ['descending numeric sort swaps $a and $b', 'const l = [3, 1].sort((p, q) => q - p);', 'my @l = sort { $b <=> $a } (3, 1);'],
  ['Object.hasOwn is exists', "if (Object.hasOwn(conf, 'net0')) return;", 'return if exists $conf->{net0};'],
  ['a guarded lookup may use any key', 'if (Object.hasOwn(conf, x)) this.ctUnlink(conf[x]!);', '$self->ct_unlink($conf->{$x}) if exists $conf->{$x};', S],
  ['array length is scalar()', "const l = ['a'];\nconst n = l.length;", "my @l = ('a');\nmy $n = scalar(@l);"],
  [
    'a local array or hash handed on whole stays a reference',
    'const h: Record<string, number> = { a: 1 };\nthis.setupSystemdPreset(h);',
    'my $h = { a => 1 };\n$self->setup_systemd_preset($h);',
  ],
  [
    'a local hash used by key is a %hash',
    "const h: Record<string, number> = {};\nh['a'] = 1;\nif (Object.hasOwn(h, x)) return;",
    'my %h;\n$h{a} = 1;\nreturn if exists $h{$x};',
    S,
  ],
  [
    'a local array named like a file-level variable stays a reference',
    "const l = ['a'];\nconst n = l.length;",
    "my $l = ['a'];\nmy $n = scalar(@$l);",
    { prelude: "const l = 'x';" },
  ],
  [
    'a non-empty test of a local array is the array in a condition',
    'const l = splitList(x);\nif (l.length > 0) return;',
    'my @l = PVE::Tools::split_list($x);\nreturn if @l;',
    S,
  ],
  ['string length is length()', 'const n = x.length;', 'my $n = length($x);', S],
  ['array elements read with a literal index', "const l = ['a'];\nconst e = l[0];", "my @l = ('a');\nmy $e = $l[0];"],
  ['tuples destructure into a list', 'const [search, ns] = this.lookupDnsConf(conf);', 'my ($search, $ns) = $self->lookup_dns_conf($conf);'],
  ['super calls are SUPER::', 'super.setDns(conf);', '$self->SUPER::set_dns($conf);'],
  ['class-method Proxmox functions keep ->', 'const n = getTtyCount(conf);', 'my $n = PVE::LXC::Config->get_tty_count($conf);'],
  ['plain Proxmox functions are fully qualified', "const arch = detectElfArchitecture('/bin/sh');", "my $arch = PVE::LXC::Tools::detect_elf_architecture('/bin/sh');"],
  ['h?.k does not autovivify', 'const v = h?.k;', 'my $v = $h && $h->{k};', { params: 'h: OsRelease | undefined' }],
  ['string split keeps empty fields (prelude helper)', "const f = x.split(':');", 'my @f = split_fields(qr/:/, $x);', S],
  ['stat fields are accessors', "const m = this.ctStat('/f')!.mode;", "my $m = $self->ct_stat('/f')->mode;"],
  ['abs_path comes from Cwd', 'const p = absPath(x);', 'my $p = abs_path($x);', S],
  ['pid() is $$, interpolated too', 'const t = `${x}.${pid()}.new`;', 'my $t = "$x.$$.new";', S],
];

describe('expressions the subset accepts', () => {
  for (const [name, body, perl, opts] of cases) {
    it(name, () => {
      expect(perlOf(body, opts ?? {})).toBe(perl);
    });
  }
});
