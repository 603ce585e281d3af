//go:build unix

package plugintest

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used, user and system, on
// every thread: benchmarks report it beside wall time, which a loaded
// machine inflates more, and which concurrent work makes smaller.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
