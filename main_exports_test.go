package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// TestMappingMistakeIsUsage: a mistake in the mapping file stops the run
// before anything is written, as a usage error (exit status 2), naming the
// key and the closest correct one, with no Go type in the message.
func TestMappingMistakeIsUsage(t *testing.T) {
	mf := filepath.Join(t.TempDir(), "mapping.yaml")
	if err := os.WriteFile(mf, []byte("files:\n  Lead.csv:\n    colums: {mql_at: MQL_Date__c}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	err := run([]string{"--out", out, "--mapping", mf, "loader/testdata/salesforce-org"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !(isUsage(err) || loader.IsMappingError(err)) {
		t.Fatalf("err = %v, want a usage error", err)
	}
	if !strings.Contains(err.Error(), `did you mean "columns"?`) || strings.Contains(err.Error(), "loader.") {
		t.Errorf("err = %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a failed run wrote %d files", len(entries))
	}
}

// TestCurrencyFlags: --currency names the report currency in settings.
func TestCurrencyFlags(t *testing.T) {
	out := t.TempDir()
	rates := filepath.Join(t.TempDir(), "rates.csv")
	if err := os.WriteFile(rates, []byte("currency,rate\nEUR,1.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if err := run([]string{"--out", out, "--format", "json", "--currency", "eur", "--rates", rates, "--period", "2026-Q1", "loader/testdata/salesforce-org"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Settings struct{ Currency string }
	}
	if err := json.Unmarshal(b, &r); err != nil || r.Settings.Currency != "EUR" {
		t.Errorf("settings.currency = %q (%v)", r.Settings.Currency, err)
	}
}
