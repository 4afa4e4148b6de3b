package loader

import (
	"errors"
	"fmt"
	"io"
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

func (f *FileMapping) renames() map[string]string {
	if f == nil {
		return nil
	}
	return f.Columns
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
	for k, out := range vm {
		if strings.EqualFold(strings.TrimSpace(k), strings.TrimSpace(v)) {
			return out, true
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
	"cold call": "sales", "outbound": "sales", "sales": "sales", "sales prospecting": "sales", "self generated": "sales",
	"partner": "partner", "partner referral": "partner", "seminar - partner": "partner", "reseller": "partner",
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (f *FileMapping) dateFormats() map[string]string {
	if f == nil {
		return nil
	}
	return f.DateFormats
}

// ReadMapping reads a mapping file; unknown keys are errors, so that a
// misspelt "colums:" does not pass silently.
func ReadMapping(file string) (*Mapping, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("--mapping: %w", err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	var m Mapping
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("--mapping %s: %w", file, err)
	}
	return &m, nil
}
