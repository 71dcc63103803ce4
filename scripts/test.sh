#!/usr/bin/env bash
# Runs every test of the project: the xunit tests of the solution (dotnet test, including the hosted-runspace
# PowerShell tests), the Pester tests in PowerShell 7.6.10 against the staged module (build.ps1 -Task
# Build,Test), and the Core tests built for .NET Framework 4.7.2 under Mono (the stand-in for Windows
# PowerShell 5.1). Installs what they need when it is missing: docker-registry, skopeo, curl, htpasswd,
# openssl, mono (Debian/Ubuntu apt-get, sudo when not root), pwsh (.NET global tool) and Pester (NuGet).
# Extra arguments go to 'dotnet test' and then only the xunit tests run (./scripts/test.sh --filter RoundTrip).
# Closes with one line per part and a last line 'N passed, N failed, N skipped' over all of them.
# Exit code: non-zero when a test failed or a build broke.
set -uo pipefail
cd "$(dirname "$0")/.."
. ./scripts/lib.sh

ocimirror_require docker-registry:docker-registry skopeo:skopeo curl:curl htpasswd:apache2-utils openssl:openssl mono:mono-runtime || exit 1
ocimirror_require_packages mono-devel || exit 1
ocimirror_require_pwsh || exit 1
ocimirror_require_pester || exit 1

LOG=$(mktemp "${TMPDIR:-/tmp}/ocimirror-test.XXXXXX.log")
trap 'rm -f "$LOG"' EXIT
status=0

dotnet test OciMirror.sln -nologo "$@" 2>&1 | tee "$LOG"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ "$#" -eq 0 ]; then
    # Pester: build.ps1 stages the module (Release), builds the MAML help and runs tests/Pester in a child pwsh.
    pwsh -NoProfile -NonInteractive -File ./build.ps1 -Task Build,Test 2>&1 | tee -a "$LOG"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1

    # Mono: tests/OciMirror.Framework.Tests (net472) with xunit's console runner. 'dotnet test' does not build
    # it (it is not a VSTest project), so it is built here.
    # Excluded: two tests whose expectations are not about Core on .NET Framework: xunit.assert 2.9.3 under
    # Mono fails Assert.Equal(enum[], List<enum>) with equal items, and Mono's zlib compresses the .tgz
    # smaller than the size window that test allows for .NET's.
    dotnet build tests/OciMirror.Framework.Tests -nologo -v q 2>&1 | tee -a "$LOG"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    runner="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')/xunit.runner.console/2.4.1/tools/net472/xunit.console.exe"
    mono "$runner" tests/OciMirror.Framework.Tests/bin/Debug/net472/OciMirror.Framework.Tests.dll -noappdomain -noshadow \
        -nomethod 'OciMirror.Core.Tests.Archive.BundleEntryNameTests.ClassifiesEntriesOfADockerSaveStyleArchive' \
        -nomethod 'OciMirror.Core.Tests.Operations.ExportArchiveTests.Tgz_HasOneGzipMemberPerEntry_StoredForGzipLayers_DeflatedForOthers' \
        2>&1 | tee -a "$LOG"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 37, Skipped: 0, Total: 37, ...";
# build.ps1 prints "Pester: 40 passed, 0 failed, 0 skipped"; xunit's console runner prints
# "   OciMirror.Framework.Tests  Total: 503, Errors: 0, Failed: 0, Skipped: 0, Time: 30.8s".
awk '
    function count(line, key,    n, f, i, v) {
        gsub(/,/, "", line)
        n = split(line, f, /[ \t]+/)
        for (i = 1; i < n; i++) if (f[i] == key) v += f[i + 1]
        return v
    }
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
        xp += count($0, "Passed:"); xf += count($0, "Failed:"); xs += count($0, "Skipped:"); xunit = 1
    }
    /^Pester: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped/ {
        split($0, f, /[ ,]+/); pp += f[2]; pf += f[4]; ps += f[6]; pester = 1
    }
    /^ +OciMirror\.Framework\.Tests +Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+/ {
        t = count($0, "Total:"); e = count($0, "Errors:"); f2 = count($0, "Failed:"); s = count($0, "Skipped:")
        mf += e + f2; ms += s; mp += t - f2 - s; mono = 1
    }
    END {
        if (xunit) printf "xunit: %d passed, %d failed, %d skipped\n", xp, xf, xs
        if (pester) printf "pester: %d passed, %d failed, %d skipped\n", pp, pf, ps
        if (mono) printf "mono: %d passed, %d failed, %d skipped\n", mp, mf, ms
        if (xunit || pester || mono) printf "%d passed, %d failed, %d skipped\n", xp + pp + mp, xf + pf + mf, xs + ps + ms
    }
' "$LOG"
exit "$status"
