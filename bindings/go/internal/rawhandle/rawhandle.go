// Package rawhandle lets the binding's own benchmark reach the C handle of a
// Business, which the public API never exposes.
package rawhandle

import "unsafe"

// Of returns the voxdesk_business* of a *voxdesk.Business (nil once closed).
// Package voxdesk sets it when it loads.
var Of func(business any) unsafe.Pointer
