# Shared helpers for the scripts in this folder (sourced, not run).

# Runs apt-get as root, or through sudo when not root.
ocimirror_apt() {
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get "$@"
    else
        sudo DEBIAN_FRONTEND=noninteractive apt-get "$@"
    fi
}

# Installs the Debian packages whose command is missing: ocimirror_require CMD:PACKAGE...
ocimirror_require() {
    local missing=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo ">> installing ${missing[*]}" >&2
        ocimirror_apt update -qq
        ocimirror_apt install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# Prints a TCP port on 127.0.0.1 that nobody listens on.
ocimirror_free_port() {
    local port
    while :; do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# Starts docker-registry on 127.0.0.1:PORT with storage under DIR and waits until it answers; sets
# OCIMIRROR_REGISTRY_PID (not a command substitution, so that the caller's shell owns and reaps it).
# Usage: ocimirror_start_registry DIR PORT
ocimirror_start_registry() {
    local dir=$1 port=$2 i
    mkdir -p "$dir/data"
    cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    OCIMIRROR_REGISTRY_PID=$!
    for i in $(seq 1 100); do
        if curl -fs -o /dev/null "http://127.0.0.1:$port/v2/"; then
            return 0
        fi
        sleep 0.1
    done
    echo "docker-registry did not start on port $port; its log:" >&2
    cat "$dir/registry.log" >&2
    return 1
}

# Installs the Debian packages that are not installed (dpkg status), for packages that add no command
# of their own: ocimirror_require_packages PACKAGE...
ocimirror_require_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo ">> installing ${missing[*]}" >&2
        ocimirror_apt update -qq
        ocimirror_apt install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

OCIMIRROR_PWSH_VERSION=7.6.10
OCIMIRROR_PESTER_VERSION=5.9.1

# Puts PowerShell $OCIMIRROR_PWSH_VERSION on PATH as the .NET global tool 'PowerShell' (~/.dotnet/tools/pwsh),
# installing or replacing it when another version (or none) is there. Always with --version: without it
# the tool resolves to 7.7.0, which does not run here.
ocimirror_require_pwsh() {
    export PATH="$HOME/.dotnet/tools:$PATH"
    local installed
    installed=$(dotnet tool list --global 2>/dev/null | awk 'tolower($1) == "powershell" { print $2 }')
    if [ "$installed" != "$OCIMIRROR_PWSH_VERSION" ]; then
        echo ">> installing PowerShell $OCIMIRROR_PWSH_VERSION (dotnet global tool)" >&2
        if [ -n "$installed" ]; then
            dotnet tool uninstall --global PowerShell >/dev/null || return 1
        fi
        dotnet tool install --global PowerShell --version "$OCIMIRROR_PWSH_VERSION" >/dev/null || return 1
    fi
}

# Makes Pester $OCIMIRROR_PESTER_VERSION importable in pwsh: restores the NuGet package (a PackageDownload in
# scripts/pester) and links its tools/ folder as Pester/<version> into pwsh's user module path.
ocimirror_require_pester() {
    local modules="${XDG_DATA_HOME:-$HOME/.local/share}/powershell/Modules/Pester"
    local target="$modules/$OCIMIRROR_PESTER_VERSION"
    if [ -f "$target/Pester.psd1" ]; then
        return 0
    fi
    echo ">> installing Pester $OCIMIRROR_PESTER_VERSION (NuGet package)" >&2
    local here cache
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    dotnet restore "$here/pester/PesterDownload.csproj" -nologo -v q >/dev/null || return 1
    cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
    if [ ! -f "$cache/pester/$OCIMIRROR_PESTER_VERSION/tools/Pester.psd1" ]; then
        echo "Pester $OCIMIRROR_PESTER_VERSION was restored but $cache/pester/$OCIMIRROR_PESTER_VERSION/tools/Pester.psd1 is missing" >&2
        return 1
    fi
    mkdir -p "$modules"
    ln -sfn "$cache/pester/$OCIMIRROR_PESTER_VERSION/tools" "$target"
}
