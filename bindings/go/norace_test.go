//go:build !race

package voxdesk

const raceEnabled = false
