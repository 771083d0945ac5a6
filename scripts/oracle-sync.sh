#!/usr/bin/env bash
# The recorded vectors under oracle/ are copies of a recording made elsewhere. This is the one
# way they change (copy) and the way CI proves the copy current (check).
#   scripts/oracle-sync.sh copy  DIR   copy DIR/*.jsonl into oracle/ (review the diff, commit)
#   scripts/oracle-sync.sh check DIR   exit 1 when oracle/ and DIR hold different vector files
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 copy|check RECORDING_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1 src=$2
[ -d "$src" ] || { echo "$0: $src: no such directory" >&2; exit 2; }
shopt -s nullglob
recorded=("$src"/*.jsonl)
[ ${#recorded[@]} -gt 0 ] || { echo "$0: $src holds no *.jsonl vector files" >&2; exit 2; }

case $action in
copy)
    for f in "${recorded[@]}"; do
        install -m 0644 "$f" "oracle/$(basename "$f")"
        echo "copied $(basename "$f")"
    done
    echo "now review: git diff --stat oracle/"
    ;;
check)
    status=0
    for f in "${recorded[@]}"; do
        name=$(basename "$f")
        if [ ! -f "oracle/$name" ]; then
            echo "oracle/$name is missing (recorded in $src)"; status=1
        elif ! cmp -s "$f" "oracle/$name"; then
            echo "oracle/$name differs from $src/$name"; status=1
        fi
    done
    for f in oracle/*.jsonl; do
        [ -f "$src/$(basename "$f")" ] || { echo "$f is not in the recording $src"; status=1; }
    done
    [ $status -eq 0 ] && echo "oracle/ equals the recording in $src (${#recorded[@]} files)"
    [ $status -eq 0 ] || echo "update with: bash scripts/oracle-sync.sh copy $src"
    exit $status
    ;;
*) usage ;;
esac
