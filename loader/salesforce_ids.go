package loader

import (
	"errors"
	"fmt"
	"strings"
)

// Salesforce record ids come in two forms: 15 characters, case-sensitive
// (report exports, the user interface), and 18 (the API, Data Loader),
// which are the 15 followed by a checksum of their letter case. A folder
// that mixes them would see two people in one; then every 18-character id
// is read as its first 15 characters.

// sfIDRoles are the roles of the Salesforce shapes that hold record ids.
var sfIDRoles = []string{"lead_id", "campaign_id", "opportunity_id", "account_id", "owner", "contact", "lead", "lead_or_contact",
	"who", "converted_contact_id", "converted_opportunity_id", "campaign"}

// sfIDSample is how many records of each Salesforce file are looked at to
// tell the id lengths it uses.
const sfIDSample = 100

// checkIDLengths looks at the record ids of the Salesforce files among
// srcs and sets sfIDs15 when some are written with 15 characters and some
// with 18, saying so in a note.
func (l *load) checkIDLengths(srcs []source) error {
	var short, long []string
	for _, s := range srcs {
		if s.match == nil || s.match.shape.preset != "salesforce" || s.derived != nil {
			continue
		}
		var cols []int
		for _, role := range sfIDRoles {
			if i, ok := s.match.cols[role]; ok {
				cols = append(cols, i)
			}
		}
		t, closer, err := l.openFile(s.name, s.path, nil)
		if err != nil {
			return err
		}
		has15, has18 := false, false
		for n := 0; n < sfIDSample; n++ {
			rec, _, err := t.next()
			var re *recordError
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				break
			}
			for _, i := range cols {
				if i < len(rec) {
					v := strings.TrimSpace(rec[i])
					has15 = has15 || len(v) == 15 && alphanumeric(v)
					has18 = has18 || sfID18(v)
				}
			}
		}
		closer.Close()
		if has15 {
			short = append(short, s.name)
		}
		if has18 {
			long = append(long, s.name)
		}
	}
	if len(short) > 0 && len(long) > 0 {
		l.sfIDs15 = true
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("Salesforce: record ids have 15 characters in %s and 18 in %s; an 18-character id is read as its first 15, which name the same record.",
			strings.Join(short, ", "), strings.Join(long, ", ")))
	}
	return nil
}

// shortIDs returns a table's next with every 18-character Salesforce id
// cut to its 15-character form.
func shortIDs(next func() ([]string, int, error)) func() ([]string, int, error) {
	return func() ([]string, int, error) {
		rec, line, err := next()
		for i, v := range rec {
			if len(v) >= 18 {
				if id := strings.TrimSpace(v); sfID18(id) {
					rec[i] = id[:15]
				}
			}
		}
		return rec, line, err
	}
}

// sfID18 reports whether s is an 18-character Salesforce id: 15
// alphanumeric characters and the checksum of their case. Each of the
// last three characters encodes five of the first fifteen: bit i is set
// when character i is an upper-case letter, and the five bits index
// "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
func sfID18(s string) bool {
	if len(s) != 18 || !alphanumeric(s) {
		return false
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			if c := s[chunk*5+i]; c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		if s[15+chunk] != alphabet[bits] {
			return false
		}
	}
	return true
}

func alphanumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
