#!/usr/bin/env bash
# The lint gate (run by .ci/run): ESLint over every TypeScript/JavaScript file, Prettier's check
# of our TS/JS/JSON/Markdown, and perltidy over the hand-written Perl (the testkit harness and
# what host-delivery puts on a host) with the repository's .perltidyrc, the options the
# harness test (packages/testkit/test/perl/harnessSource.test.ts) holds those files to.
# Each tool reports on its own line; the script fails when any of them has a finding.
# Fix formatting with `pnpm format`; the generated files are skipped (see .prettierignore).
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
report() { # name, exit status
    if [ "$2" -eq 0 ]; then echo "lint: $1: clean"; else echo "lint: $1: FINDINGS (exit $2)"; status=1; fi
}

echo "--- eslint ."
pnpm exec eslint --max-warnings 0 .
report eslint $?

echo "--- prettier --check ."
pnpm exec prettier --check --log-level warn .
report prettier $?

echo "--- perltidy (hand-written Perl)"
tidy_status=0
if ! command -v perltidy >/dev/null; then
    echo "perltidy is not installed (bash scripts/setup.sh installs it)"
    tidy_status=2
else
    mapfile -t perl_files < <(
        find packages/testkit/perl/lib packages/host-delivery/perl -type f \( -name '*.pm' -o -name '*.pl' \) | sort
        echo packages/testkit/perl/driver.pl
        echo packages/host-delivery/perl/pve-chainguard-edit
    )
    for file in "${perl_files[@]}"; do
        if ! perltidy --profile=.perltidyrc -st -se "$file" | cmp -s - "$file"; then
            echo "not perltidy-clean: $file (perltidy --profile=.perltidyrc -b $file fixes it)"
            tidy_status=1
        fi
    done
    echo "${#perl_files[@]} Perl files checked"
fi
report perltidy "$tidy_status"

exit "$status"
