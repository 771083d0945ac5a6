package Harness::Capture;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Collects, in order, every warn() and log_warn() of a case - including those of forked
# and chrooted children - through one O_APPEND file opened before any fork, plus the
# case's stdout and stderr. Records are "<tag><byte length>:<bytes>".

use strict;
use warnings;

use Fcntl qw(O_WRONLY O_CREAT O_APPEND O_TRUNC);
use IO::Handle;

use PVE::RESTEnvironment;

my $records_fh;

sub record {
    my ($tag, $msg) = @_;
    my $bytes = "$msg";
    utf8::encode($bytes) if utf8::is_utf8($bytes);
    syswrite($records_fh, $tag . length($bytes) . ':' . $bytes) if $records_fh;
}

# Redirects STDOUT/STDERR into files below $dir and hooks warn/log_warn.
sub start {
    my ($dir) = @_;

    sysopen($records_fh, "$dir/records", O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600)
        or die "harness: cannot open record file: $!\n";
    open(STDOUT, '>', "$dir/stdout") or die "harness: cannot redirect stdout: $!\n";
    open(STDERR, '>', "$dir/stderr") or die "harness: cannot redirect stderr: $!\n";

    $SIG{__WARN__} = sub { record('W', $_[0]) };
    $PVE::RESTEnvironment::SINK = sub { record('L', $_[0]) };
}

sub slurp {
    my ($file) = @_;
    open(my $fh, '<:raw', $file) or return '';
    local $/ = undef;
    my $data = <$fh>;
    return $data // '';
}

# Returns { warnings => [...], log_warn => [...], stdout => bytes, stderr => bytes }.
sub finish {
    my ($dir) = @_;

    STDOUT->flush();
    STDERR->flush();
    close($records_fh);
    undef $records_fh;

    my $raw = slurp("$dir/records");
    my $res = { warnings => [], log_warn => [] };
    while ($raw =~ m/\G([WL])(\d+):/gc) {
        my ($tag, $len) = ($1, $2);
        my $msg = substr($raw, pos($raw), $len);
        pos($raw) = pos($raw) + $len;
        push @{ $res->{ $tag eq 'W' ? 'warnings' : 'log_warn' } }, $msg;
    }
    $res->{stdout} = slurp("$dir/stdout");
    $res->{stderr} = slurp("$dir/stderr");
    return $res;
}

1;
