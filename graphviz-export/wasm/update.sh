#!/usr/bin/env bash
# Updates the embedded Graphviz: downloads @viz-js/viz from the npm registry, extracts its
# WebAssembly module and the map of its minified names, and records the module's checksum.
# Maven cannot fetch npm packages, so the module is committed; run this (Node and npm needed) to
# move to another version, then run the diagram tests on both engines.
#   graphviz-export/wasm/update.sh [version]
set -euo pipefail
VERSION="${1:-3.31.0}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../src/main/resources/dev/adagio/graphviz/embedded"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "@viz-js/viz@$VERSION" >/dev/null && tar xzf viz-js-viz-"$VERSION".tgz)
grep -q "\"version\": \"$VERSION\"" "$WORK/package/package.json"
node "$HERE/extract.mjs" "$WORK/package" "$OUT"
(cd "$OUT" && sha256sum graphviz.wasm > graphviz.wasm.sha256)
echo "@viz-js/viz $VERSION" > "$OUT/VERSION"
echo "Updated to @viz-js/viz $VERSION: $(cat "$OUT/graphviz.wasm.sha256")"
