package loader

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// maxMappedValues bounds the values listed per field of a printed mapping.
const maxMappedValues = 200

// PrintMapping writes, as YAML, the mapping the detector infers for the
// files of dir, for the user to edit and pass back with --mapping: per
// file its shape, the column each field was found in, and the value maps
// the adapters apply to this data (lead sources to origins, stages to
// statuses). Passed back unchanged, it reads the folder the same way.
// Comments say how each file is written, which fields were not found, and
// which values are guesses to check: a stage taken as open only because
// of its name is left commented out. Files that match no shape are listed
// in comments with what they lack. opts gives the preset, the sheet and a
// mapping to start from (its columns and shapes steer detection).
func PrintMapping(w io.Writer, dir string, opts Options) error {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	l := &load{ds: &Dataset{Dir: dir, Location: opts.Location, HasColumn: map[string]bool{}}, opts: opts}
	diags, err := l.diagnoseDir(dir)
	if err != nil {
		return err
	}
	if err := opts.Mapping.check(dir, diags); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The mapping retro inferred for %s: edit it, then pass it with --mapping.\n", dir)
	b.WriteString("# Per file: shape (what the file is taken for), columns (field: column in the\n" +
		"# file), values (field: {value in the file: value}), fixed (field: value for\n" +
		"# every row), date_formats (field: Go layout tried after ISO 8601 and US\n" +
		"# report dates, e.g. \"02.01.2006 15:04\"), sheet (the worksheet of an XLSX file).\n" +
		"# origin is marketing, sales, partner or other; status is open, won or lost.\n")
	b.WriteString("files:\n")
	for _, d := range diags {
		if d.best == nil && d.t != nil && isPathHeader(d.t.Raw) {
			fmt.Fprintf(&b, "  # %s: an aggregated path file (path, total_conversions): read as it is, without a mapping; a folder holding one gives channel attribution alone.\n", d.name)
			continue
		}
		if d.best == nil && d.t != nil {
			if we := wideJourneysIn(d.name, d.path, l.sheet(l.opts.Mapping.file(d.name))); we != nil {
				if we.Marker != "" {
					fmt.Fprintf(&b, "  # %s: journeys, one per row and a step per column, each ending with the conversion marker %q: read as they are, without a mapping, when the folder holds no CRM export; a folder holding them gives channel attribution alone.\n", d.name, we.Marker)
					continue
				}
				b.WriteString("  # " + strings.ReplaceAll(we.Error(), "\n", "\n  # ") + "\n")
				continue
			}
		}
		switch {
		case d.skipped() && d.best == nil && d.closest != nil && len(d.closest.missingRoles) > 0 && !isDictionary(d.t.Raw):
			l.printUnknown(&b, d)
		case d.skipped():
			fmt.Fprintf(&b, "  # %s\n", d.note)
		case d.canonical:
			fmt.Fprintf(&b, "  %s:\n    # %s\n    shape: %s\n    # a canonical file, read as it is\n", yamlScalar(d.name), d.t.Dialect, yamlScalar("canonical "+strings.TrimSuffix(kindFiles[d.kind], ".csv")))
		default:
			if err := l.printFile(&b, d.name, d.path, d.t, d.best); err != nil {
				return err
			}
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// printFile writes the mapping of one recognised file.
func (l *load) printFile(b *strings.Builder, name, path string, t *table, m *match) error {
	s, c := m.shape, m.cols
	fmt.Fprintf(b, "  %s:\n", yamlScalar(name))
	fmt.Fprintf(b, "    # %s\n", t.Dialect)
	fmt.Fprintf(b, "    shape: %s\n", yamlScalar(s.Name))
	fm := l.opts.Mapping.file(name)
	if sheet := l.sheet(fm); sheet != "" {
		fmt.Fprintf(b, "    sheet: %s\n", yamlScalar(sheet))
	}
	if s.adapt == nil && s.lookup == nil {
		b.WriteString("    # a canonical file: its columns need no mapping\n")
		return nil
	}
	b.WriteString("    columns:\n")
	writeColumns(b, s.fields, t.Raw, c, false)
	origins := c.has("source") && !c.has("origin")
	statuses := c.has("stage") && !c.has("status")
	if !origins && !statuses {
		return nil
	}
	v, err := l.observe(name, path, m, origins, statuses)
	if err != nil {
		return err
	}
	b.WriteString("    values:\n")
	if origins {
		col := strings.TrimSpace(t.Raw[c["source"]])
		fmt.Fprintf(b, "      # origin of each %s value\n", col)
		b.WriteString("      origin:\n")
		writeValues(b, v.origin, v.moreOrigins, func(value string, seen map[string]bool) string {
			if len(seen) > 1 || v.detailed[value] {
				return "depends on " + strings.TrimSpace(t.Raw[c["source_detail"]])
			}
			if _, mapped := fm.value("origin", value); !mapped && !knownSource(value) {
				return "not a known source: check"
			}
			return ""
		})
	}
	if statuses {
		col := strings.TrimSpace(t.Raw[c["stage"]])
		fmt.Fprintf(b, "      # status of each %s value\n", col)
		b.WriteString("      status:\n")
		writeValues(b, v.status, v.moreStatuses, func(value string, seen map[string]bool) string {
			if len(seen) > 1 {
				return "differs between rows"
			}
			if seen["open"] && !c.has("is_closed") {
				return "open by its name only: check it, then remove the #"
			}
			return ""
		})
	}
	return nil
}

// observed holds the values a file's rows gave each field.
type observed struct {
	origin, status            map[string]map[string]bool // value in the file -> results
	detailed                  map[string]bool            // sources whose origin needs the drill-down
	moreOrigins, moreStatuses bool                       // values left out past maxMappedValues
}

// observe reads a file's records and notes the origin of each source value
// and the status of each stage, as the file's adapter computes them.
func (l *load) observe(name, path string, m *match, origins, statuses bool) (*observed, error) {
	fm := l.opts.Mapping.file(name)
	t, closer, err := l.openFile(name, path, nil)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	c, hub := m.cols, m.shape.preset == "hubspot"
	v := &observed{origin: map[string]map[string]bool{}, status: map[string]map[string]bool{}, detailed: map[string]bool{}}
	note := func(in map[string]map[string]bool, more *bool, value, result string) {
		if value == "" || result == "" {
			return
		}
		if in[value] == nil {
			if len(in) == maxMappedValues {
				*more = true
				return
			}
			in[value] = map[string]bool{}
		}
		in[value][result] = true
	}
	scratch := &table{Raw: t.Raw}
	return v, t.records(func(rec []string, line int) {
		if origins {
			source := c.get(rec, "source")
			origin := fm.origin(source)
			if hub {
				origin = hubOrigin(fm, source, c.get(rec, "source_detail"))
				v.detailed[source] = c.has("source_detail") && hubOrigin(fm, source, "") != hubOrigin(fm, source, "CRM_UI")
			}
			note(v.origin, &v.moreOrigins, source, origin)
		}
		if statuses {
			scratch.issues = scratch.issues[:0]
			status := fm.status(rec, c, scratch)
			if len(scratch.issues) == 0 {
				note(v.status, &v.moreStatuses, c.get(rec, "stage"), status)
			}
		}
	}, func(int, error) {})
}

// writeValues writes a value map in value order. A value with a remark
// from check is written as a comment when it cannot be mapped to one
// result or is a guess to confirm.
func writeValues(b *strings.Builder, in map[string]map[string]bool, more bool, check func(value string, seen map[string]bool) string) {
	values := make([]string, 0, len(in))
	for v := range in {
		values = append(values, v)
	}
	sort.Strings(values)
	if len(values) == 0 {
		b.WriteString("        {}\n")
	}
	for _, v := range values {
		seen := in[v]
		results := sortedKeys(seen)
		remark := check(v, seen)
		switch {
		case len(results) > 1 || strings.HasPrefix(remark, "depends"):
			fmt.Fprintf(b, "        # %s: %s (%s)\n", yamlScalar(v), strings.Join(results, " or "), remark)
		case strings.HasPrefix(remark, "open by"):
			fmt.Fprintf(b, "        # %s: %s  # %s\n", yamlScalar(v), results[0], remark)
		case remark != "":
			fmt.Fprintf(b, "        %s: %s  # %s\n", yamlScalar(v), results[0], remark)
		default:
			fmt.Fprintf(b, "        %s: %s\n", yamlScalar(v), results[0])
		}
	}
	if more {
		fmt.Fprintf(b, "        # ... more than %d values: the others are not listed\n", maxMappedValues)
	}
}

// yamlScalar writes s as a YAML scalar, quoted when YAML needs it.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	text := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(text, "\n") {
		j, _ := json.Marshal(s) // a JSON string is a YAML double-quoted scalar
		return string(j)
	}
	return text
}

// knownSource reports whether the default origins know a lead source.
func knownSource(v string) bool {
	v = strings.ToLower(strings.ReplaceAll(v, "_", " "))
	_, ok := defaultOrigins[v]
	return ok || hubOrigin(nil, v, "") != hubOrigin(nil, v, "CRM_UI")
}

// printUnknown writes the mapping of a file that fits no shape as the
// closest shape, with the columns found and, commented out, the required
// fields it lacks: the edits no tool could guess. Passed back unchanged,
// the file is still skipped, as before.
func (l *load) printUnknown(b *strings.Builder, d diagnosis) {
	m := d.closest
	fmt.Fprintf(b, "  # %s\n", d.note)
	fmt.Fprintf(b, "  # To read it as %s, name below the column of each required field marked\n"+
		"  # \"required\" (or give one value for every row under fixed:), and remove its #.\n", m.shape.Name)
	fmt.Fprintf(b, "  %s:\n", yamlScalar(d.name))
	fmt.Fprintf(b, "    # %s\n", d.t.Dialect)
	fmt.Fprintf(b, "    shape: %s\n", yamlScalar(m.shape.Name))
	b.WriteString("    columns:\n")
	writeColumns(b, m.shape.fields, d.t.Raw, m.cols, true)
}

// writeColumns writes the columns: entries of fields, each with the
// column of header raw that c locates for it, then the fields not found
// and the file's other date columns. With required set, a required field
// not found is written as a commented-out entry for the user to fill in.
func writeColumns(b *strings.Builder, fields []field, raw []string, c cols, required bool) {
	var missing []string
	for _, f := range fields {
		switch {
		case f.marker:
		case c.has(f.role):
			fmt.Fprintf(b, "      %s: %s\n", f.role, yamlScalar(strings.TrimSpace(strings.TrimPrefix(raw[c[f.role]], "\ufeff"))))
		case required && f.required:
			fmt.Fprintf(b, "      # %s: COLUMN   # required: the file has none of %s\n", f.role, strings.Join(quoteAll(f.spelled[:min(len(f.spelled), 3)]), ", "))
		default:
			missing = append(missing, f.role)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(b, "      # not found: %s (name the column that holds a field to read it)\n", strings.Join(missing, ", "))
	}
	writeOtherDates(b, raw, c)
}

// writeOtherDates lists, as a comment, the columns of a file that look
// like dates and feed no field: the creation or closing date a user may
// mean (a custom or simulated date) is often among them.
func writeOtherDates(b *strings.Builder, raw []string, used cols) {
	taken := map[int]bool{}
	for _, i := range used {
		taken[i] = true
	}
	var dates []string
	for i, h := range raw {
		if taken[i] || isFixedColumn(h) || strings.HasSuffix(normalizeHeader(h), "id") || !dateHeader(h) {
			continue
		}
		dates = append(dates, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	if len(dates) > 0 {
		fmt.Fprintf(b, "      # other date columns, unused: %s\n", strings.Join(quoteAll(dates), ", "))
	}
}

// notDates are words that end in "date" without naming a date.
var notDates = map[string]bool{"update": true, "candidate": true, "mandate": true, "validate": true}

// dateHeader reports whether a header names a date by its words (split at
// non-letters and at camel-case humps): a word that starts or ends with
// "date" (CloseDate, Opp Creation Date_Simulated, Birthdate), the word
// "created", or a last word "at" (created_at). "Receive More Updates" and
// "Update me on ..." are not dates.
func dateHeader(h string) bool {
	words := headerWords(h)
	for i, w := range words {
		switch {
		case notDates[w]:
		case strings.HasPrefix(w, "date"), strings.HasSuffix(w, "date"), w == "created":
			return true
		case w == "at" && i == len(words)-1 && i > 0:
			return true
		}
	}
	return false
}

// headerWords splits a header into lower-case words at every character
// that is not a letter and before an upper-case letter that follows a
// lower-case one.
func headerWords(h string) []string {
	var words []string
	var cur []rune
	prevLower := false
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range h {
		switch {
		case !unicode.IsLetter(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return words
}
