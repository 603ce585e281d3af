package maskcore

import "strconv"

// FieldPath is the path of the field Apply is checking, kept as a stack of
// elements (pushed on the way down, popped on the way up) and rendered as a
// google.rpc.BadRequest path (`user.name`, `labels["env"]`, `sizes[42]`)
// only for a violation. A nil *FieldPath is the root.
type FieldPath struct {
	elems [16]pathElem
	n     int
	more  []pathElem // elements beyond len(elems)
}

type pathElem struct {
	field, key        string
	hasKey, stringKey bool
}

func (p *FieldPath) push(e pathElem) {
	if p.n < len(p.elems) {
		p.elems[p.n] = e
	} else {
		p.more = append(p.more[:p.n-len(p.elems)], e)
	}
	p.n++
}

// Push enters field name.
func (p *FieldPath) Push(name string) { p.push(pathElem{field: name}) }

// PushKey enters the map entry with key key (a string key when stringKey,
// else an integer or bool written as is) of field name.
func (p *FieldPath) PushKey(name, key string, stringKey bool) {
	p.push(pathElem{field: name, key: key, hasKey: true, stringKey: stringKey})
}

// Pop leaves the last element pushed.
func (p *FieldPath) Pop() { p.n-- }

// String renders the path.
func (p *FieldPath) String() string {
	if p == nil {
		return ""
	}
	var b []byte
	for i := 0; i < p.n; i++ {
		var e *pathElem
		if i < len(p.elems) {
			e = &p.elems[i]
		} else {
			e = &p.more[i-len(p.elems)]
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, e.field...)
		if !e.hasKey {
			continue
		}
		b = append(b, '[')
		if e.stringKey {
			b = strconv.AppendQuote(b, e.key)
		} else {
			b = append(b, e.key...)
		}
		b = append(b, ']')
	}
	return string(b)
}

// Immutable is the violation of an Apply that would change the IMMUTABLE
// field name under p (or the element p is at when name is "").
func Immutable(p *FieldPath, name string) Violation {
	path := p.String()
	switch {
	case name == "":
	case path == "":
		path = name
	default:
		path += "." + name
	}
	return Violation{
		Field:       path,
		Reason:      ReasonImmutable,
		Description: "field " + path + " is immutable: its value is set and cannot be changed or cleared",
	}
}
