package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// channelAttributionData is ChannelAttribution's example path file, beside
// the repository in CI (../shared) or beside the worktrees folder.
var channelAttributionData = []string{
	"../shared/datasets/channelattribution-pathdata",
	"../../shared/datasets/channelattribution-pathdata",
}

// heuristicCredit computes ChannelAttribution's heuristic models on a path
// file from their definition, independently of our loader and analysis:
// the value of each row (total_conversion_value) goes to the first step,
// to the last step, or in equal parts to every step of the path.
func heuristicCredit(t *testing.T, data string) (first, last, linear map[string]float64) {
	t.Helper()
	first, last, linear = map[string]float64{}, map[string]float64{}, map[string]float64{}
	lines := strings.Split(strings.TrimRight(data, "\r\n"), "\n")
	head := strings.Split(strings.TrimSpace(lines[0]), ";")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, line := range lines[1:] {
		f := strings.Split(strings.TrimSpace(line), ";")
		value, err := strconv.ParseFloat(f[col["total_conversion_value"]], 64)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		steps := strings.Split(f[col["path"]], " > ")
		first[steps[0]] += value
		last[steps[len(steps)-1]] += value
		for _, s := range steps {
			linear[s] += value / float64(len(steps))
		}
	}
	return first, last, linear
}

// TestChannelAttributionHeuristics runs retro with no flags on
// ChannelAttribution's Data.csv and checks first, last and linear credit
// against heuristicCredit (to the cent). It is skipped where the file is
// absent.
func TestChannelAttributionHeuristics(t *testing.T) {
	dir := ""
	for _, d := range channelAttributionData {
		if _, err := os.Stat(filepath.Join(d, "Data.csv")); err == nil {
			dir = d
			break
		}
	}
	if dir == "" {
		t.Skip("ChannelAttribution's Data.csv is not beside the repository")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "Data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	first, last, linear := heuristicCredit(t, string(raw))
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"--out", out, "--format", "json", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Attribution struct {
			Paths struct {
				Total       float64                       `json:"total"`
				Conversions int                           `json:"conversions"`
				Models      map[string]map[string]float64 `json:"models"`
			} `json:"paths"`
		} `json:"attribution"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	p := rep.Attribution.Paths
	if p.Conversions != 19785 || math.Abs(p.Total-74802.97) > 0.005 {
		t.Errorf("conversions %d, total %v; SOURCE.md says 19,785 and about 74,803", p.Conversions, p.Total)
	}
	for model, want := range map[string]map[string]float64{"first_touch": first, "last_touch": last, "linear": linear} {
		got := p.Models[model]
		if len(got) != len(want) || len(want) != 12 {
			t.Errorf("%s: %d channels, want %d (12)", model, len(got), len(want))
		}
		for ch, v := range want {
			if math.Abs(got[ch]-v) > 0.005+1e-9 {
				t.Errorf("%s %s = %v, want %.4f", model, ch, got[ch], v)
			}
		}
	}
}
