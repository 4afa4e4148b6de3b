package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWeightsFlag runs the custom model from a --weights file, and checks
// that each mistake in the file is a usage error naming the key.
func TestWeightsFlag(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("w.yaml", "first: 0.3\nmql: 0.1\ncreated: 0.3\nclosed: 0.2\nrest: 0.1\n")
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	args := []string{"--out", out, "--format", "json", "--period", "2026-Q3", "--max-bad-rows", "50%", "--weights", good, "--model", "custom", "testdata/small"}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Settings struct {
			Model   string             `json:"model"`
			Weights map[string]float64 `json:"weights"`
		} `json:"settings"`
		Attribution struct {
			Revenue struct {
				Total     float64                         `json:"total"`
				Models    map[string]map[string]float64   `json:"models"`
				Intervals map[string]map[string][]float64 `json:"intervals"`
			} `json:"revenue"`
		} `json:"attribution"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Settings.Model != "custom" || rep.Settings.Weights["closed"] != 0.2 {
		t.Errorf("settings %+v", rep.Settings)
	}
	sum := 0.0
	for _, v := range rep.Attribution.Revenue.Models["custom"] {
		sum += v
	}
	if len(rep.Attribution.Revenue.Models["custom"]) == 0 || sum-rep.Attribution.Revenue.Total > 0.01 || rep.Attribution.Revenue.Total-sum > 0.01 {
		t.Errorf("custom credits %v sum to %v, want %v", rep.Attribution.Revenue.Models["custom"], sum, rep.Attribution.Revenue.Total)
	}
	if len(rep.Attribution.Revenue.Intervals["custom"]) == 0 {
		t.Errorf("no intervals for custom")
	}

	for _, tc := range []struct{ body, key string }{
		{"first: 0.5\nlast: 0.5\n", "last"},
		{"first: 0.5\nmql: -0.5\nrest: 1\n", "mql"},
		{"first: 0.5\nrest: 0.6\n", "sum to 1.1"},
	} {
		bad := write("bad.yaml", tc.body)
		err := run([]string{"--out", out, "--weights", bad, "testdata/small"}, &stdout, &stderr)
		if !isUsage(err) || !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%q: %v, want a usage error naming %q", tc.body, err, tc.key)
		}
	}
	if err := run([]string{"--out", out, "--model", "custom", "testdata/small"}, &stdout, &stderr); !isUsage(err) || !strings.Contains(err.Error(), "--weights") {
		t.Errorf("custom without --weights: %v", err)
	}
}
