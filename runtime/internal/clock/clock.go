// Package clock is the time source of the timestamp rules lt_now, gt_now
// and within: runtime.SetClock sets it, the comparisons in package protoimpl
// read it.
package clock

import (
	"sync/atomic"
	"time"
)

// now is the clock; nil means time.Now.
var now atomic.Pointer[func() time.Time]

// Set makes Now call f, and returns a function that restores the previous
// clock.
func Set(f func() time.Time) (restore func()) {
	previous := now.Swap(&f)
	return func() { now.Store(previous) }
}

// Now returns the current time of the clock.
func Now() time.Time {
	if f := now.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}
