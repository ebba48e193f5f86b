#!/usr/bin/env bash
# Benchmarks the Node binding against an installed voxdesk: slots() overhead
# over the same C call in the same process, and RSS growth over 100k calls.
# stdout carries only JSON lines; logs go to stderr.
# Usage: bindings/node/bench.sh PREFIX
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
PREFIX=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
export VOXDESK_PREFIX="$PREFIX"

cd "$here"
if [ ! -d node_modules/cmake-js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts >&2
fi
# Always rebuilt against PREFIX (a no-op when nothing changed).
node scripts/build.js >&2
node --expose-gc bench/slots.mjs
