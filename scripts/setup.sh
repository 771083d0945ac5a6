#!/usr/bin/env bash
# Everything a fresh Debian 12 with Node 20 needs to run the tool and its tests:
# Debian's perltidy, perlcritic, binutils (objdump), ssh-keygen, tzdata (the Perl harness
# checks time zones against zone.tab), Net::IP (perlgen's TS≡Perl helper test),
# Cpanel::JSON::XS (the Perl harness's JSON lines; its pure-Perl codecs are slower), xz and zstd
# (preview of compressed templates), the pinned pnpm, and
# the workspace's packages, then the CLI's bundle. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_needed=()
command -v perltidy >/dev/null || apt_needed+=(perltidy)
command -v perlcritic >/dev/null || apt_needed+=(libperl-critic-perl)
command -v objdump >/dev/null || apt_needed+=(binutils)
command -v ssh-keygen >/dev/null || apt_needed+=(openssh-client)
[ -f /usr/share/zoneinfo/zone.tab ] || apt_needed+=(tzdata)
perl -MNet::IP -e1 2>/dev/null || apt_needed+=(libnet-ip-perl)
perl -MCpanel::JSON::XS -e1 2>/dev/null || apt_needed+=(libcpanel-json-xs-perl)  # the Perl harness's fast JSON lines
# preview of .tar.xz / .tar.zst templates and zstd OCI layers streams through these
command -v xz >/dev/null || apt_needed+=(xz-utils)
command -v zstd >/dev/null || apt_needed+=(zstd)
command -v git >/dev/null || apt_needed+=(git)  # upstream-series drives git; the repo test lists tracked files
if [ ${#apt_needed[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages: ${apt_needed[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_needed[@]}" >/dev/null
fi

PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    echo "installing pnpm $PNPM_VERSION"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1
fi
pnpm install --frozen-lockfile --reporter=silent
# the CLI's prebuilt bundle (git-ignored; the launcher rebuilds it whenever sources change)
node packages/cli/launch/bundle.mjs >/dev/null
