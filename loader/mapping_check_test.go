package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// funnelFiles is a folder shaped like a marketing funnel export: a file of
// MQLs and a file of closed deals that names its MQL and only the date it
// was won.
var funnelFiles = map[string]string{
	"mqls.csv": "mql_id,first_contact_date,landing_page_id,origin\n" +
		"m1,2026-07-01,p1,paid_search\n" +
		"m2,2026-07-03,p2,social\n" +
		"m3,2026-08-10,p1,organic_search\n",
	"closed_deals.csv": "mql_id,seller_id,won_date,business_segment,declared_monthly_revenue\n" +
		"m1,s1,2026-07-20 10:00:00,pet,1200.5\n" +
		"m3,s2,2026-09-01 16:30:00,car,0\n",
}

// funnelMapping reads the closed deals as won opportunities: won_date feeds
// both created_at and closed_at, the status is fixed.
const funnelMapping = `files:
  mqls.csv:
    shape: canonical leads
    columns: {lead_id: mql_id, created_at: first_contact_date, mql_at: first_contact_date, source: origin}
  closed_deals.csv:
    shape: canonical opportunities
    columns:
      opportunity_id: mql_id
      lead_id: mql_id
      created_at: won_date
      closed_at: won_date
      amount: declared_monthly_revenue
    fixed: {status: won}
`

// loadWithMapping writes files and a mapping and loads the folder.
func loadWithMapping(t *testing.T, files map[string]string, mapping string) (*Dataset, error) {
	t.Helper()
	dir := writeFiles(t, files)
	mf := filepath.Join(t.TempDir(), "mapping.yaml")
	if err := os.WriteFile(mf, []byte(mapping), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := ReadMapping(mf)
	if err != nil {
		return nil, err
	}
	opts := DefaultOptions()
	opts.Mapping = m
	return Load(dir, opts)
}

// TestMappingOneColumnSeveralFields: won_date feeds created_at and
// closed_at, first_contact_date created_at and mql_at, and a fixed status
// supplies a required field.
func TestMappingOneColumnSeveralFields(t *testing.T) {
	ds, err := loadWithMapping(t, funnelFiles, funnelMapping)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) > 0 {
		t.Fatalf("problems: %v", ds.Problems)
	}
	if len(ds.Opportunities) != 2 {
		t.Fatalf("opportunities = %d, want 2", len(ds.Opportunities))
	}
	for i, o := range ds.Opportunities {
		if o.Status != Won || o.CreatedAt != o.ClosedAt || o.CreatedAt == NoTime {
			t.Errorf("opportunity %d = %+v: want won, created at its closing", i, o)
		}
	}
	if a := ds.Opportunities[0].Amount; a != 1200.5 {
		t.Errorf("amount = %v", a)
	}
	for i, l := range ds.Leads[:3] {
		if l.MQLAt != l.CreatedAt || l.CreatedAt == NoTime {
			t.Errorf("lead %d: mql_at %d, created_at %d", i, l.MQLAt, l.CreatedAt)
		}
	}
	want := "mqls.csv: canonical leads (comma-delimited, UTF-8)\nclosed_deals.csv: canonical opportunities (comma-delimited, UTF-8)"
	if got := strings.Join(ds.Detected, "\n"); got != want {
		t.Errorf("detected:\n%s\nwant:\n%s", got, want)
	}
}

// TestMappingDeterministic loads the same folder and mapping many times:
// what each file is taken for, and every problem, must not depend on the
// order of a map or of the folder's listing.
func TestMappingDeterministic(t *testing.T) {
	// A mapping where order mattered: one column feeds three fields, and
	// value keys differ only by case.
	mapping := funnelMapping + `    values:
      status: {WON: won, won: won}
`
	var first string
	for i := 0; i < 30; i++ {
		ds, err := loadWithMapping(t, funnelFiles, mapping)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(ds.Detected, ds.Problems, ds.Notes, ds.Opportunities, ds.Leads)
		if i == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d differs:\n%s\nfirst:\n%s", i, got, first)
		}
	}
}

// TestMappingFixedRequired: fixed supplies a required field an export
// lacks (an export with no creation date).
func TestMappingFixedRequired(t *testing.T) {
	ds, err := loadWithMapping(t, map[string]string{
		"Leads.csv": "Prospect ID,Lead Source,Lead Origin,Converted\nx1,Google,API,0\nx2,Olark Chat,Landing Page Submission,1\n",
	}, "files:\n  Leads.csv:\n    shape: canonical leads\n    columns: {lead_id: Prospect ID, source: Lead Source}\n    fixed: {created_at: 2019-01-15}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Leads) != 2 || FormatDay(DayOf(ds.Leads[1].CreatedAt, ds.Location)) != "2019-01-15" {
		t.Errorf("leads = %+v", ds.Leads)
	}
}

// TestMappingMistakes: each mistake in a mapping is an error naming it,
// with the closest correct name, and never a Go type.
func TestMappingMistakes(t *testing.T) {
	tests := []struct {
		name, mapping, want string
	}{
		{"misspelt top key", "file:\n  mqls.csv: {}\n", `mapping.yaml:1: "file" is not a key of a mapping; did you mean "files"?`},
		{"misspelt file key", "files:\n  mqls.csv:\n    colums: {lead_id: mql_id}\n", `mapping.yaml:3: files: mqls.csv: "colums" is not a key of a file's mapping; did you mean "columns"?`},
		{"columns not a map", "files:\n  mqls.csv:\n    columns: mql_id\n", `mapping.yaml:3: files: mqls.csv: columns: must hold field: value lines`},
		{"values not a map of values", "files:\n  mqls.csv:\n    values: {origin: marketing}\n", `files: mqls.csv: values: origin: must map each value in the file to a value`},
		{"not YAML", "files: [\n", `not valid YAML`},
		{"file key matches no file", "files:\n  mql.csv: {shape: canonical leads}\n", `files: "mql.csv" matches no file in`},
		{"file key suggestion", "files:\n  mql.csv: {shape: canonical leads}\n", `did you mean "mqls.csv"?`},
		{"unknown shape", "files:\n  mqls.csv: {shape: canonical lead}\n", `files: mqls.csv: shape: "canonical lead" is not a known shape; did you mean "canonical leads"?`},
		{"unknown field in columns", "files:\n  mqls.csv:\n    shape: canonical leads\n    columns: {lead_idd: mql_id, created_at: first_contact_date}\n", `files: mqls.csv: columns: "lead_idd" is not a field of canonical leads; did you mean "lead_id"?`},
		{"misspelt column", "files:\n  mqls.csv:\n    shape: canonical leads\n    columns: {lead_id: mql_idd, created_at: first_contact_date}\n", `files: mqls.csv: columns: lead_id: "mql_idd" is not a column of mqls.csv; did you mean "mql_id"?`},
		{"unknown field in fixed", "files:\n  closed_deals.csv:\n    shape: canonical opportunities\n    fixed: {stauts: won}\n", `files: closed_deals.csv: fixed: "stauts" is not a field of canonical opportunities; did you mean "status"?`},
		{"bad fixed status", "files:\n  closed_deals.csv:\n    shape: canonical opportunities\n    fixed: {status: wonn}\n", `files: closed_deals.csv: fixed: status: "wonn" is not one of open, won, lost; did you mean "won"?`},
		{"unknown field in values", "files:\n  mqls.csv:\n    values: {orign: {social: marketing}}\n", `files: mqls.csv: values: "orign" is not a field of canonical leads; did you mean "origin"?`},
		{"bad origin value", "files:\n  mqls.csv:\n    values: {origin: {social: marketting}}\n", `files: mqls.csv: values: origin: social: "marketting" is not one of marketing, sales, partner, other; did you mean "marketing"?`},
		{"unknown field in date_formats", "files:\n  mqls.csv:\n    date_formats: {created: \"02.01.2006\"}\n", `files: mqls.csv: date_formats: "created" is not a field of canonical leads; did you mean "created_at"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"mqls.csv":         "lead_id,created_at,mql_id,first_contact_date\nm1,2026-07-01,m1,2026-07-01\n",
				"closed_deals.csv": funnelFiles["closed_deals.csv"],
			}
			_, err := loadWithMapping(t, files, tc.mapping)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tc.want)
			}
			if !IsMappingError(err) {
				t.Errorf("%v is not a mapping error (exit status 2)", err)
			}
			if strings.Contains(err.Error(), "loader.") || strings.Contains(err.Error(), "type ") {
				t.Errorf("error shows Go internals: %v", err)
			}
		})
	}
}
