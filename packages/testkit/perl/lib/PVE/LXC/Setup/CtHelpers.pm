package PVE::LXC::Setup::CtHelpers;

# SPDX-License-Identifier: AGPL-3.0-or-later
#
# pve-chainguard harness: the hand-written layer below the generated
# PVE::LXC::Setup::Base (packages/testkit/perl/generated, compiled from
# packages/core/src/base/Base.ts). It holds
#   - the ct_* file helpers and the constructor (packages/core/src/base/CtHelpers.ts and
#     Plugin.ts in the model): thin wrappers over system calls on container paths;
#   - the Base methods the model marks @perlHandWritten, because the compiler's subset
#     cannot express them (patterns built at run time, the chroot's primitives, crypt,
#     objdump); each says why in the model.
# Written for this project from the documented behaviour (docs/proxmox-setup-reference.md
# §3 and the oracle). Methods run inside the container's chroot (see the dispatcher), so
# paths are container paths; the chroot, not these helpers, keeps links from escaping.
# Everything is loaded at compile time: nothing can be required once chrooted.

use strict;
use warnings;

use Cwd 'abs_path';
use Digest::SHA;
use Fcntl;
use File::Basename;
use File::Path;
use File::stat;
use IO::File;
use POSIX ();

use PVE::INotify;
use PVE::Network;
use PVE::Tools;

use PVE::LXC;
use PVE::LXC::Config;
use PVE::LXC::Setup::Plugin;
use PVE::LXC::Tools;

use base qw(PVE::LXC::Setup::Plugin);

my $SECTION_BEGIN = "# --- BEGIN PVE ---\n";
my $SECTION_END = "# --- END PVE ---\n";

sub new {
    my ($class, $conf, $rootdir, $os_release, $log_warn) = @_;

    return bless { conf => $conf, rootdir => $rootdir, os_release => $os_release }, $class;
}

# Rewrites passwd or shadow through "<file>.<pid>" (owner and mode copied), replacing
# field 2 (and in shadow field 3, the day of the last change) of $user's line. $user is a
# regex fragment on purpose: PVE interpolates it unescaped. Failures are silent.
my $replace_password = sub {
    my ($self, $file, $user, $hash, $is_shadow) = @_;

    my $tmpfile = "$file.$$";
    eval {
        my $src = $self->ct_open_file_read($file) || die "unable to open file '$file' - $!";
        my $st = $self->ct_stat($src) || die "unable to stat file - $!";
        my $dst = $self->ct_open_file_write($tmpfile)
            || die "unable to open file '$tmpfile' - $!";

        chmod($st->mode, $dst);
        chown($st->uid, $st->gid, $dst);

        my $day = int(time() / 86400);
        while (defined(my $line = <$src>)) {
            if ($is_shadow) {
                $line =~ s/^${user}:[^:]*:[^:]*:/${user}:${hash}:${day}:/;
            } else {
                $line =~ s/^${user}:[^:]*:/${user}:${hash}:/;
            }
            print {$dst} $line;
        }

        $src->close() || die "close '$file' failed - $!\n";
        $dst->close() || die "close '$tmpfile' failed - $!\n";
    };
    if ($@) {
        $self->ct_unlink($tmpfile);
    } else {
        $self->ct_rename($tmpfile, $file);
        $self->ct_unlink($tmpfile); # still there if the rename was skipped or failed
    }
};

sub set_user_password {
    my ($self, $conf, $user, $password) = @_;

    my $passwd = '/etc/passwd';
    return if !$self->ct_file_exists($passwd);

    if (!defined($password)) {
        $password = '*';
    } elsif ($password !~ m/^\$(?:1|2[axy]?|5|6)\$[a-zA-Z0-9.\/]{1,16}\$[a-zA-Z0-9.\/]+$/) {
        # the salt derives from the clock, not from a random source
        my $salt = substr(Digest::SHA::sha1_base64(time), 0, 8);
        my $bytes = $password;
        utf8::encode($bytes);
        $password = crypt($bytes, "\$6\$$salt\$");
    }

    my $shadow = '/etc/shadow';
    if ($self->ct_file_exists($shadow)) {
        $replace_password->($self, $shadow, $user, $password, 1);
        $replace_password->($self, $passwd, $user, 'x');
    } else {
        $replace_password->($self, $passwd, $user, $password);
    }
}

# Field 6 of $user's passwd line; '' when there is none (the value a finished while loop
# leaves as the sub's result upstream).
sub parse_home_dir {
    my ($self, $passwd, $user) = @_;

    my $fh = $self->ct_open_file_read($passwd);
    while (defined(my $line = <$fh>)) {
        return $2 if $line =~ m/^${user}:([^:]*:){4}([^:]*):/;
    }
    return '';
}

# New minute (int(rand() * 59)) for every root job in /etc/crontab and /etc/cron.d/*, so
# containers created from one template do not all fire at once.
sub randomize_crontab {
    my ($self) = @_;

    my @files;
    PVE::Tools::dir_glob_foreach('/etc/cron.d', qr/[A-Z\-\_a-z0-9]+/,
        sub { push @files, "/etc/cron.d/$_[0]" },
    );
    unshift @files, '/etc/crontab' if $self->ct_file_exists('/etc/crontab');

    for my $file (@files) {
        my $out = '';
        for my $line (split(/\n/, $self->ct_file_get_contents($file))) {
            if ($line =~ m/^\d+(\s+\S+\s+\S+\s+\S+\s+\S+\s+root\s+\S.*)$/) {
                my $rest = $1;
                $out .= int(rand() * 59) . "$rest\n";
            } else {
                $out .= "$line\n";
            }
        }
        $self->ct_file_set_contents($file, $out);
    }
}

# systemd major version from the libsystemd-shared-<ver>.so that init links against;
# runs on the host (objdump), not in the chroot.
sub get_systemd_version {
    my ($self, $init) = @_;

    my $rootdir = $self->{rootdir};
    my $binary = abs_path($rootdir . $init);
    if ($binary =~ m/(^\Q$rootdir\E.*)/) {
        $binary = $1;
    } else {
        die "Could not construct path to systemd binary: $rootdir, $init";
    }

    my $version;
    PVE::Tools::run_command(
        ['objdump', '-p', $binary],
        outfunc => sub {
            my ($line) = @_;
            $version = $1 if $line =~ m/libsystemd-shared-(\d+)(?:[-_.][a-zA-Z0-9]+)*\.so:?$/;
        },
        errmsg => "objdump on $init failed",
    );
    return $version;
}

# ---- container file helpers ------------------------------------------------------------
# Thin wrappers over syscalls on container paths. They honour "<dir>/.pve-ignore.<name>"
# where PVE does, and hand created files to the mapped root user of id-mapped containers.

sub ct_is_file_ignored {
    my ($self, $file) = @_;
    my ($name, $dir) = fileparse($file);
    return -f "$dir/.pve-ignore.$name";
}

sub ct_reset_ownership {
    my ($self, @files) = @_;

    return if !$self->{id_map};
    @files = grep { !$self->ct_is_file_ignored($_) } @files;
    return if !@files;
    chown($self->{root_uid}, $self->{root_gid}, @files);
}

sub ct_mkdir {
    my ($self, $file, $mode) = @_;

    # mkdir counts its arguments: an explicit undef mode would mean 0000
    my $ok = defined($mode) ? CORE::mkdir($file, $mode) : CORE::mkdir($file);
    return $ok && $self->ct_reset_ownership($file);
}

sub ct_unlink {
    my ($self, @files) = @_;
    for my $file (@files) {
        CORE::unlink($file) if !$self->ct_is_file_ignored($file);
    }
}

sub ct_rename {
    my ($self, $old, $new) = @_;
    return if $self->ct_is_file_ignored($new);
    CORE::rename($old, $new);
}

sub ct_open_file_read {
    my ($self, $file, @perms) = @_;
    return IO::File->new($file, O_RDONLY, @perms);
}

# no O_TRUNC; an ignored file is swapped for /dev/null
sub ct_open_file_write {
    my ($self, $file, @perms) = @_;

    $file = '/dev/null' if $self->ct_is_file_ignored($file);
    my $fh = IO::File->new($file, O_WRONLY | O_CREAT, @perms);
    $self->ct_reset_ownership($fh);
    return $fh;
}

sub ct_make_path {
    my ($self, @dirs) = @_;

    my $opts = {};
    if (defined($self->{id_map})) {
        $opts->{owner} = $self->{root_uid};
        $opts->{group} = $self->{root_gid};
    }
    File::Path::make_path(@dirs, $opts);
}

sub ct_symlink {
    my ($self, $target, $link) = @_;

    return if $self->ct_is_file_ignored($link);
    return 0 if !CORE::symlink($target, $link);
    POSIX::lchown($self->{root_uid}, $self->{root_gid}, $link) if defined($self->{id_map});
    return 1;
}

# Plain questions about a container path. Each test names its argument $file: Perl's
# warning for an undefined one quotes the name.
my %PATH_TESTS = (
    ct_file_exists => sub { my ($file) = @_; -f $file },
    ct_is_directory => sub { my ($file) = @_; -d $file },
    ct_is_symlink => sub { my ($file) = @_; -l $file },
    ct_is_executable => sub { my ($file) = @_; -x $file },
    ct_readlink => sub { my ($file) = @_; CORE::readlink($file) },
    ct_stat => \&File::stat::stat,
    ct_file_read_firstline => \&PVE::Tools::file_read_firstline,
    ct_file_get_contents => \&PVE::Tools::file_get_contents,
);

for my $name (sort keys %PATH_TESTS) {
    my $test = $PATH_TESTS{$name};
    no strict 'refs';
    *{ __PACKAGE__ . "::$name" } = sub {
        my ($self, $file) = @_;
        return $test->($file);
    };
}

# Follows links, at most 10 of them; every hop is resolved against the working directory
# (/ in the chroot), not against the directory holding the link.
sub ct_readlink_recursive {
    my ($self, $name) = @_;

    my ($path, $hops) = ($name, 0);
    while ($self->ct_is_symlink($path)) {
        die "maximal link depth of 10 for resolving '$name' reached, abort\n" if $hops++ >= 10;
        $path = abs_path($self->ct_readlink($path));
    }
    return $path;
}

# PVE::Tools' atomic write, then the file goes to the mapped root user
sub ct_file_set_contents {
    my ($self, $file, $data, $perms) = @_;

    return if $self->ct_is_file_ignored($file);
    PVE::Tools::file_set_contents($file, $data, $perms);
    return $self->ct_reset_ownership($file);
}

# Maintains the "# --- BEGIN PVE ---" .. "# --- END PVE ---" section of $file.
# Options: perms (used when the file is created or the section first added), replace
# (the section becomes the whole file), prepend, delete (drop a file that would hold
# nothing but an empty section).
sub ct_modify_file {
    my ($self, $file, $data, %opt) = @_;

    return if $self->ct_is_file_ignored($file);

    my $perms = $opt{perms};
    $data .= "\n" if $data && $data !~ m/\n$/;

    if (!$self->ct_file_exists($file)) {
        $self->ct_file_set_contents($file, $SECTION_BEGIN . $data . $SECTION_END, $perms)
            if $data;
        return;
    }

    my @lines = split(/\n/, $self->ct_file_get_contents($file));

    my ($beg, $end);
    for my $i (0 .. $#lines) {
        if (!defined($beg)) {
            $beg = $i if $lines[$i] =~ m/^#\s*---\s*BEGIN\s*PVE\s*/;
        } elsif ($lines[$i] =~ m/^#\s*---\s*END\s*PVE\s*/i) {
            $end = $i;
            last;
        }
    }

    if (defined($end)) {
        my $section;
        if ($data) {
            $section = $SECTION_BEGIN . $data . ($SECTION_END =~ s/\n$//r);
        } else {
            if ($beg == 0 && $end == $#lines) {
                $self->ct_unlink($file) if $opt{delete};
                return;
            }
            # an emptied section keeps its END line's newline, leaving a blank line
            $section = $SECTION_BEGIN . $data . $SECTION_END;
        }
        splice(@lines, $beg, $end - $beg + 1, $section);
        $self->ct_file_set_contents($file, join("\n", @lines) . "\n");
        return;
    }

    return if !$data;

    my $old = join("\n", @lines);
    chomp $old;
    $old .= "\n";
    my $section = $SECTION_BEGIN . $data . $SECTION_END;
    if ($opt{replace}) {
        $self->ct_file_set_contents($file, $section, $perms);
    } elsif ($opt{prepend}) {
        $self->ct_file_set_contents($file, $section . $old, $perms);
    } else {
        $self->ct_file_set_contents($file, $old . $section, $perms);
    }
}

# Removes everything from the first BEGIN line to the end of the last END line. Proxmox
# keeps this plain function in Base, where plugins and Base call it by its full name.
sub remove_pve_sections {
    my ($data) = @_;

    my $head = $SECTION_BEGIN =~ s/\n$//r;
    my $tail = $SECTION_END =~ s/\n$//r;
    return $data =~ s/^\h*\Q$head\E.*^\h*\Q$tail\E.*?$//rgms;
}

# images.linuxcontainers.org templates ship a bogus "127.0.1.1 LXC_NAME" hosts line
sub remove_lxc_name_from_etc_hosts {
    my ($self) = @_;

    return if !-e '/etc/hosts';

    my @lines = split(/\n/, $self->ct_file_get_contents('/etc/hosts'));
    my $hosts = join("\n", grep { !m/^127.0.1.1\s+LXC_NAME$/ } @lines) . "\n";
    $self->ct_file_set_contents('/etc/hosts', $hosts);
}

*PVE::LXC::Setup::Base::remove_pve_sections = \&remove_pve_sections;

1;
