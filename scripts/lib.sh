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
