package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Presets name the families of export shapes --preset can restrict
// detection to.
var Presets = []string{"auto", "canonical", "salesforce", "hubspot", "generic"}

// shape is a known kind of export file, recognised by its header row.
type shape struct {
	// Name says what the file is taken for, e.g. "Salesforce Lead".
	Name   string
	preset string
	kind   kind
	// fields lists the columns the shape knows; the required ones must all
	// be present for the shape to match.
	fields []field
	// adapt rewrites the file into the canonical columns of kind; nil for
	// a canonical file.
	adapt func(l *load, t *table, c cols) (*table, error)
	// derived, when set, is a second canonical file the export feeds.
	derived *derivedShape
	// unused, when set, says why a file of this shape, recognised so that
	// it can be named, feeds nothing: it is skipped with a note.
	unused string
	// lookup, when set, reads a file that feeds no canonical file but
	// tells the adapters something (a user's name, a stage's date): such
	// files are read before all others. It returns the rows read and
	// what the file was used for.
	lookup func(l *load, t *table, c cols, in *Input) (string, error)
}

// derivedShape is a second canonical file an export feeds, read after its
// first from what the first's adapter collected.
type derivedShape struct {
	// name says what the file's rows are taken for, e.g. "opportunity contacts".
	name string
	kind kind
	// role is the column the file needs to feed it.
	role  string
	table func(l *load, file string) *table
}

// field is one column of a shape, with the spellings it goes by
// (normalized: lower-case, trimmed), API names first, then report labels.
type field struct {
	role     string
	names    []string
	required bool
	// marker is a required field that only tells one export from another
	// (any of several columns); it feeds nothing.
	marker bool
	// spelled holds names as exports write them, for messages.
	spelled []string
}

// cols locates a shape's fields in one file's header: role -> column index.
type cols map[string]int

// get returns rec's value of role, or "" when the file lacks it.
func (c cols) get(rec []string, role string) string {
	if i, ok := c[role]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// has reports whether the file has role's column.
func (c cols) has(role string) bool { _, ok := c[role]; return ok }

// req is a required field, opt an optional one. Names are given as
// written in exports and matched normalized.
func req(role string, names ...string) field { return newField(role, names, true) }
func opt(role string, names ...string) field { return newField(role, names, false) }

// mark is a required marker field: the file has one of the columns named.
func mark(role string, names ...string) field {
	f := newField(role, names, true)
	f.marker = true
	return f
}

func newField(role string, names []string, required bool) field {
	f := field{role: role, required: required, spelled: names}
	for _, n := range names {
		f.names = append(f.names, normalizeHeader(n))
	}
	return f
}

// allShapes lists every known shape, built once.
var allShapes = shapes()

// canonicalShape is the shape of a canonical file: its row struct's columns.
func canonicalShape(name string, k kind, row any) shape {
	c := columnsOf(reflect.TypeOf(row))
	s := shape{Name: "canonical " + name, preset: "canonical", kind: k}
	for i, n := range c.names {
		s.fields = append(s.fields, field{role: n, names: []string{n}, required: c.required[i], spelled: []string{n}})
	}
	return s
}

// shapes lists every known shape; detection prefers, among the shapes a
// header matches, the one that recognises most of its columns, then the
// first listed.
func shapes() []shape {
	return append([]shape{
		canonicalShape("campaigns", kindCampaigns, campaignRow{}),
		canonicalShape("assets", kindAssets, assetRow{}),
		canonicalShape("leads", kindLeads, leadRow{}),
		canonicalShape("touches", kindTouches, touchRow{}),
		canonicalShape("activities", kindActivities, activityRow{}),
		canonicalShape("opportunities", kindOpportunities, opportunityRow{}),
		canonicalShape("opportunity contacts", kindContacts, contactRow{}),
	}, append(append(salesforceShapes(), hubspotShapes()...), genericShapes()...)...)
}

// match is how well one header fits one shape.
type match struct {
	shape   *shape
	cols    cols
	found   int      // fields present
	missing []string // required fields absent (their first spelling)
	// missingRoles names the required fields absent, as a mapping names them.
	missingRoles []string
	need         int // required fields
}

// fit locates the fields of s in a normalized header.
func fit(s *shape, header []string, renames map[string]string) match {
	m := match{shape: s, cols: cols{}}
	pos := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	for _, f := range s.fields {
		if f.required {
			m.need++
		}
		names := f.names
		if r, ok := renames[f.role]; ok {
			names = []string{normalizeHeader(r)}
		}
		found := false
		for _, n := range names {
			if i, ok := pos[n]; ok {
				m.cols[f.role], found = i, true
				break
			}
		}
		switch {
		case found:
			m.found++
		case f.required && (s.preset == "generic" || s.preset == "canonical") && !f.marker:
			m.missing = append(m.missing, f.role)
			m.missingRoles = append(m.missingRoles, f.role)
		case f.required:
			m.missing = append(m.missing, displayName(f))
			if !f.marker {
				m.missingRoles = append(m.missingRoles, f.role)
			}
		}
	}
	return m
}

// displayName is the spelling used to name a missing column.
func displayName(f field) string {
	return strings.Join(f.spelled[:min(len(f.spelled), 2)], " or ")
}

// detect picks the shape of a header among the shapes of preset: nil and
// the closest match when none fits.
func detect(header []string, preset string, renames map[string]string, forced string) (*match, *match) {
	all := allShapes
	var best, closest *match
	// Generic shapes (plain-word headers) are tried only when no CRM's
	// own shape fits: "Contact ID" in a Salesforce report is not a lead id.
	for i := range all {
		s := &all[i]
		if s.preset == "generic" && best != nil && best.shape.preset != "generic" {
			continue
		}
		if forced != "" {
			if !strings.EqualFold(s.Name, forced) {
				continue
			}
		} else if preset != "auto" && preset != "" && s.preset != preset {
			continue
		}
		m := fit(s, header, renames)
		if forced != "" && len(m.missingRoles) == 0 {
			// A shape named in the mapping needs no marker column.
			m.missing = nil
		}
		if len(m.missing) == 0 {
			if best == nil || m.found > best.found {
				best = &m
			}
			continue
		}
		// Closest: fewest required fields missing, then most required
		// fields present, then most fields present.
		if m.need == len(m.missing) {
			continue
		}
		if closest == nil || closerThan(&m, closest) {
			closest = &m
		}
	}
	return best, closest
}

// closerThan reports whether header fit a is closer to its shape than b.
func closerThan(a, b *match) bool {
	if len(a.missing) != len(b.missing) {
		return len(a.missing) < len(b.missing)
	}
	ra, rb := a.need-len(a.missing), b.need-len(b.missing)
	if ra != rb {
		return ra > rb
	}
	return a.found > b.found
}

// dataFile reports whether name is a file the loader looks at.
func dataFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt", ".xlsx":
		return true
	}
	return false
}

// UnknownFileError describes a file that matches no known shape: it is
// ignored with a note, or fails the load when no file gives leads.
type UnknownFileError struct {
	File    string
	Closest string
	Missing []string
}

func (e *UnknownFileError) Error() string {
	if e.Closest == "" {
		return fmt.Sprintf("%s: not a known export", e.File)
	}
	return fmt.Sprintf("%s:1: not a known export: the closest shape is %s, which needs %s", e.File, e.Closest, strings.Join(quoteAll(e.Missing), ", "))
}

// regularFile returns an error unless path (a link followed) is a regular
// file: a directory, named pipe, socket or device named like a data file
// fails the load, naming it, rather than being taken as absent or hanging
// the run on open.
func regularFile(name, path string) error {
	st, err := files.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if m := st.Mode(); !m.IsRegular() {
		what := "not a regular file"
		switch {
		case m.IsDir():
			what = "a folder"
		case m&os.ModeNamedPipe != 0:
			what = "a named pipe"
		case m&os.ModeSocket != 0:
			what = "a socket"
		case m&os.ModeDevice != 0:
			what = "a device"
		}
		return fmt.Errorf("%s is %s, not a file; only regular files are read (rename or remove it)", name, what)
	}
	return nil
}

// sources lists the files of dir to read, in reading order (canonical
// kind, then file name), recognising each by its header row. Files that
// match nothing are left out with a note; a folder without a file that
// gives leads or opportunities fails, naming the next step.
func (l *load) sources(dir string) ([]source, error) {
	diags, err := l.diagnoseDir(dir)
	if err != nil {
		return nil, err
	}
	if err := l.opts.Mapping.check(dir, diags); err != nil {
		return nil, err
	}
	var out []source
	var skipped []diagnosis
	for _, d := range diags {
		name, path := d.name, d.path
		switch {
		case d.skipped():
			skipped = append(skipped, d)
			continue
		case d.canonical:
			out = append(out, source{name: name, path: path, kind: d.kind, shape: "canonical " + strings.TrimSuffix(kindFiles[d.kind], ".csv"), dialect: d.t.Dialect})
			continue
		}
		best, t := d.best, d.t
		src := source{name: name, path: path, kind: best.shape.kind, shape: best.shape.Name, dialect: t.Dialect, match: best}
		if best.shape.lookup != nil {
			src.kind, src.lookup = -1, best.shape.lookup
		}
		if best.shape.adapt != nil {
			s, cl := best.shape, best.cols
			src.adapt = func(l *load, t *table) (*table, error) { return s.adapt(l, t, cl) }
		}
		if dv := best.shape.derived; dv != nil && best.cols.has(dv.role) {
			src.also = ", and its " + strings.TrimSpace(t.Raw[best.cols[dv.role]]) + " as " + dv.name
			out = append(out, source{name: name, kind: dv.kind, shape: best.shape.Name + " " + dv.name,
				derived: func(l *load) *table { return dv.table(l, name) }})
		}
		out = append(out, src)
	}
	// Within a kind, shapes read in the order listed (a Salesforce Lead
	// before its converted Contact), then by file name.
	order := map[string]int{}
	for i, s := range allShapes {
		order[s.Name] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].kind != out[j].kind {
			return out[i].kind < out[j].kind
		}
		return order[out[i].shape] < order[out[j].shape]
	})
	hasRecords := false
	for _, s := range out {
		if s.lookup != nil {
			continue
		}
		hasRecords = hasRecords || s.kind == kindLeads || s.kind == kindOpportunities
	}
	if !hasRecords {
		// The files that nearly hold leads or opportunities say what they
		// lack; the others only that they were skipped.
		var why []string
		for _, d := range skipped {
			if d.closest != nil {
				why = append(why, d.note)
			}
		}
		if len(why) == 0 {
			for _, d := range skipped {
				why = append(why, d.note)
			}
		}
		msg := fmt.Sprintf("no file in %s gives leads or opportunities (%s, %s, or a Salesforce or HubSpot export of them)", dir, LeadsFile, OpportunitiesFile)
		if len(why) > 0 {
			msg += ":\n  " + strings.Join(why, "\n  ")
		} else {
			msg += "; if your files hold them under other column names, `" + nextStep(dir) + "` and name the columns"
		}
		return nil, fmt.Errorf("%s", msg)
	}
	for _, d := range skipped {
		l.ds.Notes = append(l.ds.Notes, d.note)
	}
	if err := l.checkIDLengths(out); err != nil {
		return nil, err
	}
	for _, s := range out {
		if s.derived == nil {
			l.ds.Detected = append(l.ds.Detected, fmt.Sprintf("%s: %s%s (%s)", s.name, s.shape, s.also, s.dialect))
		}
	}
	return out, nil
}

// preset is --preset, lower-cased; auto when not given.
func (l *load) preset() string {
	if p := strings.ToLower(l.opts.Preset); p != "" {
		return p
	}
	return "auto"
}

// detectFile reads the header row of a file of the folder and picks its
// shape (see detect); t holds the header and the dialect, its records
// unread.
func (l *load) detectFile(name, path string) (t *table, best, closest *match, err error) {
	fm := l.opts.Mapping.file(name)
	t, c, err := l.openFile(name, path, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	c.Close()
	best, closest = detect(normalizedHeader(t.Raw), l.preset(), fm.renames(), fm.shapeName())
	return t, best, closest, nil
}

func normalizedHeader(raw []string) []string {
	h := make([]string, len(raw))
	for i, v := range raw {
		h[i] = normalizeHeader(v)
	}
	return h
}
