package prototype

import (
	"bytes"
	"maps"
	"slices"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/bench/gen/litepb"
)

// PROTOTYPE (hand-edited, in the shape a generator would write it, for
// gen/litepb's Mid.FilterMask and Mid.ApplyMask). Change: the generator
// knows every literal path of the message that needs no tokenizing — each
// field name, and field.sub for the fields of singular, non-recursive
// message fields — so the method first matches each path of the mask
// against them with one string switch (Go compiles it to a length and
// binary search, no allocation) and sets bits; only a mask with another
// path (a `*`, a map key, a backquoted key, a deeper path, an invalid path)
// takes the existing route (runtime.AcquireMask, the tree, the walkers).
// Then it clears (Filter) or copies (Apply) field by field from the bits.
// Apply copies repeated message fields with a typed clone (one backing
// array, field assignments, unknown fields copied as well in the real
// generator, which can reach them) instead of proto.CloneOf per element.
// OUTPUT_ONLY and IMMUTABLE fields (none in Mid) would be checked or
// skipped statically from the bits.

const (
	fID uint32 = 1 << iota
	fDisplayName
	fEmail
	fCreatedUnix
	fStatus
	fAddress
	fItems
	fLabels
	fTags
	fScore
	fActive
	fVersion
	fPayload
	fPhone
	fPriority
	fLocale
	fAll = 1<<iota - 1
)

// midLiteralPaths matches the paths of mask against Mid's literal paths;
// ok is false when some path is not one of them.
func midLiteralPaths(paths []string) (top uint32, addr uint32, ok bool) {
	for _, p := range paths {
		switch p {
		case "id":
			top |= fID
		case "display_name":
			top |= fDisplayName
		case "email":
			top |= fEmail
		case "created_unix":
			top |= fCreatedUnix
		case "status":
			top |= fStatus
		case "address":
			top |= fAddress
		case "items":
			top |= fItems
		case "labels":
			top |= fLabels
		case "tags":
			top |= fTags
		case "score":
			top |= fScore
		case "active":
			top |= fActive
		case "version":
			top |= fVersion
		case "payload":
			top |= fPayload
		case "phone":
			top |= fPhone
		case "priority":
			top |= fPriority
		case "locale":
			top |= fLocale
		case "address.street":
			addr |= 1 << 0
		case "address.city":
			addr |= 1 << 1
		case "address.country":
			addr |= 1 << 2
		case "address.zip":
			addr |= 1 << 3
		case "address.region":
			addr |= 1 << 4
		default:
			return 0, 0, false
		}
	}
	if top&fAddress != 0 { // a path and its sub-path mean the path
		addr = 0
	}
	return top, addr, true
}

// FilterMidFast is Mid.FilterMask with the literal-path fast path.
func FilterMidFast(x *litepb.Mid, mask *fieldmaskpb.FieldMask) error {
	paths := mask.GetPaths()
	top, addr, ok := midLiteralPaths(paths)
	if !ok {
		return x.FilterMask(mask)
	}
	if x == nil || len(paths) == 0 {
		return nil
	}
	if addr != 0 {
		top |= fAddress
		if a := x.Address; a != nil {
			if addr&(1<<0) == 0 {
				a.Street = ""
			}
			if addr&(1<<1) == 0 {
				a.City = ""
			}
			if addr&(1<<2) == 0 {
				a.Country = ""
			}
			if addr&(1<<3) == 0 {
				a.Zip = ""
			}
			if addr&(1<<4) == 0 {
				a.Region = ""
			}
		}
	}
	drop := fAll &^ top
	if drop&fID != 0 {
		x.Id = ""
	}
	if drop&fDisplayName != 0 {
		x.DisplayName = ""
	}
	if drop&fEmail != 0 {
		x.Email = ""
	}
	if drop&fCreatedUnix != 0 {
		x.CreatedUnix = 0
	}
	if drop&fStatus != 0 {
		x.Status = 0
	}
	if drop&fAddress != 0 {
		x.Address = nil
	}
	if drop&fItems != 0 {
		x.Items = nil
	}
	if drop&fLabels != 0 {
		x.Labels = nil
	}
	if drop&fTags != 0 {
		x.Tags = nil
	}
	if drop&fScore != 0 {
		x.Score = 0
	}
	if drop&fActive != 0 {
		x.Active = false
	}
	if drop&fVersion != 0 {
		x.Version = 0
	}
	if drop&fPayload != 0 {
		x.Payload = nil
	}
	if drop&fPhone != 0 {
		x.Phone = ""
	}
	if drop&fPriority != 0 {
		x.Priority = 0
	}
	if drop&fLocale != 0 {
		x.Locale = ""
	}
	return nil
}

// ApplyMidFast is Mid.ApplyMask with the literal-path fast path and typed
// clones.
func ApplyMidFast(x, src *litepb.Mid, mask *fieldmaskpb.FieldMask) error {
	paths := mask.GetPaths()
	top, addr, ok := midLiteralPaths(paths)
	if !ok || len(paths) == 0 || x == nil {
		return x.ApplyMask(src, mask)
	}
	if src == nil {
		src = &litepb.Mid{}
	}
	if top&fID != 0 {
		x.Id = src.Id
	}
	if top&fDisplayName != 0 {
		x.DisplayName = src.DisplayName
	}
	if top&fEmail != 0 {
		x.Email = src.Email
	}
	if top&fCreatedUnix != 0 {
		x.CreatedUnix = src.CreatedUnix
	}
	if top&fStatus != 0 {
		x.Status = src.Status
	}
	if top&fAddress != 0 {
		x.Address = cloneAddress(src.Address)
	} else if addr != 0 {
		if x.Address == nil {
			x.Address = &litepb.Address{}
		}
		s := src.GetAddress()
		if addr&(1<<0) != 0 {
			x.Address.Street = s.GetStreet()
		}
		if addr&(1<<1) != 0 {
			x.Address.City = s.GetCity()
		}
		if addr&(1<<2) != 0 {
			x.Address.Country = s.GetCountry()
		}
		if addr&(1<<3) != 0 {
			x.Address.Zip = s.GetZip()
		}
		if addr&(1<<4) != 0 {
			x.Address.Region = s.GetRegion()
		}
	}
	if top&fItems != 0 {
		x.Items = cloneItems(src.Items)
	}
	if top&fLabels != 0 {
		x.Labels = nil
		if len(src.Labels) != 0 {
			x.Labels = maps.Clone(src.Labels)
		}
	}
	if top&fTags != 0 {
		x.Tags = nil
		if len(src.Tags) != 0 {
			x.Tags = slices.Clone(src.Tags)
		}
	}
	if top&fScore != 0 {
		x.Score = src.Score
	}
	if top&fActive != 0 {
		x.Active = src.Active
	}
	if top&fVersion != 0 {
		x.Version = src.Version
	}
	if top&fPayload != 0 {
		x.Payload = nil
		if len(src.Payload) != 0 {
			x.Payload = bytes.Clone(src.Payload)
		}
	}
	if top&fPhone != 0 {
		x.Phone = src.Phone
	}
	if top&fPriority != 0 {
		x.Priority = src.Priority
	}
	if top&fLocale != 0 {
		x.Locale = src.Locale
	}
	return nil
}

func cloneAddress(a *litepb.Address) *litepb.Address {
	if a == nil {
		return nil
	}
	return &litepb.Address{Street: a.Street, City: a.City, Country: a.Country, Zip: a.Zip, Region: a.Region}
}

// cloneItems copies a list of Items into one backing array.
func cloneItems(items []*litepb.Item) []*litepb.Item {
	if len(items) == 0 {
		return nil
	}
	out := make([]*litepb.Item, len(items))
	backing := make([]litepb.Item, len(items))
	for i, it := range items {
		if it == nil {
			continue
		}
		b := &backing[i]
		b.Sku, b.Quantity, b.PriceCents, b.Note = it.Sku, it.Quantity, it.PriceCents, it.Note
		out[i] = b
	}
	return out
}
