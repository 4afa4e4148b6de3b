package loader

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Salesforce owners: OwnerId holds a User record id. With User.csv in the
// folder, every owner id of the Salesforce files is read as the user's
// name, so that the report names reps, not ids. Owners are reps: their
// names may appear in the report (SPEC 10).

// sfUserShape is the User export: Id and a name (Name, else FirstName and
// LastName).
func sfUserShape() shape {
	return shape{Name: "Salesforce User", preset: "salesforce", kind: kindLeads, lookup: sfUsers, fields: []field{
		req("user_id", "Id", "User ID"),
		mark("user", "Username", "Alias", "ProfileId", "UserRoleId", "IsActive", "User Name", "TimeZoneSidKey"),
		opt("name", "Name", "Full Name"),
		opt("first_name", "FirstName", "First Name"),
		opt("last_name", "LastName", "Last Name"),
	}}
}

// sfUsers reads User.csv into the map of owner names.
func sfUsers(l *load, t *table, c cols, in *Input) (string, error) {
	s := l.sf()
	if !c.has("name") && !c.has("first_name") && !c.has("last_name") {
		return "", nil
	}
	named := 0
	for {
		rec, _, err := t.next()
		var re *recordError
		switch {
		case errors.Is(err, io.EOF):
			return fmt.Sprintf("the names of %s", plural(named, "owner", "owners")), nil
		case errors.As(err, &re):
			in.Rows++
			in.Skipped++
			l.problem(in.File, re.Line, "(row)", "cannot parse the row: "+re.Err.Error(), true)
			continue
		case err != nil:
			return "", fmt.Errorf("%s: %w", t.File, err)
		}
		in.Rows++
		id := c.get(rec, "user_id")
		name := c.get(rec, "name")
		if name == "" {
			name = strings.TrimSpace(c.get(rec, "first_name") + " " + c.get(rec, "last_name"))
		}
		if id == "" || name == "" {
			continue
		}
		s.users[id] = name
		named++
		if sfID18(id) {
			s.users[id[:15]] = name
		}
	}
}

// ownerName returns the user name of a Salesforce owner id, or the id
// when User.csv does not name it.
func (s *sfState) ownerName(id string) string {
	if s == nil || len(s.users) == 0 {
		return id
	}
	v := strings.TrimSpace(id)
	if name, ok := s.users[v]; ok {
		return name
	}
	if sfID18(v) {
		if name, ok := s.users[v[:15]]; ok {
			return name
		}
	}
	return id
}
