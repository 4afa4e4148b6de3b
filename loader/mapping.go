package loader

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Mapping tells the loader, per file, what the detector cannot know: which
// custom column holds a value, how a CRM's values translate, and values
// that are the same for every row. It is read from YAML (--mapping):
//
//	files:
//	  Lead.csv:
//	    shape: Salesforce Lead          # optional: skip detection
//	    columns:                        # field -> column in the file
//	      mql_at: MQL_Date__c
//	      sql_at: SQL_Date__c
//	    values:                         # field -> value in the file -> value
//	      origin: {Web: marketing, Cold Call: sales, Partner Referral: partner}
//	    date_formats:                   # field -> Go layout, tried after ISO 8601
//	      mql_at: "02.01.2006 15:04"
//	  campaigns.xlsx:
//	    sheet: Campaigns
//	    fixed: {channel: email}
//
// File keys match file names case-insensitively and may use * and ?
// wildcards. Field names are the canonical columns of SPEC section 1, or
// the roles the detector prints with `retro mapping --print`.
type Mapping struct {
	Files map[string]*FileMapping `yaml:"files"`
	// source is the mapping file's name, for messages.
	source string
}

// FileMapping is the mapping of one file.
type FileMapping struct {
	Shape       string                       `yaml:"shape,omitempty"`
	Sheet       string                       `yaml:"sheet,omitempty"`
	Columns     map[string]string            `yaml:"columns,omitempty"`
	Values      map[string]map[string]string `yaml:"values,omitempty"`
	Fixed       map[string]string            `yaml:"fixed,omitempty"`
	DateFormats map[string]string            `yaml:"date_formats,omitempty"`
}

// file returns the mapping of the file named name; nil when there is none
// (every FileMapping method accepts nil).
func (m *Mapping) file(name string) *FileMapping {
	if m == nil {
		return nil
	}
	if f, ok := m.Files[name]; ok {
		return f
	}
	keys := make([]string, 0, len(m.Files))
	for k := range m.Files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ok, _ := path.Match(strings.ToLower(k), strings.ToLower(name)); ok {
			return m.Files[k]
		}
	}
	return nil
}

// renames maps each field the mapping names to the column that feeds it:
// the columns it names, and for a fixed value its own column (see
// withFixed), so that a fixed value counts as a column the file has.
func (f *FileMapping) renames() map[string]string {
	if f == nil || len(f.Fixed) == 0 {
		return f.columns()
	}
	out := make(map[string]string, len(f.Columns)+len(f.Fixed))
	for k, v := range f.Columns {
		out[k] = v
	}
	for k := range f.Fixed {
		if _, ok := out[k]; !ok {
			out[k] = fixedColumn(k)
		}
	}
	return out
}

func (f *FileMapping) columns() map[string]string {
	if f == nil {
		return nil
	}
	return f.Columns
}

// fixedColumn is the name of the column that holds a fixed value: problems
// with the value name it.
func fixedColumn(field string) string { return "(fixed " + field + ")" }

// isFixedColumn reports whether a header name is that of a fixed value.
func isFixedColumn(h string) bool { return strings.HasPrefix(h, "(fixed ") }

// withFixed adds to t one column per fixed value of fm, holding that
// value on every record, so that a fixed value feeds any field, required
// ones included, as a column would.
func withFixed(t *table, fm *FileMapping) {
	if fm == nil || len(fm.Fixed) == 0 {
		return
	}
	keys := sortedKeys(fm.Fixed)
	for _, k := range keys {
		t.Raw = append(t.Raw, fixedColumn(k))
		if t.header != nil {
			t.header = append(t.header, normalizeHeader(fixedColumn(k)))
		}
	}
	t.rewrite(len(t.Raw)-len(keys), func(_, out []string) []string {
		for _, k := range keys {
			out = append(out, fm.Fixed[k])
		}
		return out
	})
}

func (f *FileMapping) shapeName() string {
	if f == nil {
		return ""
	}
	return f.Shape
}

// value maps v of field through the mapping's values (case-insensitive).
func (f *FileMapping) value(field, v string) (string, bool) {
	if f == nil || f.Values[field] == nil {
		return "", false
	}
	vm := f.Values[field]
	if out, ok := vm[v]; ok {
		return out, true
	}
	for _, k := range sortedKeys(vm) { // in key order: the same key wins every run
		if strings.EqualFold(strings.TrimSpace(k), strings.TrimSpace(v)) {
			return vm[k], true
		}
	}
	return "", false
}

// apply puts the mapping's value maps and fixed values into a canonical
// record.
func (f *FileMapping) apply(names, out []string) {
	if f == nil {
		return
	}
	for i, n := range names {
		if v, ok := f.Fixed[n]; ok {
			out[i] = v
			continue
		}
		if n == "origin" || n == "status" {
			continue // mapped from the source value by the adapter
		}
		if v, ok := f.value(n, out[i]); ok {
			out[i] = v
		}
	}
}

// origin returns the origin of a record from its lead source: the
// mapping's values.origin first, then defaultOrigins; "" when empty.
func (f *FileMapping) origin(source string) string {
	if v, ok := f.value("origin", source); ok {
		return v
	}
	if source == "" {
		return ""
	}
	if o, ok := defaultOrigins[strings.ToLower(strings.ReplaceAll(source, "_", " "))]; ok {
		return o
	}
	return "other"
}

// defaultOrigins maps common CRM lead source values to the origin of SPEC
// section 1. Anything else is "other"; a mapping file overrides it.
var defaultOrigins = map[string]string{
	"web": "marketing", "website": "marketing", "online form": "marketing", "web form": "marketing",
	"webinar": "marketing", "trade show": "marketing", "tradeshow": "marketing", "seminar": "marketing",
	"event": "marketing", "advertisement": "marketing", "email": "marketing", "email marketing": "marketing",
	"paid search": "marketing", "organic search": "marketing", "social media": "marketing", "paid social": "marketing",
	"content syndication": "marketing", "content": "marketing", "purchased list": "marketing", "marketing": "marketing",
	"phone inquiry": "marketing", "direct mail": "marketing", "direct traffic": "marketing", "referrals": "marketing",
	"other campaigns": "marketing", "organic social": "marketing", "email marketing campaign": "marketing",
	"social": "marketing", "referral": "marketing", "display": "marketing", "other publicities": "marketing",
	"google": "marketing", "bing": "marketing", "facebook": "marketing", "olark chat": "marketing", "live chat": "marketing",
	"cold call": "sales", "outbound": "sales", "sales": "sales", "sales prospecting": "sales", "self generated": "sales",
	"partner": "partner", "partner referral": "partner", "seminar - partner": "partner", "reseller": "partner",
}

func (f *FileMapping) dateFormats() map[string]string {
	if f == nil {
		return nil
	}
	return f.DateFormats
}

// ReadMapping reads a mapping file. A key that is not the mapping's own
// (a misspelt "colums:") is a *MappingError naming its line and the
// closest key; the files, shapes, fields and columns it names are checked
// against the folder when it is loaded.
func ReadMapping(file string) (*Mapping, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--mapping: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &MappingError{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	m := Mapping{source: file}
	if doc.Kind == 0 {
		return &m, nil
	}
	if err := checkYAML(file, &doc); err != nil {
		return nil, err
	}
	if err := doc.Decode(&m); err != nil {
		return nil, &MappingError{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	return &m, nil
}
