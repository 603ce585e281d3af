package protoimpl

import (
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/protolite/protolite/runtime/internal/clock"
)

// Limits of google.protobuf.Duration and Timestamp, from their definitions.
const (
	maxDurationSeconds = 315_576_000_000
	minTimestampSecond = -62_135_596_800 // 0001-01-01T00:00:00Z
	maxTimestampSecond = 253_402_300_799 // 9999-12-31T23:59:59Z
)

// IsValidDuration reports whether d is a valid Duration: seconds within
// ±10,000 years, nanos within ±999,999,999 and of the same sign as seconds.
func IsValidDuration(d *durationpb.Duration) bool {
	s, n := d.GetSeconds(), d.GetNanos()
	switch {
	case s < -maxDurationSeconds || s > maxDurationSeconds:
		return false
	case n <= -1e9 || n >= 1e9:
		return false
	case s > 0 && n < 0 || s < 0 && n > 0:
		return false
	}
	return true
}

// CompareDuration compares d with the duration of seconds and nanos,
// returning -1, 0 or 1. Both must be valid.
func CompareDuration(d *durationpb.Duration, seconds int64, nanos int32) int {
	return compareSecondsNanos(d.GetSeconds(), d.GetNanos(), seconds, nanos)
}

// IsValidTimestamp reports whether ts is a valid Timestamp: between
// 0001-01-01 and 9999-12-31 UTC, nanos within [0, 999,999,999].
func IsValidTimestamp(ts *timestamppb.Timestamp) bool {
	s, n := ts.GetSeconds(), ts.GetNanos()
	return s >= minTimestampSecond && s <= maxTimestampSecond && n >= 0 && n < 1e9
}

// CompareTimestamp compares ts with the instant of seconds and nanos since
// the Unix epoch, returning -1, 0 or 1.
func CompareTimestamp(ts *timestamppb.Timestamp, seconds int64, nanos int32) int {
	return compareSecondsNanos(ts.GetSeconds(), ts.GetNanos(), seconds, nanos)
}

// CompareTimestampToNow compares ts with the current time (time.Now, or the
// clock runtime.SetClock set), returning -1 when ts is in the past, 1 in the
// future.
func CompareTimestampToNow(ts *timestamppb.Timestamp) int {
	now := clock.Now()
	return compareSecondsNanos(ts.GetSeconds(), ts.GetNanos(), now.Unix(), int32(now.Nanosecond()))
}

// TimestampWithin reports whether ts lies within the duration of seconds
// and nanos of the current time, either side.
func TimestampWithin(ts *timestamppb.Timestamp, seconds int64, nanos int32) bool {
	now := clock.Now()
	ds := ts.GetSeconds() - now.Unix()
	dn := int64(ts.GetNanos()) - int64(now.Nanosecond())
	if ds < 0 || ds == 0 && dn < 0 {
		ds, dn = -ds, -dn
	}
	if dn < 0 {
		ds, dn = ds-1, dn+1e9
	}
	return compareSecondsNanos(ds, int32(dn), seconds, nanos) <= 0
}

func compareSecondsNanos(s1 int64, n1 int32, s2 int64, n2 int32) int {
	switch {
	case s1 < s2:
		return -1
	case s1 > s2:
		return 1
	case n1 < n2:
		return -1
	case n1 > n2:
		return 1
	}
	return 0
}
