package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/campaignretro/retro/internal/gen"
)

// scaleData returns the folder of generated data of RETRO_SCALE leads
// (cached), or skips the test when RETRO_SCALE is not set.
func scaleData(t *testing.T) string {
	t.Helper()
	n, _ := strconv.Atoi(os.Getenv("RETRO_SCALE"))
	if n == 0 {
		t.Skip("set RETRO_SCALE=100000 (make scale-check) to run")
	}
	dir, err := gen.Cached(n)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScaleInvariants runs the whole command on generated data of
// RETRO_SCALE leads (make scale-check sets 100000) and checks invariants
// that must hold at any size: every attribution model reconciles to its
// total, every rate is a fraction inside its interval, counts nest. It
// checks correctness at scale, not time (see docs/performance.md).
func TestScaleInvariants(t *testing.T) {
	dir := scaleData(t)
	out := t.TempDir()
	var stderr bytes.Buffer
	if err := run([]string{"-q", "--format", "json", "--out", out, "--period", "2026-Q3", dir}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}

	// Attribution: for every target and model, credits + unattributed =
	// total, within a cent per campaign; channels add up to the same.
	attr := r["attribution"].(map[string]any)
	for _, target := range []string{"pipeline", "revenue"} {
		tg := attr[target].(map[string]any)
		total, unattributed := num(tg["total"]), num(tg["unattributed"])
		if total <= 0 {
			t.Errorf("%s: total %v at scale", target, total)
		}
		models := tg["models"].(map[string]any)
		if len(models) < 3 {
			t.Errorf("%s: only %d models", target, len(models))
		}
		for model, credits := range models {
			sum, count := 0.0, 0
			for _, v := range credits.(map[string]any) {
				c := num(v)
				if c < -0.005 {
					t.Errorf("%s %s: negative credit %v", target, model, c)
				}
				sum += c
				count++
			}
			if tol := 0.01 * float64(count+1); math.Abs(sum+unattributed-total) > tol {
				t.Errorf("%s %s: credits %.2f + unattributed %.2f != total %.2f", target, model, sum, unattributed, total)
			}
			chSum := 0.0
			for _, v := range tg["channels"].(map[string]any)[model].(map[string]any) {
				chSum += num(v)
			}
			if math.Abs(chSum-sum) > 0.01*float64(count+1) {
				t.Errorf("%s %s: channels %.2f != campaigns %.2f", target, model, chSum, sum)
			}
		}
	}

	// Every rate anywhere is in [0, 1] and inside its interval.
	var walk func(path string, v any)
	rates := 0
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				p := path + "." + k
				if isRateKey(k) && val != nil {
					rate := num(val)
					rates++
					if rate < 0 || rate > 1 {
						t.Errorf("%s = %v out of [0, 1]", p, rate)
					}
					if ci, ok := x[k+"_ci"].([]any); ok && len(ci) == 2 {
						if lo, hi := num(ci[0]), num(ci[1]); lo > rate+1e-12 || hi < rate-1e-12 || lo < 0 || hi > 1 {
							t.Errorf("%s = %v outside its interval [%v, %v]", p, rate, lo, hi)
						}
					}
				}
				walk(p, val)
			}
		case []any:
			for i, val := range x {
				walk(path+"["+strconv.Itoa(i)+"]", val)
			}
		}
	}
	walk("", r)
	if rates < 100 {
		t.Errorf("only %d rates checked", rates)
	}

	// Funnel stages nest per campaign.
	for _, c := range r["campaigns"].([]any) {
		row := c.(map[string]any)
		resp, mqls, sqls := num(row["responders"]), num(row["mqls"]), num(row["sqls"])
		won, lost, opps := num(row["won"]), num(row["lost"]), num(row["opportunities"])
		if mqls > resp || sqls > mqls || won+lost > opps || num(row["revenue"]) > num(row["pipeline"])+0.005 {
			t.Errorf("campaign %v: stages do not nest: %v", row["campaign_id"], row)
		}
	}
}

// isRateKey tells the JSON keys that hold a fraction.
func isRateKey(k string) bool {
	switch k {
	case "mql_rate", "sql_rate", "opp_rate", "win_rate", "baseline_win_rate", "within_sla", "late_share", "flagged_share":
		return true
	}
	return false
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}
