# SPDX-License-Identifier: AGPL-3.0-or-later
# Shared by install.sh and uninstall.sh (pve-chainguard-support): paths, preflight, the staged
# transaction (stage beside, verify, back up, rename in order, roll back), daemon reloads.
# shellcheck shell=bash

MIN_PVE_CONTAINER=5.0.8
TESTED_UP_TO=6.1
UNITS=(pvedaemon pveproxy pvestatd pvescheduler pve-ha-lrm pve-ha-crm)
STAGE_SUFFIX=.pvecg-new

msg() { printf '%s: %s\n' "$PROG" "$*" >&2; }
fail() {
    msg "$*"
    exit 1
}

# Test hooks: PVECG_FAULT_AT=<step> makes that step fail; PVECG_KILL_AFTER=<step> kills the
# script with SIGKILL right after it (no cleanup runs, as on a power cut).
fault() {
    if [[ "${PVECG_FAULT_AT:-}" == "$1" ]]; then
        msg "injected fault at step '$1'"
        return 1
    fi
}
step_done() {
    if [[ "${PVECG_KILL_AFTER:-}" == "$1" ]]; then kill -KILL $$; fi
}

# The options both scripts take (--root DIR, --no-reload, --help) plus the script's own flag
# ($1, which sets OWN_FLAG=1); then the paths under ROOT_ARG. Bad usage exits 2.
# shellcheck disable=SC2034 # OWN_FLAG is read by the sourcing script
parse_args() {
    local own=$1
    shift
    ROOT_ARG=/
    NO_RELOAD=0
    OWN_FLAG=0
    while (($#)); do
        case $1 in
            --root)
                [[ $# -ge 2 ]] || { msg "--root needs a directory" && usage >&2 && exit 2; }
                ROOT_ARG=$2
                shift
                ;;
            --root=*) ROOT_ARG=${1#--root=} ;;
            --no-reload) NO_RELOAD=1 ;;
            -h | --help) usage && exit 0 ;;
            *)
                [[ $1 == "$own" ]] || { msg "unknown argument '$1'" && usage >&2 && exit 2; }
                OWN_FLAG=1
                ;;
        esac
        shift
    done
    [[ -d "$ROOT_ARG" ]] || { msg "--root '$ROOT_ARG' is not a directory" && exit 2; }
    set_paths "$ROOT_ARG"
}

set_paths() {
    ROOT=${1%/}
    PERL5="$ROOT/usr/share/perl5"
    SETUP="$PERL5/PVE/LXC/Setup.pm"
    CONFIG="$PERL5/PVE/LXC/Config.pm"
    MODULE="$PERL5/PVE/LXC/Setup/Chainguard.pm"
    STATE="$ROOT/var/lib/pve-chainguard"
    TARGETS=("$MODULE" "$CONFIG" "$SETUP")
}

# pve-container's version from dpkg's status file under the root ('' when not installed).
pve_container_version() {
    local status="$ROOT/var/lib/dpkg/status" v=''
    if [[ -r "$status" ]]; then
        v=$(awk -v RS='' '/(^|\n)Package: pve-container\n/ && /\nStatus: [^\n]* installed(\n|$)/ {
                if (match($0, /\nVersion: [^\n]*/)) print substr($0, RSTART + 10, RLENGTH - 10) }' \
            "$status")
    fi
    if [[ -z "$v" ]] && command -v dpkg-query >/dev/null; then
        v=$(dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Version}' pve-container \
            2>/dev/null || true)
    fi
    printf '%s' "$v"
}

version_ge() { dpkg --compare-versions "$1" ge "$2"; }

preflight() {
    [[ "$(id -u)" -eq 0 ]] || fail "must run as root (uid $(id -u))"
    PVC_VERSION=$(pve_container_version)
    [[ -n "$PVC_VERSION" ]] ||
        fail "pve-container is not installed (no entry in $ROOT/var/lib/dpkg/status)"
    version_ge "$PVC_VERSION" "$MIN_PVE_CONTAINER" ||
        fail "pve-container $PVC_VERSION is too old: $MIN_PVE_CONTAINER or newer is required"
    if version_ge "$PVC_VERSION" "$(awk -F. '{print $1 "." $2 + 1}' <<<"$TESTED_UP_TO")"; then
        msg "warning: pve-container $PVC_VERSION is newer than the tested ${TESTED_UP_TO}.x"
    fi
    local f
    for f in "$SETUP" "$CONFIG"; do
        [[ -f "$f" ]] || fail "$f not found (is pve-container installed under '$ROOT/'?)"
    done
    # leftovers of a run that was killed: never the live files
    for f in "${TARGETS[@]}"; do rm -f "$f$STAGE_SUFFIX"; done
}

cleanup_stage() {
    local f
    for f in "${TARGETS[@]}"; do rm -f "$f$STAGE_SUFFIX"; done
    if [[ -n "${VERIFY_DIR:-}" ]]; then rm -rf "$VERIFY_DIR"; fi
}

# Targets whose staged copy differs from the live file (a staged "-" means: delete it).
changed_targets() {
    local f
    CHANGED=()
    for f in "${TARGETS[@]}"; do
        if [[ -e "$f$STAGE_SUFFIX" ]]; then
            if ! cmp -s "$f" "$f$STAGE_SUFFIX" 2>/dev/null; then CHANGED+=("$f"); fi
        elif [[ -e "$f" && -n "${DELETE_MODULE:-}" && "$f" == "$MODULE" ]]; then
            CHANGED+=("$f")
        fi
    done
}

show_diff() {
    local f
    for f in "${CHANGED[@]}"; do
        if [[ -e "$f$STAGE_SUFFIX" ]]; then
            diff -u --label "a${f#"$ROOT"}" --label "b${f#"$ROOT"}" \
                "$([[ -e "$f" ]] && echo "$f" || echo /dev/null)" "$f$STAGE_SUFFIX" || true
        else
            echo "would delete ${f#"$ROOT"}"
        fi
    done
}

# Loads PVE::LXC::Setup and PVE::LXC::Config with the staged files first in @INC and, when
# $1 is 'detect', autodetects two tiny Wolfi root filesystems (by ID and by marker).
verify_load() {
    local mode=$1 d
    VERIFY_DIR=$(mktemp -d)
    mkdir -p "$VERIFY_DIR/lib/PVE/LXC/Setup" "$VERIFY_DIR/by-id/etc" \
        "$VERIFY_DIR/by-marker/etc/apk/keys"
    for d in Setup Config Setup/Chainguard; do
        if [[ -e "$PERL5/PVE/LXC/$d.pm$STAGE_SUFFIX" ]]; then
            cp "$PERL5/PVE/LXC/$d.pm$STAGE_SUFFIX" "$VERIFY_DIR/lib/PVE/LXC/$d.pm"
        fi
    done
    printf 'ID=wolfi\nNAME="Wolfi"\n' >"$VERIFY_DIR/by-id/etc/os-release"
    printf 'ID=example\n' >"$VERIFY_DIR/by-marker/etc/os-release"
    : >"$VERIFY_DIR/by-marker/etc/apk/keys/wolfi-signing.rsa.pub"
    local out
    if ! out=$(perl -I"$VERIFY_DIR/lib" -I"$PERL5" "$HERE/verify-load.pl" "$mode" \
        "$VERIFY_DIR/by-id" "$VERIFY_DIR/by-marker" 2>&1); then
        msg "verification failed: $out"
        return 1
    fi
}

# One backup set per change: the live files about to be replaced and the pve-container version.
backup() {
    local f
    BACKUP="$STATE/backup/$(date -u +%Y%m%dT%H%M%SZ)"
    [[ -e "$BACKUP" ]] && BACKUP="$BACKUP-$$"
    mkdir -p "$BACKUP" || return 1
    for f in "${CHANGED[@]}"; do
        if [[ -e "$f" ]]; then cp -p "$f" "$BACKUP/${f##*/}" || return 1; fi
    done
    printf 'pve-container %s\n%s\n' "$PVC_VERSION" "$1" >"$BACKUP/INFO" || return 1
    printf '%s\n' "${CHANGED[@]#"$ROOT"}" >"$BACKUP/FILES" || return 1
}

# Renames the staged files into place in the given order; on failure puts back the ones
# already replaced from the backup set and returns 1.
commit_in_order() {
    local f step done_list=()
    for f in "$@"; do
        [[ " ${CHANGED[*]} " == *" $f "* ]] || continue
        step="commit-${f##*/}"
        if fault "$step" && if [[ -e "$f$STAGE_SUFFIX" ]]; then
            mv -f "$f$STAGE_SUFFIX" "$f"
        else
            rm -f "$f"
        fi; then
            done_list+=("$f")
            step_done "$step"
        else
            rollback "${done_list[@]}"
            return 1
        fi
    done
}

rollback() {
    local f
    for f in "$@"; do
        if [[ -e "$BACKUP/${f##*/}" ]]; then
            cp -p "$BACKUP/${f##*/}" "$f$STAGE_SUFFIX" && mv -f "$f$STAGE_SUFFIX" "$f"
        else
            rm -f "$f"
        fi || msg "ROLLBACK FAILED for $f: restore it from $BACKUP"
    done
    rm -rf "$BACKUP"
    msg "rolled back; every file is as it was before this run"
}

# Reloads the active units among UNITS with one systemctl call; not with --no-reload nor under
# --root. A failing reload leaves the installed files in place (they are complete and
# consistent): it is reported as a warning naming the units and the exit status stays 0.
# Test hook (test-only, never set on a host): PVECG_SYSTEMCTL names the systemctl program to
# run instead of the system's, and is honoured under --root too, so that tests on a fake root
# can watch the calls.
reload_daemons() {
    local u active=() systemctl=${PVECG_SYSTEMCTL:-}
    if [[ "$NO_RELOAD" -eq 1 ]]; then return 0; fi
    if [[ -z "$systemctl" ]]; then
        if [[ -n "$ROOT" ]]; then return 0; fi
        if ! systemctl=$(command -v systemctl); then
            msg "warning: systemctl not found; restart ${UNITS[*]} yourself"
            return 0
        fi
    fi
    for u in "${UNITS[@]}"; do
        if "$systemctl" is-active --quiet "$u.service"; then active+=("$u.service"); fi
    done
    if ((${#active[@]} == 0)); then return 0; fi
    if "$systemctl" reload-or-try-restart "${active[@]}"; then
        echo "reloaded: ${active[*]}"
    else
        msg "warning: reloading ${active[*]} failed; the new files are in place," \
            "restart these units yourself"
    fi
}
