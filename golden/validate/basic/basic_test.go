package basic

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/protolite/protolite/golden/validate/other"
	_ "github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

// validator is what every generated message offers.
type validator interface {
	proto.Message
	Validate() error
	ValidateAll() error
}

// violation is the part of a FieldViolation that tests compare.
type violation struct{ Field, Reason string }

// violationsOf returns the violations of err, which must be nil or a
// *runtime.ValidationError.
func violationsOf(t *testing.T, err error) []violation {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *runtime.ValidationError
	require.True(t, errors.As(err, &verr), "error %T is not a *runtime.ValidationError", err)
	var out []violation
	for _, v := range verr.Violations() {
		assert.NotEmpty(t, v.Description, "violation of %s has no description", v.Field)
		out = append(out, violation{v.Field, v.Reason})
	}
	return out
}

// ruleCase is one input and the violations ValidateAll must report.
type ruleCase struct {
	name string
	msg  validator
	want []violation
}

// runCases checks ValidateAll's violations and that Validate reports
// exactly ValidateAll's first.
func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			all := violationsOf(t, tc.msg.ValidateAll())
			assert.Equal(t, tc.want, all)
			first := violationsOf(t, tc.msg.Validate())
			if len(tc.want) == 0 {
				assert.Empty(t, first)
			} else {
				assert.Equal(t, tc.want[:1], first)
			}
		})
	}
}

func v(field, reason string) violation { return violation{field, reason} }

func validNumbers() *Numbers {
	return &Numbers{
		I32: 50, I64: 11, U32: 1, U64: 5, S32: -5, S64: -1, F64: 5, Sf32: 0,
		Sf64: 100, Ratio: 0.5, Score: 1, Weight: 1, Limit: 1,
	}
}

func numbers(edit func(n *Numbers)) *Numbers {
	n := validNumbers()
	edit(n)
	return n
}

func TestNumericRules(t *testing.T) {
	runCases(t, []ruleCase{
		{"valid", validNumbers(), nil},
		{"gte_lte lower bound", numbers(func(n *Numbers) { n.I32 = 1 }), nil},
		{"gte_lte upper bound", numbers(func(n *Numbers) { n.I32 = 100 }), nil},
		{"gte_lte below", numbers(func(n *Numbers) { n.I32 = 0 }), []violation{v("i32", "INT32_GTE_LTE")}},
		{"gte_lte above", numbers(func(n *Numbers) { n.I32 = 101 }), []violation{v("i32", "INT32_GTE_LTE")}},
		{"exclusive range above", numbers(func(n *Numbers) { n.I64 = 11 }), nil},
		{"exclusive range below", numbers(func(n *Numbers) { n.I64 = 4 }), nil},
		{"exclusive range gap low edge", numbers(func(n *Numbers) { n.I64 = 5 }), []violation{v("i64", "INT64_GT_LT_EXCLUSIVE")}},
		{"exclusive range gap high edge", numbers(func(n *Numbers) { n.I64 = 10 }), []violation{v("i64", "INT64_GT_LT_EXCLUSIVE")}},
		{"in", numbers(func(n *Numbers) { n.U32 = 4 }), []violation{v("u32", "UINT32_IN")}},
		{"not_in zero", numbers(func(n *Numbers) { n.U64 = 0 }), []violation{v("u64", "UINT64_NOT_IN")}},
		{"not_in", numbers(func(n *Numbers) { n.U64 = 13 }), []violation{v("u64", "UINT64_NOT_IN")}},
		{"const", numbers(func(n *Numbers) { n.S32 = 5 }), []violation{v("s32", "SINT32_CONST")}},
		{"lt zero", numbers(func(n *Numbers) { n.S64 = 0 }), []violation{v("s64", "SINT64_LT")}},
		{"lt min", numbers(func(n *Numbers) { n.S64 = math.MinInt64 }), nil},
		{"ignore_empty zero", numbers(func(n *Numbers) { n.F32 = 0 }), nil},
		{"ignore_empty set", numbers(func(n *Numbers) { n.F32 = 9 }), []violation{v("f32", "FIXED32_GTE")}},
		{"lte", numbers(func(n *Numbers) { n.F64 = 1001 }), []violation{v("f64", "FIXED64_LTE")}},
		{"gt_lt", numbers(func(n *Numbers) { n.Sf32 = -10 }), []violation{v("sf32", "SFIXED32_GT_LT")}},
		{"gte_lte exclusive edge", numbers(func(n *Numbers) { n.Sf64 = -100 }), nil},
		{"gte_lte exclusive gap", numbers(func(n *Numbers) { n.Sf64 = 0 }), []violation{v("sf64", "SFIXED64_GTE_LTE_EXCLUSIVE")}},
		{"float NaN fails range", numbers(func(n *Numbers) { n.Ratio = float32(math.NaN()) }), []violation{v("ratio", "FLOAT_GTE_LTE")}},
		{"float above", numbers(func(n *Numbers) { n.Ratio = 1.0001 }), []violation{v("ratio", "FLOAT_GTE_LTE")}},
		{"negative zero in range", numbers(func(n *Numbers) { n.Ratio = float32(math.Copysign(0, -1)) }), nil},
		{"NaN is not finite, passes not_in", numbers(func(n *Numbers) { n.Score = math.NaN() }), []violation{v("score", "DOUBLE_FINITE")}},
		{"infinity is not finite", numbers(func(n *Numbers) { n.Score = math.Inf(-1) }), []violation{v("score", "DOUBLE_FINITE")}},
		{"double not_in", numbers(func(n *Numbers) { n.Score = 13.5 }), []violation{v("score", "DOUBLE_NOT_IN")}},
		{"NaN fails in", numbers(func(n *Numbers) { n.Weight = math.NaN() }), []violation{v("weight", "DOUBLE_IN")}},
		{"double in", numbers(func(n *Numbers) { n.Weight = 1.5 }), nil},
		{"optional unset", numbers(func(n *Numbers) { n.Opt = nil }), nil},
		{"optional set to zero is checked", numbers(func(n *Numbers) { n.Opt = proto.Int32(0) }), []violation{v("opt", "INT32_GT")}},
		{"lt infinity", numbers(func(n *Numbers) { n.Limit = float32(math.Inf(1)) }), []violation{v("limit", "FLOAT_LT")}},
		{"several fields in declaration order", numbers(func(n *Numbers) { n.I32, n.U32, n.Weight = 0, 0, 0 }),
			[]violation{v("i32", "INT32_GTE_LTE"), v("u32", "UINT32_IN"), v("weight", "DOUBLE_IN")}},
	})
}

func validStrings() *Strings {
	return &Strings{Name: "héllo", Code: "日本語", Raw: "é", Slug: "a-1", Path: "/my/data.txt", Color: "red", Greeting: "hello"}
}

func strs(edit func(s *Strings)) *Strings {
	s := validStrings()
	edit(s)
	return s
}

func TestStringRules(t *testing.T) {
	runCases(t, []ruleCase{
		{"valid with multi-byte characters", validStrings(), nil},
		{"min_len", strs(func(s *Strings) { s.Name = "" }), []violation{v("name", "STRING_MIN_LEN")}},
		{"max_len counts code points", strs(func(s *Strings) { s.Name = "ééééé" }), nil},
		{"max_len", strs(func(s *Strings) { s.Name = "héllos" }), []violation{v("name", "STRING_MAX_LEN")}},
		{"len too short in bytes", strs(func(s *Strings) { s.Code = "ab" }), []violation{v("code", "STRING_LEN")}},
		{"len too long in code points", strs(func(s *Strings) { s.Code = "abcd" }), []violation{v("code", "STRING_LEN")}},
		{"len of 3 bytes but 1 code point", strs(func(s *Strings) { s.Code = "語" }), []violation{v("code", "STRING_LEN")}},
		{"min_bytes", strs(func(s *Strings) { s.Raw = "a" }), []violation{v("raw", "STRING_MIN_BYTES")}},
		{"max_bytes", strs(func(s *Strings) { s.Raw = "ééé√" }), []violation{v("raw", "STRING_MAX_BYTES")}},
		{"len_bytes ignored when empty", strs(func(s *Strings) { s.ExactBytes = "" }), nil},
		{"len_bytes", strs(func(s *Strings) { s.ExactBytes = "abc" }), []violation{v("exact_bytes", "STRING_LEN_BYTES")}},
		{"pattern", strs(func(s *Strings) { s.Slug = "Not a slug" }), []violation{v("slug", "STRING_PATTERN")}},
		{"prefix suffix contains not_contains", strs(func(s *Strings) { s.Path = "x/../y" }),
			[]violation{v("path", "STRING_PREFIX"), v("path", "STRING_SUFFIX"), v("path", "STRING_CONTAINS"), v("path", "STRING_NOT_CONTAINS")}},
		{"in", strs(func(s *Strings) { s.Color = "Red" }), []violation{v("color", "STRING_IN")}},
		{"not_in", strs(func(s *Strings) { s.Word = "root" }), []violation{v("word", "STRING_NOT_IN")}},
		{"const", strs(func(s *Strings) { s.Greeting = "hello " }), []violation{v("greeting", "STRING_CONST")}},
		{"optional unset", strs(func(s *Strings) { s.Nickname = nil }), nil},
		{"optional set", strs(func(s *Strings) { s.Nickname = proto.String("abcd") }), []violation{v("nickname", "STRING_MAX_LEN")}},
		{"optional set empty is checked", strs(func(s *Strings) { s.Nickname = proto.String("") }), nil},
	})
}

func validBytes() *Bytes {
	return &Bytes{Data: []byte{1}, Token: []byte("ab"), Blob: []byte("fe\x00"), Key: []byte("k")}
}

func byts(edit func(b *Bytes)) *Bytes {
	b := validBytes()
	edit(b)
	return b
}

func TestBytesRules(t *testing.T) {
	runCases(t, []ruleCase{
		{"valid", validBytes(), nil},
		{"min_len", byts(func(b *Bytes) { b.Data = nil }), []violation{v("data", "BYTES_MIN_LEN")}},
		{"max_len", byts(func(b *Bytes) { b.Data = make([]byte, 5) }), []violation{v("data", "BYTES_MAX_LEN")}},
		{"prefix ignored when empty", byts(func(b *Bytes) { b.Magic = nil }), nil},
		{"prefix", byts(func(b *Bytes) { b.Magic = []byte("GIF8") }), []violation{v("magic", "BYTES_PREFIX")}},
		{"prefix ok", byts(func(b *Bytes) { b.Magic = []byte("\x89PNG\r\n") }), nil},
		{"len and in", byts(func(b *Bytes) { b.Token = []byte("abc") }), []violation{v("token", "BYTES_LEN"), v("token", "BYTES_IN")}},
		{"in", byts(func(b *Bytes) { b.Token = []byte("zz") }), []violation{v("token", "BYTES_IN")}},
		{"pattern suffix contains", byts(func(b *Bytes) { b.Blob = []byte("xyz") }),
			[]violation{v("blob", "BYTES_PATTERN"), v("blob", "BYTES_SUFFIX"), v("blob", "BYTES_CONTAINS")}},
		{"not_in", byts(func(b *Bytes) { b.Blob = []byte("\x00") }),
			[]violation{v("blob", "BYTES_CONTAINS"), v("blob", "BYTES_NOT_IN")}},
		{"ip 4 bytes", byts(func(b *Bytes) { b.Addr = []byte{127, 0, 0, 1} }), nil},
		{"ip 16 bytes", byts(func(b *Bytes) { b.Addr = make([]byte, 16) }), nil},
		{"ip 5 bytes", byts(func(b *Bytes) { b.Addr = make([]byte, 5) }), []violation{v("addr", "BYTES_IP")}},
		{"const", byts(func(b *Bytes) { b.Key = []byte("K") }), []violation{v("key", "BYTES_CONST")}},
	})
}

func TestBoolAndEnumRules(t *testing.T) {
	valid := func() *Flags {
		return &Flags{Accepted: true, Status: Status_STATUS_ACTIVE, Pinned: Status_STATUS_ACTIVE, Allowed: Status_STATUS_SUSPENDED}
	}
	flags := func(edit func(f *Flags)) *Flags { f := valid(); edit(f); return f }
	runCases(t, []ruleCase{
		{"valid", valid(), nil},
		{"bool const", flags(func(f *Flags) { f.Accepted = false }), []violation{v("accepted", "BOOL_CONST")}},
		{"undefined value", flags(func(f *Flags) { f.Status = 7 }), []violation{v("status", "ENUM_DEFINED_ONLY")}},
		{"not_in", flags(func(f *Flags) { f.Status = Status_STATUS_UNSPECIFIED }), []violation{v("status", "ENUM_NOT_IN")}},
		{"const", flags(func(f *Flags) { f.Pinned = Status_STATUS_SUSPENDED }), []violation{v("pinned", "ENUM_CONST")}},
		{"in", flags(func(f *Flags) { f.Allowed = 0 }), []violation{v("allowed", "ENUM_IN")}},
	})
}

func validUser() *User {
	return &User{
		Id:       "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
		Home:     &other.Address{City: "Zürich", CountryCode: "CH"},
		Profile:  &Profile{DisplayName: "Ada", Manager: &Profile{DisplayName: "Grace"}},
		Tags:     []string{"go", "grpc"},
		Friends:  []*Profile{{DisplayName: "Linus"}},
		Scores:   map[string]int32{"math": 1, "art": 2, "go": 3},
		ById:     map[int64]*Profile{42: {DisplayName: "Ken"}},
		Switches: map[bool]string{true: "on"},
		Contact:  &User_Phone{Phone: "+41441234567"},
		Skipped:  &Profile{},
		Labels:   map[uint32]string{1: "a"},
	}
}

func user(edit func(u *User)) *User {
	u := validUser()
	edit(u)
	return u
}

func TestNestedRepeatedMapAndOneof(t *testing.T) {
	runCases(t, []ruleCase{
		{"valid", validUser(), nil},
		{"format on string", user(func(u *User) { u.Id = "not-a-uuid" }), []violation{v("id", "STRING_UUID")}},
		{"required message", user(func(u *User) { u.Home = nil }), []violation{v("home", "REQUIRED")}},
		{"message of another package", user(func(u *User) { u.Home.CountryCode = "ch" }), []violation{v("home.country_code", "STRING_PATTERN")}},
		{"recursive type", user(func(u *User) { u.Profile.Manager.Manager = &Profile{Reports: []*Profile{{}, {DisplayName: "x"}, {}}} }),
			[]violation{
				v("profile.manager.manager.display_name", "STRING_MIN_LEN"),
				v("profile.manager.manager.reports[0].display_name", "STRING_MIN_LEN"),
				v("profile.manager.manager.reports[2].display_name", "STRING_MIN_LEN"),
			}},
		{"min_items", user(func(u *User) { u.Tags = nil }), []violation{v("tags", "REPEATED_MIN_ITEMS")}},
		{"max_items, unique and items", user(func(u *User) { u.Tags = []string{"go", "x", "go", "rust"} }),
			[]violation{v("tags", "REPEATED_MAX_ITEMS"), v("tags[2]", "REPEATED_UNIQUE"), v("tags[1]", "STRING_MIN_LEN")}},
		{"repeated messages by index", user(func(u *User) { u.Friends = []*Profile{{DisplayName: "a"}, {}, nil, {}} }),
			[]violation{v("friends[1].display_name", "STRING_MIN_LEN"), v("friends[3].display_name", "STRING_MIN_LEN")}},
		{"map keys sorted, key before value", user(func(u *User) {
			u.Scores = map[string]int32{"zz": -1, "b": -2, "a": 5, "ok": 1, "m": 0}
		}), []violation{
			v(`scores["a"]`, "STRING_MIN_LEN"),
			v(`scores["b"]`, "STRING_MIN_LEN"), v(`scores["b"]`, "INT32_GTE"),
			v(`scores["m"]`, "STRING_MIN_LEN"),
			v(`scores["zz"]`, "INT32_GTE"),
		}},
		{"min_pairs", user(func(u *User) { u.Scores = nil }), []violation{v("scores", "MAP_MIN_PAIRS")}},
		{"no_sparse and nested map values by integer key", user(func(u *User) { u.ById = map[int64]*Profile{42: nil, -7: {}, 3: {DisplayName: "ok"}} }),
			[]violation{v("by_id[-7].display_name", "STRING_MIN_LEN"), v("by_id[42]", "MAP_NO_SPARSE")}},
		{"bool keys, false first", user(func(u *User) { u.Switches = map[bool]string{true: "", false: ""} }),
			[]violation{v("switches[false]", "STRING_MIN_LEN"), v("switches[true]", "STRING_MIN_LEN")}},
		{"oneof required", user(func(u *User) { u.Contact = nil }), []violation{v("contact", "ONEOF_REQUIRED")}},
		{"oneof member checked even when empty", user(func(u *User) { u.Contact = &User_Email{} }), []violation{v("email", "STRING_EMAIL")}},
		{"oneof member ok", user(func(u *User) { u.Contact = &User_Email{Email: "ada@example.com"} }), nil},
		{"oneof message member", user(func(u *User) { u.Contact = &User_Alt{Alt: &Profile{}} }), []violation{v("alt.display_name", "STRING_MIN_LEN")}},
		{"skip", user(func(u *User) { u.Skipped = &Profile{} }), nil},
		{"repeated enum items", user(func(u *User) { u.Statuses = []Status{1, 9} }), []violation{v("statuses[1]", "ENUM_DEFINED_ONLY")}},
		{"uint keys sorted numerically", user(func(u *User) { u.Labels = map[uint32]string{200: "x", 100: "abcd", 20: "abcd"} }),
			[]violation{v("labels[20]", "STRING_MAX_LEN"), v("labels[100]", "UINT32_LT"), v("labels[100]", "STRING_MAX_LEN"), v("labels[200]", "UINT32_LT")}},
		{"declaration order across kinds", user(func(u *User) {
			u.Id, u.Home, u.Contact = "", nil, nil
		}), []violation{v("id", "STRING_UUID"), v("home", "REQUIRED"), v("contact", "ONEOF_REQUIRED")}},
	})
}

func TestWrappersAndWellKnownTypes(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	defer runtime.SetClock(func() time.Time { return now })()

	runCases(t, []ruleCase{
		{"wrappers unset except required", &Wrappers{Agreed: wrapperspb.Bool(true)}, nil},
		{"wrapper required", &Wrappers{}, []violation{v("agreed", "REQUIRED")}},
		{"wrapper value", &Wrappers{Age: wrapperspb.Int32(151), Title: wrapperspb.String("Dr. med."), Agreed: wrapperspb.Bool(false)},
			[]violation{v("age", "INT32_GTE_LTE"), v("title", "STRING_MAX_LEN"), v("agreed", "BOOL_CONST")}},
		{"wrapper zero value is checked", &Wrappers{Age: wrapperspb.Int32(0), Agreed: wrapperspb.Bool(true)}, nil},
	})

	valid := func() *Times {
		return &Times{
			Timeout: durationpb.New(30 * time.Second),
			Ttl:     durationpb.New(time.Hour),
			Created: timestamppb.New(now.Add(-time.Minute)),
			Expires: timestamppb.New(now.Add(30 * time.Minute)),
			Epoch:   timestamppb.New(time.Unix(0, 0)),
			Detail:  mustAny(t, durationpb.New(time.Second)),
		}
	}
	times := func(edit func(x *Times)) *Times { x := valid(); edit(x); return x }
	runCases(t, []ruleCase{
		{"valid", valid(), nil},
		{"duration range", times(func(x *Times) { x.Timeout = durationpb.New(0) }), []violation{v("timeout", "DURATION_GT_LTE")}},
		{"duration above", times(func(x *Times) { x.Timeout = durationpb.New(30*time.Second + 1) }), []violation{v("timeout", "DURATION_GT_LTE")}},
		{"duration invalid is a violation", times(func(x *Times) { x.Timeout = &durationpb.Duration{Seconds: 1, Nanos: -1} }), []violation{v("timeout", "DURATION_INVALID")}},
		{"duration required", times(func(x *Times) { x.Ttl = nil }), []violation{v("ttl", "REQUIRED")}},
		{"duration in", times(func(x *Times) { x.Ttl = durationpb.New(time.Minute + 1) }), []violation{v("ttl", "DURATION_IN")}},
		{"timestamp lt_now", times(func(x *Times) { x.Created = timestamppb.New(now) }), []violation{v("created", "TIMESTAMP_LT_NOW")}},
		{"timestamp within", times(func(x *Times) { x.Expires = timestamppb.New(now.Add(-61 * time.Minute)) }), []violation{v("expires", "TIMESTAMP_WITHIN")}},
		{"timestamp within edge", times(func(x *Times) { x.Expires = timestamppb.New(now.Add(-time.Hour)) }), nil},
		{"timestamp gte", times(func(x *Times) { x.Epoch = timestamppb.New(time.Unix(-1, 999999999)) }), []violation{v("epoch", "TIMESTAMP_GTE")}},
		{"timestamp invalid", times(func(x *Times) { x.Epoch = &timestamppb.Timestamp{Nanos: 2e9} }), []violation{v("epoch", "TIMESTAMP_INVALID")}},
		{"any in", times(func(x *Times) { x.Detail = mustAny(t, timestamppb.New(now)) }), []violation{v("detail", "ANY_IN")}},
	})
}

func mustAny(t *testing.T, m proto.Message) *anypb.Any {
	a, err := anypb.New(m)
	require.NoError(t, err)
	return a
}

func TestPlainDisabledAndIgnored(t *testing.T) {
	assert.NoError(t, (&Plain{}).Validate())
	assert.NoError(t, (&Off{}).ValidateAll())
	runCases(t, []ruleCase{
		{"disabled and ignored nested messages are not validated", &Holder{Off: &Off{}, Hidden: &Hidden{}}, nil},
		{"own rules still apply", &Holder{Note: "far too long"}, []violation{v("note", "STRING_MAX_LEN")}},
	})
	_, hasValidate := any(&Hidden{}).(interface{ Validate() error })
	assert.False(t, hasValidate, "an ignored message gets no Validate method")
}

func TestNilMessageIsValid(t *testing.T) {
	var u *User
	assert.NoError(t, u.Validate())
	assert.NoError(t, u.ValidateAll())
}

func TestErrorIsABadRequestStatus(t *testing.T) {
	err := user(func(u *User) { u.Id, u.Tags = "", nil }).ValidateAll()
	require.Error(t, err)
	st, ok := status.FromError(fmt.Errorf("handler: %w", err))
	require.True(t, ok)
	assert.Equal(t, codes.InvalidArgument, st.Code())
	var badRequests []*errdetails.BadRequest
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			badRequests = append(badRequests, br)
		}
	}
	require.Len(t, badRequests, 1)
	fvs := badRequests[0].GetFieldViolations()
	require.Len(t, fvs, 2)
	assert.Equal(t, "id", fvs[0].GetField())
	assert.Equal(t, "STRING_UUID", fvs[0].GetReason())
	assert.Equal(t, "must be a valid UUID", fvs[0].GetDescription())
	assert.Equal(t, "tags", fvs[1].GetField())
	assert.Equal(t, "must have at least 1 item", fvs[1].GetDescription())

	prefixed := runtime.PrefixFields(err, "user")
	assert.Equal(t, []violation{v("user.id", "STRING_UUID"), v("user.tags", "REPEATED_MIN_ITEMS")}, violationsOf(t, prefixed))
}

// TestValidMessagesDoNotAllocate holds the contract's promise: a valid
// message costs no heap allocation, maps, patterns and formats included.
func TestValidMessagesDoNotAllocate(t *testing.T) {
	now := time.Now()
	for name, msg := range map[string]validator{
		"User":    validUser(),
		"Numbers": validNumbers(),
		"Strings": validStrings(),
		"Bytes":   validBytes(),
		"Times": &Times{
			Timeout: durationpb.New(time.Second), Ttl: durationpb.New(time.Hour),
			Created: timestamppb.New(now.Add(-time.Hour)), Expires: timestamppb.New(now),
		},
	} {
		require.NoError(t, msg.ValidateAll(), name)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = msg.Validate() }), "%s.Validate allocates", name)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = msg.ValidateAll() }), "%s.ValidateAll allocates", name)
	}
}

// TestFirstViolationOfEachFamilyDoesNotAllocate pins, for each kind of rule
// on a message's own field, that Validate's first violation is prebuilt:
// the same error each call, no allocation (docs/validation.md says so).
func TestFirstViolationOfEachFamilyDoesNotAllocate(t *testing.T) {
	for name, edit := range map[string]func(u *User){
		"string.uuid":        func(u *User) { u.Id = "not a uuid" },
		"message.required":   func(u *User) { u.Home = nil },
		"repeated.min_items": func(u *User) { u.Tags = nil },
		"repeated.max_items": func(u *User) { u.Tags = []string{"aa", "bb", "cc", "dd"} },
		"map.min_pairs":      func(u *User) { u.Scores = nil },
		"oneof required":     func(u *User) { u.Contact = nil },
	} {
		u := validUser()
		edit(u)
		err := u.Validate()
		require.Error(t, err, name)
		assert.Same(t, err, u.Validate(), "%s: the same prebuilt error", name)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = u.Validate() }), "%s: Validate allocates", name)
	}
}

// TestStaticFirstViolationDoesNotAllocate checks that Validate reports a
// violation of a rule on a field of the message itself with the error
// built at package initialization, while ValidateAll and nested messages
// build theirs.
func TestStaticFirstViolationDoesNotAllocate(t *testing.T) {
	bad := strs(func(s *Strings) { s.Name = "" })
	err := bad.Validate()
	require.Error(t, err)
	assert.Same(t, err, bad.Validate(), "the same prebuilt error")
	assert.Equal(t, "validation failed: name: must be at least 1 character long [STRING_MIN_LEN]", err.Error())
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = bad.Validate() }))

	all := bad.ValidateAll()
	require.Error(t, all)
	assert.NotSame(t, err, all)
	assert.Equal(t, err.Error(), all.Error())
}

func BenchmarkValidate(b *testing.B) {
	u := validUser()
	b.Run("User/Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := u.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("User/ValidateAll", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := u.ValidateAll(); err != nil {
				b.Fatal(err)
			}
		}
	})
	bad := user(func(u *User) { u.Id, u.Tags, u.Scores = "", nil, map[string]int32{"b": -1, "a": -1} })
	b.Run("User/ValidateAll/invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := bad.ValidateAll(); err == nil {
				b.Fatal("no error")
			}
		}
	})
}

// chain returns a Profile nested n levels deep through manager.
func chain(n int, leaf *Profile) *Profile {
	p := leaf
	for range n {
		p = &Profile{DisplayName: "x", Manager: p}
	}
	return p
}

func TestDeepAndCyclicRecursion(t *testing.T) {
	deep := chain(1000, &Profile{DisplayName: "leaf"})
	assert.NoError(t, deep.ValidateAll(), "1,000 levels validate whole")

	bad := chain(1000, &Profile{})
	got := violationsOf(t, bad.ValidateAll())
	require.Len(t, got, 1)
	// The path spells out all 1,000 managers.
	assert.Equal(t, strings.Repeat("manager.", 1000)+"display_name", got[0].Field)
	assert.Equal(t, "STRING_MIN_LEN", got[0].Reason)

	// A cycle of pointers, which proto.Marshal could never send, stops at
	// runtime.MaxDepth with a violation instead of overflowing the stack.
	cyclic := &Profile{DisplayName: "a"}
	cyclic.Manager = &Profile{DisplayName: "b", Manager: cyclic}
	got = violationsOf(t, cyclic.ValidateAll())
	require.Len(t, got, 1)
	assert.Equal(t, "RECURSION_LIMIT", got[0].Reason)
	assert.Equal(t, runtime.MaxDepth, strings.Count(got[0].Field, "manager"))
	assert.Equal(t, got[:1], violationsOf(t, cyclic.Validate()))
}

func TestLargeInputsStayLinear(t *testing.T) {
	u := validUser()
	u.Friends = make([]*Profile, 1_000_000)
	for i := range u.Friends {
		u.Friends[i] = &Profile{DisplayName: "f"}
	}
	u.Friends[999_999] = &Profile{}
	start := time.Now()
	got := violationsOf(t, u.ValidateAll())
	t.Logf("1e6 repeated messages validated in %v", time.Since(start))
	assert.Equal(t, []violation{v("friends[999999].display_name", "STRING_MIN_LEN")}, got[1:])
	assert.Equal(t, "REPEATED_MAX_ITEMS", got[0].Reason)
}

func TestValidatePartial(t *testing.T) {
	mask := func(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }
	broken := func() *User {
		return user(func(u *User) {
			u.Id, u.Home, u.Tags, u.Contact = "", nil, nil, nil
			u.Profile = &Profile{DisplayName: "", Manager: &Profile{}}
		})
	}
	cases := []struct {
		name string
		mask *fieldmaskpb.FieldMask
		want []violation
	}{
		{"nil mask checks everything", nil, violationsOf(t, broken().ValidateAll())},
		{"star checks everything", mask("*"), violationsOf(t, broken().ValidateAll())},
		{"one field", mask("id"), []violation{v("id", "STRING_UUID")}},
		{"required only when named", mask("home"), []violation{v("home", "REQUIRED")}},
		{"a message named whole", mask("profile"), []violation{
			v("profile.display_name", "STRING_MIN_LEN"), v("profile.manager.display_name", "STRING_MIN_LEN")}},
		{"a sub-field only", mask("profile.manager.display_name"), []violation{v("profile.manager.display_name", "STRING_MIN_LEN")}},
		{"parent and child mean the parent", mask("profile.manager", "profile"), []violation{
			v("profile.display_name", "STRING_MIN_LEN"), v("profile.manager.display_name", "STRING_MIN_LEN")}},
		{"oneof required when a member is named", mask("phone"), []violation{v("contact", "ONEOF_REQUIRED")}},
		{"fields in declaration order", mask("tags", "id"), []violation{v("id", "STRING_UUID"), v("tags", "REPEATED_MIN_ITEMS")}},
		{"an unnamed broken field is not checked", mask("labels"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, violationsOf(t, broken().ValidatePartial(tc.mask)))
		})
	}

	err := broken().ValidatePartial(mask("id", "nickname"))
	var verr *runtime.ValidationError
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Violations(), 1)
	assert.Equal(t, "paths[1]", verr.Violations()[0].Field)
	assert.Equal(t, "FIELD_MASK_INVALID_PATH", verr.Violations()[0].Reason)

	assert.NoError(t, (&Plain{}).ValidatePartial(mask("anything")))
	assert.Error(t, (&Plain{}).ValidatePartial(mask("nothing")))
}

// TestConcurrentValidation validates one message (valid and invalid) and
// many distinct ones from 64 goroutines at once. Run with -race.
func TestConcurrentValidation(t *testing.T) {
	shared := user(func(u *User) { u.Scores = map[string]int32{"b": -1, "a": -1} })
	want := violationsOf(t, shared.ValidateAll())
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				assert.Equal(t, want, violationsOf(t, shared.ValidateAll()))
				assert.Equal(t, want[:1], violationsOf(t, shared.Validate()))
				assert.NoError(t, validUser().ValidateAll())
			}
		}()
	}
	wg.Wait()
}
