/**
 * One persistent perl process that defines compiled subs and calls them, over JSON lines:
 * `{"id", "define", "name"}` evals Perl source returning a code ref; `{"id", "name", "args"}`
 * calls it in scalar context. Strings travel as byte strings (char codes 0–255), undef as
 * null. The few Proxmox functions a compiled helper may call are stand-ins written here
 * from their documented behaviour (docs/proxmox-setup-reference.md), not Proxmox code.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { requireTool } from './perlTools.ts';

const SCRIPT = String.raw`
use strict;
use warnings;
use JSON::PP;
use Net::IP;
use Math::BigInt;

package PVE::Network;
# The address (or range) lies inside the network; the CIDR's host bits are masked off.
sub is_ip_in_cidr {
    my ($ip, $cidr, $version) = @_;
    my ($base, $len) = $cidr =~ m!^(\S+?)/(\d+)$! or return;
    my $net = Net::IP->new($base, $version) or return;
    my $addr = Net::IP->new($ip, $version) or return;
    return if $net->version != $addr->version;
    my $bits = $net->version == 4 ? 32 : 128;
    return if $len > $bits;
    my $shift = $bits - $len;
    my $lo = ($net->intip >> $shift) << $shift;
    my $hi = $lo + (Math::BigInt->new(1) << $shift) - 1;
    return $addr->intip >= $lo && $addr->last_int <= $hi ? 1 : '';
}

package PVE::Tools;
# NUL-separated if the text holds a NUL, else separated by commas, semicolons and spaces.
sub split_list {
    my ($text) = @_;
    return () if !defined($text);
    return grep { length } split(/\0/, $text) if $text =~ /\0/;
    return grep { length } split(/[,;\s]+/, $text);
}

package main;

$| = 1;
my $json = JSON::PP->new->ascii->allow_nonref->canonical;
my %subs;

sub bytes_of {
    my ($v) = @_;
    return $v if !defined($v) || ref($v);
    utf8::downgrade($v);
    return $v;
}

while (my $line = <STDIN>) {
    my $req = $json->decode($line);
    my $res = eval {
        if (defined($req->{define})) {
            my $code = eval($req->{define});
            die $@ if $@;
            die "not a code ref\n" if ref($code) ne 'CODE';
            $subs{$req->{name}} = $code;
            return { id => $req->{id}, ok => 1 };
        }
        my @args = map { bytes_of($_) } @{ $req->{args} };
        my $warned;
        local $SIG{__WARN__} = sub { $warned = $_[0] };
        my $result = $subs{$req->{name}}->(@args);
        return { id => $req->{id}, ok => 1, result => $result, warning => $warned };
    };
    $res //= { id => $req->{id}, error => "$@" };
    print $json->encode($res), "\n";
}
`;

export interface PerlReply {
  id: number;
  ok?: 1;
  result?: unknown;
  warning?: string;
  error?: string;
}

export class PerlEval {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (r: PerlReply) => void>();
  private nextId = 1;

  constructor() {
    this.child = spawn(requireTool('perl'), ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.on('data', (d) => (stderr += String(d)));
    this.child.on('exit', (code) => {
      for (const resolve of this.pending.values()) resolve({ id: 0, error: `perl exited ${code}: ${stderr}` });
      this.pending.clear();
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as PerlReply;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  private send(req: Record<string, unknown>): Promise<PerlReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // ASCII-only JSON: every char code above 0x7f travels as \u00XX and arrives as that byte.
      const json = JSON.stringify({ ...req, id }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      this.child.stdin.write(`${json}\n`);
    });
  }

  /** Define `name` from Perl source that evaluates to a code ref. */
  async define(name: string, source: string): Promise<void> {
    const r = await this.send({ define: source, name });
    if (r.error) throw new Error(`perl could not define ${name}: ${r.error}\n${source}`);
  }

  /** Call `name`; strings must be byte strings, undefined becomes undef. */
  call(name: string, args: unknown[]): Promise<PerlReply> {
    return this.send({ name, args: args.map((a) => (a === undefined ? null : a)) });
  }

  close(): void {
    this.child.stdin.end();
  }
}
