package loader

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParseTime checks that any text either parses to an instant that
// formats back to the same instant, or is rejected, without panicking.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-07-01", "2026-07-01T09:30:15.123456789+02:00", "2026-07-01 09:30", "2024-02-29T23:59:59Z", "2026-07-01T09:30:15-0500", "11/22/2026 3:04 PM", "22.11.2026", "", "soon", "2026-13-01"} {
		f.Add(s)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{time.UTC, berlin} {
			tm, _, err := ParseTime(s, loc)
			if err != nil {
				continue
			}
			back, _, err := ParseTime(FormatTime(tm, time.UTC), time.UTC)
			if err != nil || back != tm {
				t.Fatalf("ParseTime(%q) = %d, which does not round-trip (%d, %v)", s, tm, back, err)
			}
		}
		for _, order := range []DateOrder{MDY, DMY} {
			_, _, _ = parseTimeAny(s, time.UTC, order)
		}
	})
}

// FuzzParseAmount checks that amounts parse to finite numbers or are
// rejected.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12500", "$1,234.50", "1.234,50 EUR", "-5", "1e309", "NaN", "€ 3 000", "(12.00)", ""} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		v, err := ParseAmount(s, decimalComma)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("ParseAmount(%q) = %v", s, v)
		}
		_, _ = ParseBool(s)
	})
}

// FuzzLoadCSV loads arbitrary bytes as leads.csv and as touches.csv: the
// loader must return a Dataset or an error, never panic, and every problem
// it reports must name a line inside the file.
func FuzzLoadCSV(f *testing.F) {
	f.Add([]byte("lead_id,created_at,mql_at\nL1,2026-07-01,2026-07-02\nL2,x,\n"), []byte("lead_id,campaign_id,touched_at\nL1,C1,2026-07-01\n"))
	f.Add([]byte("\ufeffLead_ID;Created_At\r\nL1;01/07/2026\r\n"), []byte("lead_id\tcampaign_id\ttouched_at\nL1\tC1\t2026-07-01T10:00Z\n"))
	f.Add([]byte("lead_id,created_at\n\"L1\nL2\",2026-07-01\n\"unterminated\n"), []byte(""))
	f.Add([]byte{0xff, 0xfe, 'a', 0, ',', 0}, []byte{0xe9, ',', '\n'})
	f.Fuzz(func(t *testing.T, leads, touches []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "leads.csv"), leads, 0o644)
		os.WriteFile(filepath.Join(dir, "touches.csv"), touches, 0o644)
		opts := DefaultOptions()
		opts.MaxBadFraction = 1
		ds, err := Load(dir, opts)
		if err != nil {
			return
		}
		lines := map[string]int{"leads.csv": countLines(leads), "touches.csv": countLines(touches)}
		for _, p := range ds.Problems {
			if n, ok := lines[p.File]; ok && (p.Line < 1 || p.Line > n+1) {
				t.Fatalf("problem outside the file: %s (file has %d lines)", p, n)
			}
		}
	})
}

func countLines(b []byte) int {
	n := 1
	for _, c := range b {
		if c == '\n' || c == '\r' {
			n++
		}
	}
	return n
}
