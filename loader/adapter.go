package loader

import (
	"reflect"
	"strings"
)

// Code shared by the adapters of every export family: rewriting an
// export's rows into a canonical file's columns, and reading its values.

// adaptRows returns a table of canonical kind k over src. Columns whose
// role is a canonical column are copied; compute fills or changes the rest
// and returns false to leave a record out. The mapping's value maps and
// fixed values are applied last.
func (l *load) adaptRows(src *table, c cols, k kind, compute func(rec, out []string, t *table) bool) *table {
	names := columnsOf(reflect.TypeOf(kindRows[k])).names
	t := &table{File: src.File, Raw: src.Raw, Dialect: src.Dialect, header: names, origin: map[string]string{}, excel: src.excel}
	from := make([]int, len(names))
	for i, n := range names {
		from[i] = -1
		if j, ok := c[n]; ok {
			from[i] = j
			t.origin[n] = strings.TrimSpace(strings.TrimPrefix(src.Raw[j], "\ufeff"))
		}
	}
	fm := l.opts.Mapping.file(src.File)
	if fm != nil {
		for n := range fm.Fixed {
			t.origin[n] = "(mapping)"
		}
	}
	out := make([]string, len(names))
	iOwner := -1
	if l.sfs != nil && len(l.sfs.users) > 0 {
		for i, n := range names {
			if n == "owner" {
				iOwner = i
			}
		}
	}
	t.adapted = true
	t.next = func() ([]string, int, error) {
		for {
			rec, line, err := src.next()
			if err != nil {
				return nil, line, err
			}
			for i, j := range from {
				out[i] = ""
				if j >= 0 && j < len(rec) {
					out[i] = rec[j]
				}
			}
			if iOwner >= 0 {
				out[iOwner] = l.sfs.ownerName(out[iOwner])
			}
			if compute != nil && !compute(rec, out, t) {
				t.issues = t.issues[:0]
				l.leftOut++
				continue
			}
			fm.apply(names, out)
			return out, line, nil
		}
	}
	return t
}

// kindRows holds a zero row struct of each kind.
var kindRows = [numKinds]any{campaignRow{}, assetRow{}, leadRow{}, touchRow{}, activityRow{}, opportunityRow{}, contactRow{}}

// colOf returns the index of canonical column n in names.
func colOf(names []string, n string) int {
	for i, v := range names {
		if v == n {
			return i
		}
	}
	panic("loader: no column " + n)
}

// boolOf reads a boolean of role; a bad value becomes an issue of t.
func boolOf(rec []string, c cols, role string, t *table) (v, ok bool) {
	s := c.get(rec, role)
	if s == "" {
		return false, false
	}
	b, good := ParseBool(s)
	if !good {
		t.issues = append(t.issues, issue{column: t.Raw[c[role]], problem: quote(s) + " is not true or false"})
		return false, false
	}
	return b, true
}

// region is the country, else the state.
func region(rec []string, c cols) string {
	if v := c.get(rec, "region"); v != "" {
		return v
	}
	return c.get(rec, "state")
}

// noteComputed names the origin of the region and origin columns an
// adapter computes, so that they count as present.
func noteComputed(t *table, src *table, c cols) *table {
	for _, role := range []string{"region", "state"} {
		if c.has(role) {
			t.origin["region"] = strings.TrimSpace(src.Raw[c[role]])
			break
		}
	}
	if c.has("source") && !c.has("origin") {
		t.origin["origin"] = strings.TrimSpace(src.Raw[c["source"]])
	}
	return t
}

// status derives an opportunity's status from IsClosed and IsWon, else
// from the stage name ("Closed Won", "Closed Lost"); the mapping's
// values.status maps stage names first.
func (f *FileMapping) status(rec []string, c cols, t *table) string {
	stage := c.get(rec, "stage")
	if v, ok := f.value("status", stage); ok {
		return v
	}
	if c.has("is_closed") || c.has("is_won") {
		before := len(t.issues)
		closed, okC := boolOf(rec, c, "is_closed", t)
		won, okW := boolOf(rec, c, "is_won", t)
		if len(t.issues) > before {
			for i := before; i < len(t.issues); i++ {
				t.issues[i].skip = true
			}
			return ""
		}
		switch {
		case okW && won:
			return "won"
		case okC && closed:
			return "lost"
		case okC && !closed:
			return "open"
		}
	}
	if stage == "" {
		return ""
	}
	return stageStatus(stage)
}
