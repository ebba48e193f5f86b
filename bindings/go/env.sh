# Sourced by test.sh and bench.sh: the Go toolchain and the installed core at
# $PREFIX (pkg-config finds voxdesk.pc; binaries get an rpath to the library).
export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "go is not installed" >&2; exit 1; }
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export CGO_ENABLED=1
export CGO_LDFLAGS="-Wl,-rpath,$PREFIX/lib${CGO_LDFLAGS:+ $CGO_LDFLAGS}"
export GOFLAGS="-mod=mod -buildvcs=false"
# Keep the two-core machine usable for others.
export GOMAXPROCS="${GOMAXPROCS:-2}"
pkg-config --exists voxdesk || { echo "voxdesk.pc not found under $PREFIX/lib/pkgconfig" >&2; exit 1; }
