package runtime

import (
	"testing"

	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// TestMaskCoreReasons checks that the field-mask core reports the reasons
// this package documents.
func TestMaskCoreReasons(t *testing.T) {
	if maskcore.ReasonInvalidPath != ReasonInvalidMaskPath {
		t.Errorf("maskcore.ReasonInvalidPath = %q, want %q", maskcore.ReasonInvalidPath, ReasonInvalidMaskPath)
	}
	if maskcore.ReasonImmutable != ReasonImmutable {
		t.Errorf("maskcore.ReasonImmutable = %q, want %q", maskcore.ReasonImmutable, ReasonImmutable)
	}
}
