#!/usr/bin/env bash
# doctest_discover_tests splits test names at ';' (a CMake list separator),
# so such a test would register under a truncated name that runs nothing.
set -euo pipefail
bad=$(grep -rn 'TEST_CASE("[^"]*;' "$1" || true)
if [ -n "$bad" ]; then
  echo "test names must not contain ';':" >&2
  echo "$bad" >&2
  exit 1
fi
echo "1 passed, 0 failed"
