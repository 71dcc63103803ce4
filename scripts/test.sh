#!/usr/bin/env bash
# Runs every test of the solution. Installs the external programs the integration tests use
# (docker-registry, skopeo; Debian/Ubuntu apt-get, sudo when not root) when they are missing.
# Exit code: that of 'dotnet test' (non-zero when a test failed or the build broke).
set -uo pipefail
cd "$(dirname "$0")/.."
. ./scripts/lib.sh

ocimirror_require docker-registry:docker-registry skopeo:skopeo curl:curl htpasswd:apache2-utils openssl:openssl || exit 1

LOG=$(mktemp "${TMPDIR:-/tmp}/ocimirror-test.XXXXXX.log")
trap 'rm -f "$LOG"' EXIT
dotnet test OciMirror.sln -nologo "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 37, Skipped: 0, Total: 37, ...".
awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
        line = $0
        gsub(/,/, "", line)
        n = split(line, f, /[ \t]+/)
        for (i = 1; i < n; i++) {
            if (f[i] == "Failed:") failed += f[i + 1]
            if (f[i] == "Passed:") passed += f[i + 1]
            if (f[i] == "Skipped:") skipped += f[i + 1]
        }
        found = 1
    }
    END { if (found) printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$LOG"
exit "$status"
