package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenCases are whole-report runs whose report.md and report.json are
// checked in under testdata/golden/NAME. The figures of testdata/small were
// checked by hand once (see testdata/small/README.md).
var goldenCases = []struct {
	name string
	args []string
}{
	{"small-q3", []string{"--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}},
	{"small-range-berlin", []string{"--period", "2026-07-01..2026-08-31", "--tz", "Europe/Berlin", "--lookback", "30", "--max-bad-rows", "50%", "testdata/small"}},
	// Fiscal years starting in February: FY2027-Q2 is 2026-05-01..2026-07-31,
	// and the previous period is FY2027-Q1 (2026-02-01..2026-04-30).
	{"small-fiscal-feb", []string{"--fiscal-year-start", "2", "--period", "FY2027-Q2", "--max-bad-rows", "50%", "testdata/small"}},
	{"paths", []string{"--max-bad-rows", "50%", "testdata/paths"}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if err := run(append([]string{"--out", out}, tc.args...), &stdout, &stderr); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr.String())
			}
			for _, name := range []string{"report.md", "report.json"} {
				got, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", "golden", tc.name, name)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test . -run Golden -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s; run go test . -run Golden -update and review the diff\n%s", name, path, firstDiff(string(want), string(got)))
				}
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

// TestDeterministic runs twice and expects byte-identical files.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	args := []string{"-q", "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}
	for _, out := range []string{a, b} {
		if err := run(append([]string{"--out", out}, args...), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"report.html", "report.md", "report.json"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two runs differ (or are empty)", name)
		}
	}
}

// TestHTMLSelfContained checks that report.html loads nothing from a network
// and carries every chart's container and option.
func TestHTMLSelfContained(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	loads := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|@import`)
	if m := loads.Find(html); m != nil {
		t.Errorf("report.html loads a remote resource: %s", m)
	}
	for _, id := range []string{`id="funnel"`, `id="spend"`, `"funnel":{`, `"spend":{`, "echarts.init"} {
		if !bytes.Contains(html, []byte(id)) {
			t.Errorf("report.html lacks %s", id)
		}
	}
}

// TestNoPersonalData checks that lead names and emails never reach an output.
func TestNoPersonalData(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.html", "report.md", "report.json"} {
		b, _ := os.ReadFile(filepath.Join(out, name))
		for _, pii := range []string{"Secret", "jane.secret", "Hidden", "@example.com"} {
			if bytes.Contains(b, []byte(pii)) {
				t.Errorf("%s contains personal data %q", name, pii)
			}
		}
	}
}

// TestFailureKeepsPreviousReport checks exit paths: a missing required column
// fails, and the previous report stays untouched.
func TestFailureKeepsPreviousReport(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "report.json"))

	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "leads.csv"), []byte("lead_id,mql_at\nL1,2026-07-01\n"), 0o644)
	var stderr bytes.Buffer
	err := run([]string{"--out", out, bad}, &bytes.Buffer{}, &stderr)
	if err == nil || !strings.Contains(err.Error(), `leads.csv:1: missing required column "created_at"`) {
		t.Fatalf("want a missing-column error, got %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the previous report")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--period", "2026-Q5"},
		{"--tz", "Mars/Olympus"},
		{"--format", "pdf"},
		{"--model", "magic"},
		{"--max-bad-rows", "lots"},
		{"--no-such-flag"},
		{"a", "b"},
	} {
		err := run(args, &bytes.Buffer{}, &bytes.Buffer{})
		if !isUsage(err) {
			t.Errorf("%v: want a usage error, got %v", args, err)
		}
	}
	for _, help := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		var stdout, stderr bytes.Buffer
		if err := run(help, &stdout, &stderr); !errors.Is(err, pflag.ErrHelp) || !strings.Contains(stdout.String(), "Examples:") || stderr.Len() != 0 {
			t.Errorf("%v: %v; want the usage on stdout, got stdout %q, stderr %q", help, err, stdout.String(), stderr.String())
		}
	}
}

// TestNotes places the team's Markdown after the summary, without raw HTML
// and without letting it place the report's charts.
func TestNotes(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("# What we learned\n\nCall **every MQL** within the hour.\n\n<img src=x onerror=alert(1)>\n\n```chart funnel\n```\n"), 0o644)
	if err := run([]string{"-q", "--notes", notes, "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	summary, notesAt, funnel := bytes.Index(md, []byte("## Executive summary")), bytes.Index(md, []byte("## Team notes\n\n### What we learned")), bytes.Index(md, []byte("## Campaign funnel"))
	if notesAt < 0 || summary > notesAt || notesAt > funnel {
		t.Errorf("notes not placed after the summary (summary %d, notes %d, funnel %d)", summary, notesAt, funnel)
	}
	if bytes.Contains(md, []byte("<img")) || bytes.Contains(html, []byte("<img src=x")) {
		t.Error("raw HTML from the notes reached an output")
	}
	if !bytes.Contains(html, []byte("<strong>every MQL</strong>")) {
		t.Error("the notes' Markdown was not rendered in the HTML")
	}
	if err := run([]string{"-q", "--notes", filepath.Join(dir, "missing.md"), "--out", out, "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("a missing notes file must fail")
	}
}

// TestMissingFiles runs the whole report without each optional file, and
// with leads.csv alone: the run succeeds, and the sections that need the
// file are null (SPEC section 11) and listed as left out.
func TestMissingFiles(t *testing.T) {
	optional := []string{"campaigns.csv", "assets.csv", "touches.csv", "activities.csv", "opportunities.csv", "opportunity_contacts.csv"}
	needs := map[string][]string{
		"campaigns.csv":     {"campaigns"},
		"assets.csv":        {"asset_types"},
		"touches.csv":       {"campaigns", "asset_types", "attribution"},
		"activities.csv":    {"latency"},
		"opportunities.csv": {"attribution", "sourcing", "hygiene"},
	}
	cases := append([][]string{}, optional) // "all": leads.csv alone
	for _, f := range optional {
		cases = append(cases, []string{f})
	}
	for _, drop := range cases {
		name := strings.Join(drop, "+")
		if len(drop) == len(optional) {
			name = "leads only"
		}
		t.Run(name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			entries, _ := os.ReadDir("testdata/small")
			for _, e := range entries {
				if !strings.HasSuffix(e.Name(), ".csv") || slices.Contains(drop, e.Name()) {
					continue
				}
				b, _ := os.ReadFile(filepath.Join("testdata/small", e.Name()))
				os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
			}
			if err := run([]string{"-q", "--period", "2026-Q3", "--max-bad-rows", "50%", "--out", out, dir}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			raw, _ := os.ReadFile(filepath.Join(out, "report.json"))
			var r map[string]any
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			for _, f := range drop {
				for _, section := range needs[f] {
					if r[section] != nil {
						t.Errorf("without %s, %s should be null", f, section)
					}
				}
			}
			for _, always := range []string{"totals", "lead_quality", "segments", "trend", "findings"} {
				if r[always] == nil {
					t.Errorf("%s is missing", always)
				}
			}
		})
	}
}

// TestMDImages checks that --md-images writes each chart of report.md as an
// SVG file beside it and links it in place of Mermaid.
func TestMDImages(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--md-images", "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(md, []byte("```mermaid")) {
		t.Error("report.md still has Mermaid with --md-images")
	}
	links := regexp.MustCompile(`!\[[^\]]*\]\((charts/[a-z0-9-]+\.svg)\)`).FindAllSubmatch(md, -1)
	if len(links) == 0 {
		t.Fatal("report.md links no chart image")
	}
	for _, l := range links {
		svg, err := os.ReadFile(filepath.Join(out, string(l[1])))
		if err != nil {
			t.Errorf("linked image missing: %v", err)
			continue
		}
		if !bytes.HasPrefix(svg, []byte("<svg ")) {
			t.Errorf("%s is not an SVG image", l[1])
		}
	}
}
