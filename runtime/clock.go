package runtime

import (
	"time"

	"github.com/protolite/protolite/runtime/internal/clock"
)

// SetClock makes timestamp rules (lt_now, gt_now, within) read the current
// time from now instead of time.Now, and returns a function that restores
// the previous clock. It is meant for tests:
// `defer runtime.SetClock(func() time.Time { return t0 })()`.
func SetClock(now func() time.Time) (restore func()) {
	return clock.Set(now)
}
