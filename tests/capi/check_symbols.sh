#!/usr/bin/env bash
# The shared library exports exactly the functions listed in abi/symbols.txt:
# nothing more (internals leaking) and nothing less (an ABI break).
set -euo pipefail
lib=$1 expected=$2
actual=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | grep -v '^VOXDESK_0$' | sort -u)
if ! diff -u "$expected" <(echo "$actual"); then
  echo "exported symbols differ from $expected (update it only for an intended, additive ABI change)" >&2
  exit 1
fi
echo "1 passed, 0 failed"
