#!/usr/bin/env bash
# Prints the Go binding's benchmark figures as JSON lines on stdout:
# bindings.go.slots_overhead (one Slots call through the binding minus the
# same C calls, timed in the same process) and bindings.go.rss_growth_100k.
# Usage: bindings/go/bench.sh PREFIX
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
PREFIX=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=env.sh
. "$here/env.sh"

cd "$here"
mkdir -p bin
go build -o bin/voxdesk-bench ./cmd/voxdesk-bench >&2
bin/voxdesk-bench -business "$root/examples/business/medical-practice.json"
