#!/usr/bin/env bash
# Builds the Node binding against an installed voxdesk, runs its test suite
# (node --test, TypeScript declarations included) and the example, and
# checks the example's output.
# Usage: bindings/node/test.sh PREFIX
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
PREFIX=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export VOXDESK_PREFIX="$PREFIX"

cd "$here"
# Pinned versions from package-lock.json; the addon is built below.
if [ ! -d node_modules/cmake-js ] || [ ! -d node_modules/typescript ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "::: npm ci" >&2
  npm ci --no-audit --no-fund --ignore-scripts >&2
fi
echo "::: build (cmake-js, against $PREFIX)" >&2
node scripts/build.js

echo "::: node --test" >&2
node --expose-gc --test test/

echo "::: examples/node/book.mjs" >&2
cd "$root/examples/node"
# The example imports 'voxdesk' as an installed package: npm links it here.
npm install --no-audit --no-fund --ignore-scripts >&2
out=$(node book.mjs "$root/examples/business/medical-practice.json")
printf '%s\n' "$out"
grep -q '^booked exam with [a-z]* at 2026-03-02T10:00:00-05:00, confirmation [A-Z0-9]*$' <<<"$out" &&
  grep -q '^second booking of that slot: slot unavailable$' <<<"$out" || {
  echo "unexpected example output" >&2
  exit 1
}
echo "::: node binding: all passed" >&2
