/** The idiom check finds each thing it looks for in a planted line, and passes clean Perl. */
import { describe, expect, it } from 'vitest';
import { idiomFindings } from '../helpers/idiomCheck.ts';

const CLEAN = `# Sets the password field, keeping the file's mode; a longer comment that
# wraps onto a second line with several words.
my sub replace_fields {
    my ($self, $file, $user) = @_;

    my $mode = $self->ct_stat($file)->mode & 0o7777;
    (my $data = $self->ct_file_get_contents($file)) =~ s/^\\Q$user\\E:[^:\\n]*:/$user:x:/mg;
    $data =~ s/a/b/g; # a side comment with s/x/y/r in it is no code
    return;
}
`;

describe('idiomFindings', () => {
  it('passes idiomatic Perl', () => {
    expect(idiomFindings(CLEAN)).toEqual([]);
  });

  it.each([
    ['$&', '    $s =~ s/a/b/g if $& eq "a";', '$&'],
    ['/e', '    $s =~ s/(a)/uc($1)/ge;', '/e replacement'],
    ['/r', '    my $t = $s =~ s/a/b/r;', '/r replacement'],
    ["oct('", "    my $m = oct('0755');", 'octal literal'],
    ['a coderef helper', 'my $helper = sub {', 'coderef'],
    ['a lone last comment word', '# a comment wrapped so that one word is left for the last\n# line', 'lone word'],
  ])('finds %s', (_name, bad, what) => {
    const findings = idiomFindings(`${CLEAN}${bad}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain(what);
    expect(findings[0]).toMatch(new RegExp(`^line ${CLEAN.split('\n').length + bad.split('\n').length - 1}: `));
  });
});
