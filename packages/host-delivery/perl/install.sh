#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# pve-chainguard-support installer: copies PVE::LXC::Setup::Chainguard into place and registers
# it in PVE/LXC/Setup.pm and PVE/LXC/Config.pm with the edit engine. Unattended; idempotent.
set -euo pipefail

PROG=install.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: install.sh [--root DIR] [--dry-run] [--no-reload]

Installs the Chainguard/Wolfi setup plugin for Proxmox VE (pve-container 5.0.8 or newer).
  --root DIR   treat DIR as the host's / (image builders, tests); no daemons are reloaded
  --dry-run    print the unified diff that would be applied; change nothing
  --no-reload  do not reload the Proxmox daemons afterwards
Exit status: 0 installed or already installed; 1 refused or failed, nothing changed; 2 usage.
USAGE
}

parse_args --dry-run "$@"
DRY_RUN=$OWN_FLAG
trap cleanup_stage EXIT

fault preflight || exit 1
preflight
if ! out=$(perl -I"$PERL5" -c "$HERE/Chainguard.pm" 2>&1); then
    fail "$HERE/Chainguard.pm does not compile against $PERL5: $(head -3 <<<"$out")"
fi
step_done preflight

fault stage || exit 1
cp -p "$SETUP" "$SETUP$STAGE_SUFFIX"
cp -p "$CONFIG" "$CONFIG$STAGE_SUFFIX"
install -m 0644 "$HERE/Chainguard.pm" "$MODULE$STAGE_SUFFIX"
step_done stage

fault edit || exit 1
if ! out=$(perl "$HERE/pve-chainguard-edit" apply --registry "$HERE/registry.json" \
    --setup "$SETUP$STAGE_SUFFIX" --config "$CONFIG$STAGE_SUFFIX" 2>&1); then
    fail "refused, nothing changed: ${out//$STAGE_SUFFIX/}"
fi
step_done edit

changed_targets
if ((${#CHANGED[@]} == 0)); then
    echo "already installed (pve-container $PVC_VERSION); nothing changed"
    exit 0
fi
if ((DRY_RUN)); then
    show_diff
    exit 0
fi

{ fault verify && verify_load detect; } || fail "refused, nothing changed"
step_done verify

{ fault backup && backup install; } || fail "cannot write the backup under $STATE; nothing changed"
step_done backup

commit_in_order "$MODULE" "$CONFIG" "$SETUP" || exit 1

for f in "${CHANGED[@]}"; do echo "updated ${f#"$ROOT"}"; done
echo "installed for pve-container $PVC_VERSION; backup in ${BACKUP#"$ROOT"}"

reload_daemons
step_done reload
