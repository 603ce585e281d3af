package handwritten

import (
	"bytes"
	"maps"
	"slices"

	"github.com/protolite/protolite/bench/gen/litepb"
)

// MaskError names the first invalid path of a mask.
type MaskError struct {
	Index int
	Path  string
}

func (e *MaskError) Error() string { return "invalid field mask path " + e.Path }

// Bits of Mid's fields, in declaration order, and of Address's.
const (
	midID uint32 = 1 << iota
	midDisplayName
	midEmail
	midCreatedUnix
	midStatus
	midAddress
	midItems
	midLabels
	midTags
	midScore
	midActive
	midVersion
	midPayload
	midPhone
	midPriority
	midLocale
	midAll = 1<<iota - 1
)

const (
	addrStreet uint8 = 1 << iota
	addrCity
	addrCountry
	addrZip
	addrRegion
)

// midMask is a parsed mask of Mid: the top-level fields named whole, and
// the sub-fields of address named when address itself is not.
type midMask struct {
	top  uint32
	addr uint8
}

// parseMidMask reads the paths of a Mid mask: a switch on each path, no
// allocation unless a path is invalid. A path together with one of its
// sub-paths means the path.
func parseMidMask(paths []string) (midMask, error) {
	var m midMask
	for i, p := range paths {
		switch p {
		case "id":
			m.top |= midID
		case "display_name":
			m.top |= midDisplayName
		case "email":
			m.top |= midEmail
		case "created_unix":
			m.top |= midCreatedUnix
		case "status":
			m.top |= midStatus
		case "address":
			m.top |= midAddress
		case "address.street":
			m.addr |= addrStreet
		case "address.city":
			m.addr |= addrCity
		case "address.country":
			m.addr |= addrCountry
		case "address.zip":
			m.addr |= addrZip
		case "address.region":
			m.addr |= addrRegion
		case "items":
			m.top |= midItems
		case "labels":
			m.top |= midLabels
		case "tags":
			m.top |= midTags
		case "score":
			m.top |= midScore
		case "active":
			m.top |= midActive
		case "version":
			m.top |= midVersion
		case "payload":
			m.top |= midPayload
		case "phone":
			m.top |= midPhone
		case "priority":
			m.top |= midPriority
		case "locale":
			m.top |= midLocale
		case "*":
			m.top = midAll
		default:
			return midMask{}, &MaskError{i, p}
		}
	}
	if m.top&midAddress != 0 {
		m.addr = 0
	}
	return m, nil
}

// ValidateMidMask returns nil when every path names a field of Mid.
func ValidateMidMask(paths []string) error {
	_, err := parseMidMask(paths)
	return err
}

// FilterMid keeps only the fields of x that paths name; no paths keep
// everything.
func FilterMid(x *litepb.Mid, paths []string) error {
	m, err := parseMidMask(paths)
	if err != nil || len(paths) == 0 || x == nil {
		return err
	}
	keep := m.top
	if m.addr != 0 {
		keep |= midAddress
		if a := x.Address; a != nil {
			if m.addr&addrStreet == 0 {
				a.Street = ""
			}
			if m.addr&addrCity == 0 {
				a.City = ""
			}
			if m.addr&addrCountry == 0 {
				a.Country = ""
			}
			if m.addr&addrZip == 0 {
				a.Zip = ""
			}
			if m.addr&addrRegion == 0 {
				a.Region = ""
			}
		}
	}
	clearMid(x, midAll&^keep)
	return nil
}

// PruneMid clears the fields of x that paths name.
func PruneMid(x *litepb.Mid, paths []string) error {
	m, err := parseMidMask(paths)
	if err != nil || x == nil {
		return err
	}
	clearMid(x, m.top)
	if a := x.Address; a != nil && m.addr != 0 {
		if m.addr&addrStreet != 0 {
			a.Street = ""
		}
		if m.addr&addrCity != 0 {
			a.City = ""
		}
		if m.addr&addrCountry != 0 {
			a.Country = ""
		}
		if m.addr&addrZip != 0 {
			a.Zip = ""
		}
		if m.addr&addrRegion != 0 {
			a.Region = ""
		}
	}
	return nil
}

func clearMid(x *litepb.Mid, bits uint32) {
	if bits&midID != 0 {
		x.Id = ""
	}
	if bits&midDisplayName != 0 {
		x.DisplayName = ""
	}
	if bits&midEmail != 0 {
		x.Email = ""
	}
	if bits&midCreatedUnix != 0 {
		x.CreatedUnix = 0
	}
	if bits&midStatus != 0 {
		x.Status = 0
	}
	if bits&midAddress != 0 {
		x.Address = nil
	}
	if bits&midItems != 0 {
		x.Items = nil
	}
	if bits&midLabels != 0 {
		x.Labels = nil
	}
	if bits&midTags != 0 {
		x.Tags = nil
	}
	if bits&midScore != 0 {
		x.Score = 0
	}
	if bits&midActive != 0 {
		x.Active = false
	}
	if bits&midVersion != 0 {
		x.Version = 0
	}
	if bits&midPayload != 0 {
		x.Payload = nil
	}
	if bits&midPhone != 0 {
		x.Phone = ""
	}
	if bits&midPriority != 0 {
		x.Priority = 0
	}
	if bits&midLocale != 0 {
		x.Locale = ""
	}
}

// ApplyMid copies the fields of src that paths name into x (a PATCH); a
// named field unset in src is cleared; address is replaced whole unless
// only sub-fields are named; no paths name every field populated in src.
// Copies never alias src.
func ApplyMid(x, src *litepb.Mid, paths []string) error {
	m, err := parseMidMask(paths)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		m = midMask{top: populatedMid(src)}
	}
	bits := m.top
	if bits&midID != 0 {
		x.Id = src.Id
	}
	if bits&midDisplayName != 0 {
		x.DisplayName = src.DisplayName
	}
	if bits&midEmail != 0 {
		x.Email = src.Email
	}
	if bits&midCreatedUnix != 0 {
		x.CreatedUnix = src.CreatedUnix
	}
	if bits&midStatus != 0 {
		x.Status = src.Status
	}
	if bits&midAddress != 0 {
		x.Address = cloneAddress(src.Address)
	} else if m.addr != 0 {
		if x.Address == nil {
			x.Address = &litepb.Address{}
		}
		s := src.GetAddress()
		if m.addr&addrStreet != 0 {
			x.Address.Street = s.GetStreet()
		}
		if m.addr&addrCity != 0 {
			x.Address.City = s.GetCity()
		}
		if m.addr&addrCountry != 0 {
			x.Address.Country = s.GetCountry()
		}
		if m.addr&addrZip != 0 {
			x.Address.Zip = s.GetZip()
		}
		if m.addr&addrRegion != 0 {
			x.Address.Region = s.GetRegion()
		}
	}
	if bits&midItems != 0 {
		x.Items = cloneItems(src.Items)
	}
	if bits&midLabels != 0 {
		x.Labels = maps.Clone(src.Labels)
	}
	if bits&midTags != 0 {
		x.Tags = slices.Clone(src.Tags)
	}
	if bits&midScore != 0 {
		x.Score = src.Score
	}
	if bits&midActive != 0 {
		x.Active = src.Active
	}
	if bits&midVersion != 0 {
		x.Version = src.Version
	}
	if bits&midPayload != 0 {
		x.Payload = bytes.Clone(src.Payload)
	}
	if bits&midPhone != 0 {
		x.Phone = src.Phone
	}
	if bits&midPriority != 0 {
		x.Priority = src.Priority
	}
	if bits&midLocale != 0 {
		x.Locale = src.Locale
	}
	return nil
}

func populatedMid(x *litepb.Mid) uint32 {
	var b uint32
	set := func(bit uint32, ok bool) {
		if ok {
			b |= bit
		}
	}
	set(midID, x.Id != "")
	set(midDisplayName, x.DisplayName != "")
	set(midEmail, x.Email != "")
	set(midCreatedUnix, x.CreatedUnix != 0)
	set(midStatus, x.Status != 0)
	set(midAddress, x.Address != nil)
	set(midItems, len(x.Items) != 0)
	set(midLabels, len(x.Labels) != 0)
	set(midTags, len(x.Tags) != 0)
	set(midScore, x.Score != 0)
	set(midActive, x.Active)
	set(midVersion, x.Version != 0)
	set(midPayload, len(x.Payload) != 0)
	set(midPhone, x.Phone != "")
	set(midPriority, x.Priority != 0)
	set(midLocale, x.Locale != "")
	return b
}

func cloneAddress(a *litepb.Address) *litepb.Address {
	if a == nil {
		return nil
	}
	return &litepb.Address{Street: a.Street, City: a.City, Country: a.Country, Zip: a.Zip, Region: a.Region}
}

func cloneItems(items []*litepb.Item) []*litepb.Item {
	if items == nil {
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
