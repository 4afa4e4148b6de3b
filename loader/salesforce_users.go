package loader

import (
	"fmt"
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
	err := t.records(func(rec []string, _ int) {
		in.Rows++
		id := c.get(rec, "user_id")
		name := c.get(rec, "name")
		if name == "" {
			name = strings.TrimSpace(c.get(rec, "first_name") + " " + c.get(rec, "last_name"))
		}
		if sfPutName(s.users, id, name) {
			named++
		}
	}, l.lookupSyntax(in))
	return fmt.Sprintf("the names of %s", plural(named, "owner", "owners")), err
}

// lookupSyntax counts and reports a record of a lookup file that cannot
// be read.
func (l *load) lookupSyntax(in *Input) syntaxFunc {
	return func(line int, err error) {
		in.Rows++
		in.Skipped++
		l.problem(in.File, line, "(row)", "cannot parse the row: "+err.Error(), true)
	}
}

// ownerName returns the user name of a Salesforce owner id, or the id
// when User.csv does not name it.
func (s *sfState) ownerName(id string) string {
	if s == nil {
		return id
	}
	if name, ok := sfName(s.users, id); ok {
		return name
	}
	return id
}

// sfPutName records the name of a record id in m, under its 15-character
// form too when id has 18; it reports whether there was a name to record.
func sfPutName(m map[string]string, id, name string) bool {
	if id == "" || name == "" {
		return false
	}
	m[id] = name
	if sfID18(id) {
		m[id[:15]] = name
	}
	return true
}

// sfName returns the name m records for a record id, in its 18- or
// 15-character form.
func sfName(m map[string]string, id string) (string, bool) {
	if len(m) == 0 {
		return "", false
	}
	v := strings.TrimSpace(id)
	if name, ok := m[v]; ok {
		return name, true
	}
	if sfID18(v) {
		if name, ok := m[v[:15]]; ok {
			return name, true
		}
	}
	return "", false
}
