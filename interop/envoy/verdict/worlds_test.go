package verdict

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/interop/envoy/gen/gcpindex"
	"github.com/protolite/protolite/interop/envoy/gen/index"
	"github.com/protolite/protolite/interop/envoy/internal/corpus"
	"github.com/protolite/protolite/interop/envoy/internal/envoyapi"
	"github.com/protolite/protolite/interop/envoy/internal/pgverr"
	"github.com/protolite/protolite/runtime"
)

// The two worlds: go-control-plane's Go types (with PGV's validators) and
// protolite's (generated into ../gen), one message type of each per full
// name, from the indexes envoygen wrote. The global registry cannot tell
// them apart: both register the same names, and the last one registered
// wins (see internal/allowdup).
var worlds = sync.OnceValue(func() (w struct {
	lite, gcp map[protoreflect.FullName]protoreflect.MessageType
	gcpTypes  []protoreflect.MessageType // sorted by name
}) {
	w.lite = map[protoreflect.FullName]protoreflect.MessageType{}
	for _, m := range index.Messages {
		mt := m.ProtoReflect().Type()
		w.lite[mt.Descriptor().FullName()] = mt
	}
	w.gcp = map[protoreflect.FullName]protoreflect.MessageType{}
	for _, m := range gcpindex.Messages {
		mt := m.ProtoReflect().Type()
		w.gcp[mt.Descriptor().FullName()] = mt
		w.gcpTypes = append(w.gcpTypes, mt)
	}
	slices.SortFunc(w.gcpTypes, func(a, b protoreflect.MessageType) int {
		return strings.Compare(string(a.Descriptor().FullName()), string(b.Descriptor().FullName()))
	})
	return w
})

// validator is what both PGV's and protolite's generated code give every
// message.
type validator interface {
	Validate() error
	ValidateAll() error
}

// violation is one broken rule, from either side.
type violation struct {
	path   string
	reason string // PGV's sentence, or protolite's "REASON: description"
}

// outcome is what both sides said about one value.
type outcome struct {
	value corpus.Value
	gcp   proto.Message // the value decoded from the wire into go-control-plane's type
	lite  proto.Message // and into protolite's

	pgvFirst, liteFirst []violation // from Validate: empty when valid
	pgvAll, liteAll     []violation // from ValidateAll
	problem             string      // set when the value could not be compared
}

// check transfers v to both worlds by the wire and runs both validators.
func check(v corpus.Value) outcome {
	o := outcome{value: v}
	wire, err := proto.MarshalOptions{Deterministic: true}.Marshal(v.Msg)
	if err != nil {
		o.problem = "marshal: " + err.Error()
		return o
	}
	md := v.Msg.ProtoReflect().Descriptor()
	lt, ok := worlds().lite[md.FullName()]
	if !ok {
		o.problem = "no protolite type for " + string(md.FullName())
		return o
	}
	o.gcp = v.Msg.ProtoReflect().Type().New().Interface()
	o.lite = lt.New().Interface()
	if err := proto.Unmarshal(wire, o.gcp); err != nil {
		o.problem = "unmarshal (go-control-plane): " + err.Error()
		return o
	}
	if err := proto.Unmarshal(wire, o.lite); err != nil {
		o.problem = "unmarshal (protolite): " + err.Error()
		return o
	}
	pv, ok := o.gcp.(validator)
	if !ok {
		o.problem = "no PGV validator"
		return o
	}
	o.pgvFirst = fromPGV(pv.Validate(), md)
	o.pgvAll = fromPGV(pv.ValidateAll(), md)
	lv, ok := o.lite.(validator)
	if !ok {
		o.problem = "protolite generated no Validate method for " + string(md.FullName())
		return o
	}
	o.liteFirst = fromLite(lv.Validate())
	o.liteAll = fromLite(lv.ValidateAll())
	return o
}

func fromPGV(err error, md protoreflect.MessageDescriptor) []violation {
	var out []violation
	for _, v := range pgverr.Violations(err, md) {
		out = append(out, violation{v.Path, v.Reason})
	}
	return out
}

func fromLite(err error) []violation {
	if err == nil {
		return nil
	}
	var ve *runtime.ValidationError
	if !errors.As(err, &ve) {
		return []violation{{"", "not a *runtime.ValidationError: " + err.Error()}}
	}
	var out []violation
	for _, v := range ve.Violations() {
		out = append(out, violation{v.Field, v.Reason + ": " + v.Description})
	}
	return out
}

func paths(vs []violation) []string {
	var out []string
	for _, v := range vs {
		if !slices.Contains(out, v.path) {
			out = append(out, v.path)
		}
	}
	slices.Sort(out)
	return out
}

func first(vs []violation) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0].path
}

// agree reports whether both sides gave the same verdict, the same first
// violation's path and the same set of violation paths.
func (o outcome) agree() bool {
	return len(o.pgvFirst) == len(o.liteFirst) &&
		first(o.pgvFirst) == first(o.liteFirst) &&
		slices.Equal(paths(o.pgvAll), paths(o.liteAll))
}

// Values is the whole corpus: the test resources and the configurations in
// their Anys, each with every single-field mutation of every message it
// reaches, and the empty value of every message type of the set with every
// single-field mutation of its own fields.
func values() (vals []corpus.Value, counts map[string]int) {
	counts = map[string]int{}
	resolve := func(name protoreflect.FullName) (protoreflect.MessageType, bool) {
		mt, ok := worlds().gcp[name]
		return mt, ok
	}
	resources := corpus.Resources()
	var unpacked []corpus.Value
	for _, r := range resources {
		unpacked = append(unpacked, corpus.Unpacked(r, resolve)...)
	}
	empty := corpus.Empty(worlds().gcpTypes)
	// One value per type and wire form: the resources of different xDS
	// modes share most of their content.
	seen := map[string]bool{}
	add := func(source string, vs []corpus.Value) {
		for _, v := range vs {
			wire, err := proto.MarshalOptions{Deterministic: true}.Marshal(v.Msg)
			key := string(v.Msg.ProtoReflect().Descriptor().FullName()) + "\x00" + string(wire)
			if err == nil && seen[key] {
				continue
			}
			seen[key] = true
			counts[source]++
			vals = append(vals, v)
		}
	}
	add("test resources", resources)
	add("their Any contents", unpacked)
	add("empty values", empty)
	for _, v := range resources {
		add("mutations of test resources", corpus.Mutations(v, true))
	}
	for _, v := range unpacked {
		add("mutations of Any contents", corpus.Mutations(v, true))
	}
	for _, v := range empty {
		add("mutations of empty values", corpus.Mutations(v, false))
	}
	return vals, counts
}

// set is the generated set's name, for messages.
var set = envoyapi.Set
