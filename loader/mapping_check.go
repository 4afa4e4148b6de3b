package loader

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/campaignretro/retro/internal/suggest"
	"go.yaml.in/yaml/v3"
)

// MappingError is a mistake in the mapping file: a key, file, shape, field,
// column or value it names that does not exist. It is a usage error: the
// run writes nothing and exits with status 2.
type MappingError struct {
	// File is the mapping file; Line its line, when known.
	File string
	Line int
	Msg  string
}

func (e *MappingError) Error() string {
	if e.File == "" {
		return "mapping: " + e.Msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("--mapping %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("--mapping %s: %s", e.File, e.Msg)
}

// IsMappingError reports whether err is (or wraps) a mistake in the
// mapping file.
func IsMappingError(err error) bool {
	var m *MappingError
	return errors.As(err, &m)
}

// mappingKeys are the keys of one file's mapping, in the order they are
// documented.
var mappingKeys = []string{"shape", "sheet", "columns", "values", "fixed", "date_formats"}

// checkYAML walks the parsed mapping and names the first key that is not
// one of the mapping's own, or a value of the wrong form, with its line
// and the closest correct key: the messages speak of the file's keys,
// never of Go types.
func checkYAML(file string, doc *yaml.Node) error {
	bad := func(n *yaml.Node, format string, a ...any) error {
		return &MappingError{File: file, Line: n.Line, Msg: fmt.Sprintf(format, a...)}
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return bad(doc, "the mapping must start with files: (see docs/data.md)")
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value != "files" {
			return bad(k, "%q is not a key of a mapping%s; the mapping starts with files:", k.Value, didYouMean(k.Value, []string{"files"}))
		}
		if v.Kind != yaml.MappingNode {
			if v.Tag == "!!null" {
				continue
			}
			return bad(v, "files: must hold one entry per file name (e.g. Lead.csv:)")
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			fk, fv := v.Content[j], v.Content[j+1]
			if fv.Kind != yaml.MappingNode {
				if fv.Tag == "!!null" {
					continue
				}
				return bad(fv, "files: %s: must hold keys such as shape:, columns:, values:, fixed:", fk.Value)
			}
			for m := 0; m+1 < len(fv.Content); m += 2 {
				key, val := fv.Content[m], fv.Content[m+1]
				if !contains(mappingKeys, key.Value) {
					return bad(key, "files: %s: %q is not a key of a file's mapping%s (the keys are %s)", fk.Value, key.Value, didYouMean(key.Value, mappingKeys), strings.Join(mappingKeys, ", "))
				}
				if err := checkYAMLValue(bad, fk.Value, key.Value, val); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkYAMLValue checks the form of one key of a file's mapping: a text
// (shape, sheet), field: text (columns, fixed, date_formats), or field:
// {value: value} (values).
func checkYAMLValue(bad func(*yaml.Node, string, ...any) error, file, key string, v *yaml.Node) error {
	where := "files: " + file + ": " + key
	switch key {
	case "shape", "sheet":
		if v.Kind != yaml.ScalarNode {
			return bad(v, "%s: must be a text", where)
		}
		return nil
	}
	if v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return bad(v, "%s: must hold field: value lines", where)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		f, x := v.Content[i], v.Content[i+1]
		if key != "values" {
			if x.Kind != yaml.ScalarNode {
				return bad(x, "%s: %s: must be a text", where, f.Value)
			}
			continue
		}
		if x.Kind != yaml.MappingNode {
			return bad(x, "%s: %s: must map each value in the file to a value (e.g. {Web: marketing})", where, f.Value)
		}
		for j := 1; j < len(x.Content); j += 2 {
			if x.Content[j].Kind != yaml.ScalarNode {
				return bad(x.Content[j], "%s: %s: %s: must be a text", where, f.Value, x.Content[j-1].Value)
			}
		}
	}
	return nil
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// s, or "" when none is close.
func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// closest returns the candidate nearest to s (case-insensitive edit
// distance, at most a third of its length and at least 2), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(strings.TrimSpace(s))
	for _, c := range candidates {
		lc := strings.ToLower(strings.TrimSpace(c))
		d := suggest.EditDistance(ls, lc)
		if len(ls) >= 3 && (strings.HasPrefix(lc, ls) || strings.HasPrefix(ls, lc)) {
			d = min(d, 1) // "created" for "created_at"
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD >= 0 && bestD <= max(2, len(ls)/3) {
		return best
	}
	return ""
}

// checkMapping checks the mapping against the folder's files, once each
// file's diagnosis is known: every file key matches a file, every shape
// exists, and every field, column and value a file's mapping names is one
// its shape reads.
func (m *Mapping) check(dir string, diags []diagnosis) error {
	if m == nil {
		return nil
	}
	bad := func(format string, a ...any) error {
		return &MappingError{File: m.source, Msg: fmt.Sprintf(format, a...)}
	}
	var names []string
	for _, d := range diags {
		names = append(names, d.name)
	}
	for _, key := range sortedKeys(m.Files) {
		matched := false
		for _, n := range names {
			ok, err := path.Match(strings.ToLower(key), strings.ToLower(n))
			if err != nil {
				return bad("files: %q is not a valid file name pattern: %v", key, err)
			}
			matched = matched || ok || strings.EqualFold(key, n)
		}
		if !matched {
			return bad("files: %q matches no file in %s%s (the files are %s)", key, dir, didYouMean(key, names), strings.Join(quoteAll(names), ", "))
		}
		if s := m.Files[key].shapeName(); s != "" && findShape(s) == nil {
			var all []string
			for _, sh := range allShapes {
				all = append(all, sh.Name)
			}
			return bad("files: %s: shape: %q is not a known shape%s (the shapes are %s)", key, s, didYouMean(s, all), strings.Join(quoteAll(all), ", "))
		}
	}
	for _, d := range diags {
		fm := m.file(d.name)
		if fm == nil || d.t == nil {
			continue
		}
		var s *shape
		switch {
		case d.best != nil:
			s = d.best.shape
		case d.closest != nil:
			s = d.closest.shape
		case d.canonical:
			s = findShape("canonical " + strings.TrimSuffix(kindFiles[d.kind], ".csv"))
		}
		if s == nil && fm.shapeName() != "" {
			s = findShape(fm.shapeName())
		}
		if s == nil {
			if len(fm.Columns)+len(fm.Values)+len(fm.Fixed)+len(fm.DateFormats) > 0 {
				return bad("files: %s: the file fits no known shape, so the fields its mapping names feed nothing: add a shape: line (retro mapping --print shows the closest)", d.name)
			}
			continue
		}
		if err := fm.checkFields(bad, d, s); err != nil {
			return err
		}
	}
	return nil
}

// findShape returns the shape named name (case-insensitive), or nil.
func findShape(name string) *shape {
	for i := range allShapes {
		if strings.EqualFold(allShapes[i].Name, name) {
			return &allShapes[i]
		}
	}
	return nil
}

// fieldsOf lists the fields a mapping may name for a file of shape s: the
// shape's roles and the canonical columns of its kind.
func fieldsOf(s *shape) []string {
	var out []string
	for _, f := range s.fields {
		if !f.marker && !contains(out, f.role) {
			out = append(out, f.role)
		}
	}
	for _, n := range columnsOf(reflect.TypeOf(kindRows[s.kind])).names {
		if !contains(out, n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// checkFields checks the fields, columns and values one file's mapping
// names against its shape and header.
func (f *FileMapping) checkFields(bad func(string, ...any) error, d diagnosis, s *shape) error {
	fields := fieldsOf(s)
	canon := columnsOf(reflect.TypeOf(kindRows[s.kind])).names
	header := make([]string, 0, len(d.t.Raw))
	for _, h := range d.t.Raw {
		if h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")); h != "" && !isFixedColumn(h) {
			header = append(header, h)
		}
	}
	norm := normalizedHeader(header)
	field := func(key, name string, allowed []string) error {
		if contains(allowed, name) {
			return nil
		}
		return bad("files: %s: %s: %q is not a field of %s%s (its fields are %s)", d.name, key, name, s.Name, didYouMean(name, allowed), strings.Join(allowed, ", "))
	}
	for _, fld := range sortedKeys(f.Columns) {
		if err := field("columns", fld, fields); err != nil {
			return err
		}
		col := f.Columns[fld]
		if !contains(norm, normalizeHeader(col)) {
			return bad("files: %s: columns: %s: %q is not a column of %s%s", d.name, fld, col, d.name, didYouMean(col, header))
		}
	}
	for _, fld := range sortedKeys(f.Fixed) {
		if err := field("fixed", fld, fields); err != nil {
			return err
		}
	}
	for _, fld := range sortedKeys(f.DateFormats) {
		if err := field("date_formats", fld, fields); err != nil {
			return err
		}
	}
	valueFields := []string{}
	for _, n := range canon {
		if !contains(valueFields, n) {
			valueFields = append(valueFields, n)
		}
	}
	for _, fld := range sortedKeys(f.Values) {
		if err := field("values", fld, valueFields); err != nil {
			return err
		}
		allowed := map[string][]string{"origin": {"marketing", "sales", "partner", "other"}, "status": {"open", "won", "lost"}}[fld]
		if allowed == nil {
			continue
		}
		for _, from := range sortedKeys(f.Values[fld]) {
			to := f.Values[fld][from]
			if !contains(allowed, strings.ToLower(strings.TrimSpace(to))) {
				return bad("files: %s: values: %s: %s: %q is not one of %s%s", d.name, fld, from, to, strings.Join(allowed, ", "), didYouMean(to, allowed))
			}
		}
	}
	for _, fld := range sortedKeys(f.Fixed) {
		allowed := map[string][]string{"origin": {"marketing", "sales", "partner", "other"}, "status": {"open", "won", "lost"}}[fld]
		if v := f.Fixed[fld]; allowed != nil && !contains(allowed, strings.ToLower(strings.TrimSpace(v))) {
			return bad("files: %s: fixed: %s: %q is not one of %s%s", d.name, fld, v, strings.Join(allowed, ", "), didYouMean(v, allowed))
		}
	}
	return nil
}
