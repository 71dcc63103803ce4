#!/usr/bin/env bash
# OciMirror quick start, offline, on 127.0.0.1 only:
#   1. installs docker-registry (Debian/Ubuntu, apt-get; sudo when not root) if missing,
#   2. builds the ocimirror CLI,
#   3. starts two throw-away registries (A and B) on free ports,
#   4. makes a tiny sample image as an OCI layout with tar/gzip/sha256sum and imports it into A,
#   5. exports it from A into a bundle directory and imports the bundle into B,
#   6. prints the digest in A and in B (they must be equal), then stops the registries.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. "$ROOT/scripts/lib.sh"

ocimirror_require docker-registry:docker-registry curl:curl

echo ">> building the CLI"
dotnet build "$ROOT/src/OciMirror.Cli/OciMirror.Cli.csproj" -c Release -nologo -v quiet
OCIMIRROR="$ROOT/src/OciMirror.Cli/bin/Release/net10.0/ocimirror"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ocimirror-quickstart.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT_A=$(ocimirror_free_port)
ocimirror_start_registry "$WORK/registry-a" "$PORT_A"
PIDS+=("$OCIMIRROR_REGISTRY_PID")
PORT_B=$(ocimirror_free_port)
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B=$(ocimirror_free_port); done
ocimirror_start_registry "$WORK/registry-b" "$PORT_B"
PIDS+=("$OCIMIRROR_REGISTRY_PID")
A=127.0.0.1:$PORT_A
B=127.0.0.1:$PORT_B
echo ">> registry A on $A, registry B on $B"

echo ">> making a sample image (OCI layout) with tar, gzip and sha256sum"
LAYOUT=$WORK/sample-layout
mkdir -p "$LAYOUT/blobs/sha256" "$WORK/rootfs"
echo "hello from the OciMirror quick start" >"$WORK/rootfs/hello.txt"
tar --sort=name --mtime='2024-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner -C "$WORK/rootfs" -cf "$WORK/layer.tar" hello.txt
DIFF_ID=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
gzip -n -9 <"$WORK/layer.tar" >"$WORK/layer.tar.gz"
add_blob() { # FILE -> prints "digest size", copies FILE into the layout
    local hex size
    hex=$(sha256sum "$1" | cut -d' ' -f1)
    size=$(stat -c %s "$1")
    cp "$1" "$LAYOUT/blobs/sha256/$hex"
    echo "$hex $size"
}
read -r LAYER_HEX LAYER_SIZE < <(add_blob "$WORK/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["cat","/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$DIFF_ID" >"$WORK/config.json"
read -r CONFIG_HEX CONFIG_SIZE < <(add_blob "$WORK/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$CONFIG_HEX" "$CONFIG_SIZE" "$LAYER_HEX" "$LAYER_SIZE" >"$WORK/manifest.json"
read -r MANIFEST_HEX MANIFEST_SIZE < <(add_blob "$WORK/manifest.json")
printf '{"imageLayoutVersion":"1.0.0"}' >"$LAYOUT/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"1.0"}}]}' \
    "$MANIFEST_HEX" "$MANIFEST_SIZE" >"$LAYOUT/index.json"

echo ">> seeding registry A: ocimirror import (a tag-only layout goes to the --to repository)"
"$OCIMIRROR" import "$LAYOUT" --to "$A/sample/hello" --plain-http

echo ">> ocimirror export $A/sample/hello:1.0 -o bundle"
"$OCIMIRROR" export "$A/sample/hello:1.0" -o "$WORK/bundle" --plain-http

echo ">> ocimirror import bundle --to $B"
"$OCIMIRROR" import "$WORK/bundle" --to "$B" --plain-http

ACCEPT='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'
digest_of() { curl -fsSI -H "Accept: $ACCEPT" "http://$1/v2/sample/hello/manifests/1.0" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}'; }
DIGEST_A=$(digest_of "$A")
DIGEST_B=$(digest_of "$B")
echo
echo "sample manifest    sha256:$MANIFEST_HEX"
echo "registry A         $A/sample/hello:1.0  $DIGEST_A"
echo "registry B         $B/sample/hello:1.0  $DIGEST_B"
if [ -n "$DIGEST_A" ] && [ "$DIGEST_A" = "$DIGEST_B" ] && [ "$DIGEST_A" = "sha256:$MANIFEST_HEX" ]; then
    echo "OK: identical digests"
else
    echo "FAILED: the digests differ" >&2
    exit 1
fi
