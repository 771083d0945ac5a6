#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# pve-chainguard-support uninstaller: removes exactly our edits from PVE/LXC/Setup.pm and
# PVE/LXC/Config.pm and the PVE::LXC::Setup::Chainguard module. Unattended; idempotent.
set -euo pipefail

PROG=uninstall.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: uninstall.sh [--root DIR] [--force] [--no-reload]

Removes the Chainguard/Wolfi setup plugin from Proxmox VE.
  --root DIR   treat DIR as the host's / (image builders, tests); no daemons are reloaded
  --force      uninstall even though containers are configured with 'ostype: chainguard'
  --no-reload  do not reload the Proxmox daemons afterwards
Exit status: 0 removed or not installed; 1 refused or failed, nothing changed; 2 usage.
USAGE
}

parse_args --force "$@"
FORCE=$OWN_FLAG
trap cleanup_stage EXIT

[[ "$(id -u)" -eq 0 ]] || fail "must run as root (uid $(id -u))"
PVC_VERSION=$(pve_container_version)
for f in "$SETUP" "$CONFIG"; do [[ -f "$f" ]] || fail "$f not found"; done
for f in "${TARGETS[@]}"; do rm -f "$f$STAGE_SUFFIX"; done

shopt -s nullglob
users=()
for conf in "$ROOT"/etc/pve/lxc/*.conf "$ROOT"/etc/pve/nodes/*/lxc/*.conf; do
    if grep -Eq '^ostype:[[:space:]]*chainguard[[:space:]]*$' "$conf"; then users+=("$conf"); fi
done
if ((${#users[@]})); then
    if ((FORCE)); then
        msg "warning: these containers will no longer start: ${users[*]#"$ROOT"}"
    else
        msg "refused: containers configured with 'ostype: chainguard' would stop starting:"
        printf '  %s\n' "${users[@]#"$ROOT"}" >&2
        msg "change their ostype or run again with --force; nothing changed"
        exit 1
    fi
fi

cp -p "$SETUP" "$SETUP$STAGE_SUFFIX"
cp -p "$CONFIG" "$CONFIG$STAGE_SUFFIX"
if ! out=$(perl "$HERE/pve-chainguard-edit" remove --registry "$HERE/registry.json" \
    --setup "$SETUP$STAGE_SUFFIX" --config "$CONFIG$STAGE_SUFFIX" 2>&1); then
    fail "refused, nothing changed: ${out//$STAGE_SUFFIX/}"
fi
DELETE_MODULE=1
changed_targets
if ((${#CHANGED[@]} == 0)); then
    echo "not installed; nothing changed"
    exit 0
fi

verify_load load || fail "refused, nothing changed"
backup uninstall || fail "cannot write the backup under $STATE; nothing changed"
# Setup.pm first: from then on nothing refers to the module
commit_in_order "$SETUP" "$CONFIG" "$MODULE" || exit 1

for f in "${CHANGED[@]}"; do
    if [[ -e "$f" ]]; then echo "restored ${f#"$ROOT"}"; else echo "removed ${f#"$ROOT"}"; fi
done
echo "uninstalled; backup in ${BACKUP#"$ROOT"}"
reload_daemons
