//go:build race

package voxdesk

// The race detector multiplies memory use, so RSS figures mean nothing there.
const raceEnabled = true
