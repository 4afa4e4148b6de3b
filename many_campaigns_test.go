package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campaignretro/retro/internal/gen"
)

// TestManyCampaignsReadable: with hundreds of campaigns, report.md keeps
// every table to its first and last rows (a line says where every row is),
// while tables/*.csv and report.json keep every campaign.
func TestManyCampaignsReadable(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a data set")
	}
	cfg := gen.Scale(6000)
	cfg.Campaigns, cfg.TouchesPerLead, cfg.Dirty = 400, 3, false
	data := t.TempDir()
	if _, err := gen.Write(cfg, data); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	var stderr bytes.Buffer
	if err := run([]string{"-q", "--period", "2026-Q3", "--out", out, data}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The longest table: header, rule, 2 x 40 rows, the named campaigns
	// and a row per gap.
	longest, run := 0, 0
	for _, line := range strings.Split(string(md), "\n") {
		if strings.HasPrefix(line, "|") {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if longest > 2+2*40+12 {
		t.Errorf("a table of report.md has %d lines", longest)
	}
	if !strings.Contains(string(md), "rows are shown; every row is in `tables/campaign-funnel-1.csv` beside this report and in report.json.") {
		t.Errorf("report.md does not say where the campaign funnel's every row is")
	}
	raw, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Campaigns []json.RawMessage }
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(out, "tables", "campaign-funnel-1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := bytes.Count(csv, []byte("\n")) - 1; len(r.Campaigns) <= 100 || rows != len(r.Campaigns) {
		t.Errorf("campaign-funnel-1.csv has %d rows for %d campaigns (want them all, and more than 100)", rows, len(r.Campaigns))
	}
}
