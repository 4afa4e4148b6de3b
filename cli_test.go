package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDidYouMean: a misspelt flag is a usage error naming the closest flag.
func TestDidYouMean(t *testing.T) {
	for typed, want := range map[string]string{
		"--perod": "--period", "--peroid": "--period", "--lookbak": "--lookback", "-period": "--period",
		"--half-lfe": "--half-life", "--formats": "--format", "--fiscal-year": "--fiscal-year-start",
	} {
		err := run([]string{typed, "x"}, &bytes.Buffer{}, &bytes.Buffer{})
		if !isUsage(err) || !strings.Contains(err.Error(), "did you mean "+want+"?") {
			t.Errorf("%s: got %v, want a usage error suggesting %s", typed, err, want)
		}
	}
	if err := run([]string{"--zzzzzzzz"}, &bytes.Buffer{}, &bytes.Buffer{}); !isUsage(err) || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("--zzzzzzzz: got %v, want a usage error with no suggestion", err)
	}
}

// TestFlagBounds: numeric flags refuse NaN, infinities, negative and
// out-of-range values as usage errors; the bounds themselves pass.
func TestFlagBounds(t *testing.T) {
	for _, args := range [][]string{
		{"--lookback", "36501"}, {"--lookback", "-1"}, {"--lookback", "10000000000"},
		{"--max-bad-rows", "NaN%"}, {"--max-bad-rows", "Inf%"}, {"--max-bad-rows", "-1%"}, {"--max-bad-rows", "101%"}, {"--max-bad-rows", "-3"},
		{"--sla", "NaN"}, {"--sla", "Inf"}, {"--sla", "-1"},
		{"--half-life", "NaN"}, {"--half-life", "+Inf"}, {"--half-life", "0"}, {"--half-life", "-7"},
		{"--fiscal-year-start", "0"}, {"--fiscal-year-start", "13"},
		{"--period", "0001-01-01..9999-12-31"}, {"--period", "2016-01-01..2026-01-01"},
	} {
		err := run(append(args, "testdata/small"), &bytes.Buffer{}, &bytes.Buffer{})
		if !isUsage(err) {
			t.Errorf("%v: want a usage error, got %v", args, err)
		}
	}
	for _, args := range [][]string{
		{"--lookback", "36500", "--period", "2026-Q3"},
		{"--long-period", "--period", "2016-01-01..2026-09-30"},
		{"--period", "2016-10-01..2026-09-30"}, // 10 years exactly
	} {
		out := t.TempDir()
		if err := run(append(args, "-q", "--max-bad-rows", "50%", "--format", "json", "--out", out, "testdata/small"), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
}

// TestNoDataFolder: run outside the repository with no folder, the error is
// one line telling the user to pass the export folder.
func TestNoDataFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{}, {"mapping", "--print"}} {
		err := run(args, &bytes.Buffer{}, &bytes.Buffer{})
		if !isUsage(err) || !strings.Contains(err.Error(), "pass the folder of your exports") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: got %v", args, err)
		}
	}
}

// TestPeriodLine: stderr always says which period was chosen and why; a
// period with no data fails, names the data's span and writes nothing.
func TestPeriodLine(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for args, want := range map[string]string{
		"":                      "period 2026-Q2 (2026-04-01..2026-06-30): the last complete quarter before as_of 2026-09-25T00:00:00Z, the latest event in the data",
		"--period 2026-Q3":      "period 2026-Q3 (2026-07-01..2026-09-30): given by --period",
		"--fiscal-year-start 2": "period FY2027-Q2 (2026-05-01..2026-07-31): the last complete quarter",
		"--period 2026-07-01..2026-09-30 --fiscal-year-start 7": "period FY2027-Q1 (2026-07-01..2026-09-30): given by --period",
	} {
		var stderr bytes.Buffer
		if err := run(append(strings.Fields(args), "--format", "json", "--max-bad-rows", "50%", "--out", out, "testdata/small"), &bytes.Buffer{}, &stderr); err != nil {
			t.Fatalf("%s: %v", args, err)
		}
		if !strings.Contains(stderr.String(), "\n"+want) {
			t.Errorf("%q: stderr lacks %q:\n%s", args, want, stderr.String())
		}
	}
	empty := filepath.Join(t.TempDir(), "empty")
	err := run([]string{"--period", "2020-Q1", "--max-bad-rows", "50%", "--out", empty, "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || isUsage(err) || !strings.Contains(err.Error(), "the data covers 2026-06-14..2026-09-25") {
		t.Errorf("empty period: got %v", err)
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("an empty period wrote %s", empty)
	}
	// An empty default period: stderr still says how it was chosen.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "leads.csv"), []byte("lead_id,created_at\nL1,2026-08-10\nL2,2026-08-20\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	err = run([]string{"--out", empty, dir}, &bytes.Buffer{}, &stderr)
	want := "period 2026-Q2 (2026-04-01..2026-06-30): the last complete quarter before as_of 2026-08-20T00:00:00Z, the latest event in the data; no complete quarter has a lead or opportunity created (the first was created 2026-08-10, in a quarter not yet complete)"
	if err == nil || !strings.Contains(err.Error(), "such as --period 2026-Q3") || !strings.Contains(stderr.String(), want) {
		t.Errorf("empty default period: got %v, stderr:\n%s", err, stderr.String())
	}
}

// TestOpportunitiesOnly: a folder of opportunities alone gives the sections
// that need only them; an opportunity without an origin is unknown_sourced,
// and no sourced share is stated as fact (testdata/opportunities-only/README.md).
func TestOpportunitiesOnly(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--period", "2026-Q3", "--out", out, "testdata/opportunities-only"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Totals struct {
			Pipeline, Revenue float64
			LeadsCreated      *int `json:"leads_created"`
			MQLs              *int
		}
		Trend struct {
			Weeks []struct {
				LeadsCreated *int `json:"leads_created"`
			}
		}
		Sourcing struct {
			Pipeline, Revenue struct {
				MarketingSourced group    `json:"marketing_sourced"`
				SalesSourced     group    `json:"sales_sourced"`
				UnknownSourced   *group   `json:"unknown_sourced"`
				SourcedShare     *float64 `json:"sourced_share"`
			}
		}
		Hygiene     *struct{ Opportunities int }
		Latency     any
		Segments    struct{ Origin []segmentRow }
		Missing     []struct{ Section, Needs string } `json:"missing_sections"`
		Attribution any
	}
	b, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	p, v := r.Sourcing.Pipeline, r.Sourcing.Revenue
	if r.Totals.Pipeline != 7500 || r.Totals.Revenue != 1700 ||
		p.UnknownSourced == nil || *p.UnknownSourced != (group{2, 5000}) || p.MarketingSourced != (group{1, 2500}) ||
		v.UnknownSourced == nil || *v.UnknownSourced != (group{1, 1000}) || v.SalesSourced != (group{1, 700}) ||
		p.SourcedShare != nil || v.SourcedShare != nil {
		t.Errorf("sourcing: %s", b)
	}
	if r.Totals.LeadsCreated != nil || r.Totals.MQLs != nil || len(r.Trend.Weeks) != 14 || r.Trend.Weeks[0].LeadsCreated != nil {
		t.Errorf("lead figures are not null without leads.csv: totals %+v, trend %+v", r.Totals, r.Trend)
	}
	if r.Hygiene == nil || r.Hygiene.Opportunities != 3 || r.Latency != nil || r.Attribution != nil {
		t.Errorf("hygiene %+v, latency %v, attribution %v", r.Hygiene, r.Latency, r.Attribution)
	}
	want := []segmentRow{{"(none)", nil, 2, 5000, 1, 0, 1000}, {"marketing", nil, 1, 2500, 0, 1, 0}, {"sales", nil, 0, 0, 1, 0, 700}}
	if !slices.Equal(r.Segments.Origin, want) {
		t.Errorf("segments.origin = %+v, want %+v", r.Segments.Origin, want)
	}
	missing := map[string]string{}
	for _, m := range r.Missing {
		missing[m.Section] = m.Needs
	}
	if missing["lead_quality"] != "leads.csv" || missing["latency"] != "leads.csv and activities.csv" || missing["lead counts"] != "leads.csv" {
		t.Errorf("missing sections: %+v", r.Missing)
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if bytes.Contains(md, []byte("Marketing sourced 0%")) || bytes.Contains(md, []byte("Marketing sourced n/a")) ||
		!bytes.Contains(md, []byte("Who sourced \\$5,000 of the \\$7,500 of new pipeline is unknown")) ||
		!bytes.Contains(md, []byte("| Origin unknown | 2 | $5,000 |")) {
		t.Error("report.md states a sourced share where the origin is unknown, or lacks the unknown group")
	}
	// Without leads.csv or opportunities.csv, the run fails naming both.
	err := run([]string{"-q", "--out", t.TempDir(), t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "gives leads or opportunities (leads.csv, opportunities.csv") {
		t.Errorf("empty folder: %v", err)
	}
}

type group struct {
	Count  int
	Amount float64
}

type segmentRow struct {
	Value                string
	LeadsCreated         *int `json:"leads_created"`
	OpportunitiesCreated int  `json:"opportunities_created"`
	Pipeline             float64
	Won, Lost            int
	Revenue              float64
}
