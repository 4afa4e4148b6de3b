package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHubSpotReport: HubSpot exports with --preset hubspot give a report
// whose data quality section says what each file was taken for and which
// sections the files can feed; report.json carries both lists.
func TestHubSpotReport(t *testing.T) {
	out := t.TempDir()
	var stderr bytes.Buffer
	if err := run([]string{"--out", out, "--preset", "hubspot", "--max-bad-rows", "5", "--period", "2026-Q3", "loader/testdata/hubspot"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "deals.csv: HubSpot deals, and its Associated Contact IDs as opportunity contacts (comma-delimited, UTF-8)\n") {
		t.Errorf("stderr does not say what deals.csv was taken for:\n%s", stderr.String())
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	for _, s := range []string{
		"### What each file was taken for\n\n- contacts-emea.csv: HubSpot contacts (semicolon-delimited, Windows-1252)\n",
		"### What the CRM exports can feed\n\n- totals: leads created, MQLs and SQLs from contacts-emea.csv, contacts.csv;",
		"- campaigns: not fed: needs a campaign list and campaign touches (campaigns.csv and touches.csv): HubSpot contacts and deals do not carry campaign responses\n",
	} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("report.md lacks %q", s)
		}
	}
	var r struct {
		Detected, Coverage []string
		Totals             struct {
			LeadsCreated int `json:"leads_created"`
			MQLs, SQLs   int
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	// Q3 2026: contacts 201, 202, 101, 102, 103, 105 were created in it
	// (104 is bad); 201 and 101 became MQLs, 101 an SQL.
	if len(r.Detected) != 3 || len(r.Coverage) != 10 || r.Totals.LeadsCreated != 6 || r.Totals.MQLs != 2 || r.Totals.SQLs != 1 {
		t.Errorf("report.json: detected %d, coverage %d, totals %+v", len(r.Detected), len(r.Coverage), r.Totals)
	}
}
