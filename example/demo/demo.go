// Package demo is the example's client: it calls every method of the user
// service the way an application would, and writes what happens, for
// people to read: a rejected request with its field violations, a masked
// read, masked updates and the two streams.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	userv1 "github.com/protolite/protolite/example/gen/user/v1"
)

// Run calls the service through client and writes a report of each call to
// w. It returns an error when a call does not behave as the example expects.
func Run(ctx context.Context, client userv1.UserServiceClient, w io.Writer) error {
	p := &printer{w: w}

	p.step("CreateUser with a valid user")
	ada, err := client.CreateUser(ctx, &userv1.CreateUserRequest{User: &userv1.User{
		Username:    "ada",
		DisplayName: "Ada Lovelace",
		Contact:     &userv1.User_Email{Email: "ada@example.com"},
		Role:        userv1.Role_ROLE_ADMIN,
		Tags:        []string{"math", "engines"},
		Labels:      map[string]string{"team": "analytical", "floor": "2"},
		Address:     &userv1.Address{CountryCode: "GB", City: "London"},
	}})
	if err != nil {
		return fmt.Errorf("CreateUser (valid): %w", err)
	}
	p.user("created", ada)

	p.step("CreateUser with an invalid user: the server's interceptor rejects it")
	_, err = client.CreateUser(ctx, &userv1.CreateUserRequest{
		User: &userv1.User{
			Username:    "Bob!",                                 // pattern
			DisplayName: "",                                     // min_len
			Role:        userv1.Role(42),                        // enum defined_only
			Tags:        []string{"ops", "ops", ""},             // repeated unique, items min_len
			Labels:      map[string]string{"Team": "x"},         // map keys pattern
			Address:     &userv1.Address{CountryCode: "France"}, // len, pattern; city min_len
			// no email or phone: the contact oneof is required
		},
		RequestId: "retry-1", // uuid
	})
	if err := p.rejected(err); err != nil {
		return fmt.Errorf("CreateUser (invalid): %w", err)
	}

	readMask := userv1.NewUserMask(userv1.UserPaths().Username(), userv1.UserPaths().DisplayName(), userv1.UserPaths().Email())
	p.step("GetUser with read_mask %s: only those fields come back", maskString(readMask))
	got, err := client.GetUser(ctx, &userv1.GetUserRequest{Id: ada.GetId(), ReadMask: readMask})
	if err != nil {
		return fmt.Errorf("GetUser: %w", err)
	}
	p.user("got", got)

	updateMask := userv1.NewUserMask(
		userv1.UserPaths().DisplayName(),
		userv1.UserPaths().LabelsKey("team"),
		userv1.UserPaths().Address().City(),
		userv1.UserPaths().CreateTime(),
	)
	p.step("UpdateUser with update_mask %s (AIP-134)", maskString(updateMask))
	p.note("the request also sends username, tags and create_time; only the masked fields change,")
	p.note("and create_time, OUTPUT_ONLY, is ignored even though the mask names it")
	updated, err := client.UpdateUser(ctx, &userv1.UpdateUserRequest{
		User: &userv1.User{
			Id:          ada.GetId(),
			Username:    "not-looked-at",
			DisplayName: "Augusta Ada King",
			Tags:        []string{"not", "looked", "at"},
			Labels:      map[string]string{"team": "difference-engine"},
			Address:     &userv1.Address{City: "Marylebone"},
			CreateTime:  timestamppb.New(time.Unix(0, 0)),
		},
		UpdateMask: updateMask,
	})
	if err != nil {
		return fmt.Errorf("UpdateUser: %w", err)
	}
	p.user("updated", updated)

	immutable := userv1.NewUserMask(userv1.UserPaths().Username())
	p.step("UpdateUser with update_mask %s: username is IMMUTABLE", maskString(immutable))
	_, err = client.UpdateUser(ctx, &userv1.UpdateUserRequest{
		User:       &userv1.User{Id: ada.GetId(), Username: "countess"},
		UpdateMask: immutable,
	})
	if err := p.rejected(err); err != nil {
		return fmt.Errorf("UpdateUser (immutable): %w", err)
	}

	p.step("UpdateUser with update_mask [display_name nickname]: a path that names no field")
	_, err = client.UpdateUser(ctx, &userv1.UpdateUserRequest{
		User:       &userv1.User{Id: ada.GetId(), DisplayName: "Ada"},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"display_name", "nickname"}},
	})
	if err := p.rejected(err); err != nil {
		return fmt.Errorf("UpdateUser (bad path): %w", err)
	}

	p.step("UpdateUser with update_mask [display_name]: the new value breaks a rule")
	_, err = client.UpdateUser(ctx, &userv1.UpdateUserRequest{
		User:       &userv1.User{Id: ada.GetId(), DisplayName: ""},
		UpdateMask: userv1.NewUserMask(userv1.UserPaths().DisplayName()),
	})
	if err := p.rejected(err); err != nil {
		return fmt.Errorf("UpdateUser (invalid value): %w", err)
	}

	p.step("ImportUsers (client stream): two valid users, then one with a bad e-mail")
	stream, err := client.ImportUsers(ctx)
	if err != nil {
		return fmt.Errorf("ImportUsers: %w", err)
	}
	for _, u := range []*userv1.User{
		{Username: "grace", DisplayName: "Grace Hopper", Contact: &userv1.User_Email{Email: "grace@example.com"}, Role: userv1.Role_ROLE_EDITOR},
		{Username: "alan", DisplayName: "Alan Turing", Contact: &userv1.User_Phone{Phone: "+441234567890"}},
		{Username: "edsger", DisplayName: "Edsger Dijkstra", Contact: &userv1.User_Email{Email: "edsger@@example.com"}},
	} {
		if err := stream.Send(&userv1.ImportUsersRequest{User: u}); err != nil {
			break // the server ended the call: CloseAndRecv gives its status
		}
	}
	_, err = stream.CloseAndRecv()
	if err := p.rejected(err); err != nil {
		return fmt.Errorf("ImportUsers: %w", err)
	}
	p.note("(the users received before the invalid one were imported)")

	listMask := userv1.NewUserMask(userv1.UserPaths().Username(), userv1.UserPaths().Role())
	p.step("ListUsers (server stream) with read_mask %s", maskString(listMask))
	list, err := client.ListUsers(ctx, &userv1.ListUsersRequest{ReadMask: listMask})
	if err != nil {
		return fmt.Errorf("ListUsers: %w", err)
	}
	for {
		u, err := list.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("ListUsers: %w", err)
		}
		p.user("-", u)
	}
	return p.err
}

// printer writes the report.
type printer struct {
	w   io.Writer
	n   int
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) step(format string, args ...any) {
	p.n++
	if p.n > 1 {
		p.printf("\n")
	}
	p.printf("%d. %s\n", p.n, fmt.Sprintf(format, args...))
}

func (p *printer) note(text string) { p.printf("   %s\n", text) }

// user prints u on one line when it is short, else one field a line.
func (p *printer) user(label string, u *userv1.User) {
	if line := FormatMessage(u.ProtoReflect()); len(line) <= 90 {
		p.printf("   %s %s\n", label, line)
		return
	}
	p.printf("   %s {\n", label)
	m := u.ProtoReflect()
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		if fd := fields.Get(i); m.Has(fd) {
			var b strings.Builder
			formatField(&b, fd, m.Get(fd))
			p.printf("     %s: %s\n", fd.Name(), b.String())
		}
	}
	p.printf("   }\n")
}

// rejected prints the status of err and its BadRequest field violations; it
// returns an error when err is not such a rejection.
func (p *printer) rejected(err error) error {
	if err == nil {
		return errors.New("the call succeeded, want a rejection")
	}
	st, ok := status.FromError(err)
	if !ok {
		return err
	}
	violations := FieldViolations(st)
	if violations == nil {
		return fmt.Errorf("no google.rpc.BadRequest detail in %v", err)
	}
	p.printf("   rejected: %s, %d field violation(s) in its google.rpc.BadRequest:\n", st.Code(), len(violations))
	width := [2]int{}
	for _, v := range violations {
		width[0] = max(width[0], len(v.GetField()))
		width[1] = max(width[1], len(v.GetReason()))
	}
	for _, v := range violations {
		p.printf("     %-*s  %-*s  %s\n", width[0], v.GetField(), width[1], v.GetReason(), v.GetDescription())
	}
	return nil
}

// FieldViolations returns the field violations of the google.rpc.BadRequest
// detail of st, or nil when it has none.
func FieldViolations(st *status.Status) []*errdetails.BadRequest_FieldViolation {
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			return br.GetFieldViolations()
		}
	}
	return nil
}

func maskString(m *fieldmaskpb.FieldMask) string {
	return "[" + strings.Join(m.GetPaths(), " ") + "]"
}

// FormatMessage writes m on one line, its populated fields in declaration
// order (protojson and prototext vary their spacing on purpose, and this
// output is for people): {name: "x" tags: ["a", "b"] labels: {"k": "v"}}.
func FormatMessage(m protoreflect.Message) string {
	var b strings.Builder
	formatMessage(&b, m)
	return b.String()
}

func formatMessage(b *strings.Builder, m protoreflect.Message) {
	if ts, ok := m.Interface().(*timestamppb.Timestamp); ok {
		b.WriteString(ts.AsTime().Format("2006-01-02T15:04:05.000Z07:00"))
		return
	}
	b.WriteString("{")
	fields := m.Descriptor().Fields()
	first := true
	for i := range fields.Len() {
		fd := fields.Get(i)
		if !m.Has(fd) {
			continue
		}
		if !first {
			b.WriteString(" ")
		}
		first = false
		b.WriteString(string(fd.Name()))
		b.WriteString(": ")
		formatField(b, fd, m.Get(fd))
	}
	b.WriteString("}")
}

// formatField writes the value v of field fd.
func formatField(b *strings.Builder, fd protoreflect.FieldDescriptor, v protoreflect.Value) {
	switch {
	case fd.IsList():
		b.WriteString("[")
		for j := range v.List().Len() {
			if j > 0 {
				b.WriteString(", ")
			}
			formatValue(b, fd, v.List().Get(j))
		}
		b.WriteString("]")
	case fd.IsMap():
		var keys []protoreflect.MapKey
		v.Map().Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
			keys = append(keys, k)
			return true
		})
		slices.SortFunc(keys, func(a, b protoreflect.MapKey) int { return strings.Compare(a.String(), b.String()) })
		b.WriteString("{")
		for j, k := range keys {
			if j > 0 {
				b.WriteString(", ")
			}
			formatValue(b, fd.MapKey(), k.Value())
			b.WriteString(": ")
			formatValue(b, fd.MapValue(), v.Map().Get(k))
		}
		b.WriteString("}")
	default:
		formatValue(b, fd, v)
	}
}

func formatValue(b *strings.Builder, fd protoreflect.FieldDescriptor, v protoreflect.Value) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		fmt.Fprintf(b, "%q", v.String())
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			b.WriteString(string(ev.Name()))
		} else {
			fmt.Fprint(b, v.Enum())
		}
	case protoreflect.MessageKind, protoreflect.GroupKind:
		formatMessage(b, v.Message())
	default:
		fmt.Fprint(b, v.Interface())
	}
}
