package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// writeFiles writes name -> content into a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestParseLocalTime(t *testing.T) {
	utc := func(s string) Time {
		tm, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMicro()
	}
	tests := []struct {
		in       string
		order    DateOrder
		want     Time
		dateOnly bool
		err      error
	}{
		{"11/22/2026 3:04 PM", MDY, utc("2026-11-22 15:04"), false, nil},
		{"11/22/2026, 3:04 PM", MDY, utc("2026-11-22 15:04"), false, nil},
		{"11/22/2026", MDY, utc("2026-11-22 00:00"), true, nil},
		{"02/24/26 08:55 PM", MDY, utc("2026-02-24 20:55"), false, nil}, // two-digit year: 20xx
		{"12/13/2026 12:00 AM", MDY, utc("2026-12-13 00:00"), false, nil},
		{"12/13/2026 12:30 PM", MDY, utc("2026-12-13 12:30"), false, nil},
		{"1/2/2026 13:05:09", MDY, utc("2026-01-02 13:05") + 9e6, false, nil},
		{"1/2/2026", DMY, utc("2026-02-01 00:00"), true, nil},
		{"22/11/2026", DMY, utc("2026-11-22 00:00"), true, nil},
		{"22.11.2026 15:04", MDY, utc("2026-11-22 15:04"), false, nil}, // dotted dates are day first
		{"2026/11/22", MDY, utc("2026-11-22 00:00"), true, nil},
		{"22/11/2026", MDY, NoTime, false, errNotOrder}, // readable only day first: reported, not guessed
		{"11/31/2026", MDY, NoTime, false, errNotDate},
		{"13/13/2026", DMY, NoTime, false, errNotDate},
		{"11/22/2026 13:04 PM", MDY, NoTime, false, errNotDate},
		{"soon", MDY, NoTime, false, errNotDate},
		{"1/2", MDY, NoTime, false, errNotDate},
	}
	for _, tc := range tests {
		got, dateOnly, err := parseTimeAny(tc.in, time.UTC, tc.order)
		if !errors.Is(err, tc.err) || got != tc.want || (err == nil && dateOnly != tc.dateOnly) {
			t.Errorf("parseTimeAny(%q, %v) = %v, %v, %v; want %v, %v, %v", tc.in, tc.order, got, dateOnly, err, tc.want, tc.dateOnly, tc.err)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want         float64
		ok           bool
	}{
		{"1234.5", false, 1234.5, true},
		{"$1,234.50", false, 1234.5, true},
		{"USD 1,234,567", false, 1234567, true},
		{"(1,234.50)", false, -1234.5, true},
		{"-$12", false, -12, true},
		{"1.234,50 EUR", true, 1234.5, true},
		{"1 234,50 €", true, 1234.5, true},
		{"1\u00a0234,50 €", true, 1234.5, true},
		{"CHF 1'234.50", false, 1234.5, true},
		{"€12,5", true, 12.5, true},
		{"1.234,50 EUR", false, 0, false}, // a decimal comma without the flag
		{"1,23", false, 0, false},         // not a thousands group
		{"12,34,567", false, 0, false},
		{"1234.50", true, 0, false}, // four digits before a thousands dot
		{"", false, 0, false},
		{"$", false, 0, false},
		{"NaN", false, 0, false},
		{"12abc", false, 0, false},
	}
	for _, tc := range tests {
		got, err := ParseAmount(tc.in, tc.decimalComma)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseAmount(%q, %v) = %v, %v; want %v, ok %v", tc.in, tc.decimalComma, got, err, tc.want, tc.ok)
		}
	}
	if h := amountHint("1.234,50 EUR", false); !strings.Contains(h, "use --decimal-comma") {
		t.Errorf("amountHint does not suggest --decimal-comma: %s", h)
	}
	if h := amountHint("$12,500.00", true); !strings.Contains(h, "leave out --decimal-comma") {
		t.Errorf("amountHint does not suggest leaving out --decimal-comma: %s", h)
	}
	if h := amountHint("twelve", true); h != "is not a number" {
		t.Errorf("amountHint(twelve) = %s", h)
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "TRUE": true, "1": true, "yes": true, "Yes": true, "false": false, "0": false, "no": false, " FALSE ": false} {
		if got, ok := ParseBool(in); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "maybe", "2"} {
		if _, ok := ParseBool(in); ok {
			t.Errorf("ParseBool(%q) accepted", in)
		}
	}
}

// TestDialects loads the same three leads written in different dialects:
// each must give the same leads, the region decoded to "Zürich", and the
// bad date reported at its line in the original file.
func TestDialects(t *testing.T) {
	rows := [][]string{
		{"lead_id", "created_at", "region", "owner"},
		{"L1", "2026-07-01", "Zürich", "Ann"},
		{"L2", "07/02/2026 3:04 PM", "Bern", "Bob\nSmith"}, // quoted newline: this row spans two lines
		{"L3", "31/07/2026", "Basel", "Cy"},                // day first: reported in mdy order
	}
	join := func(sep, eol string, quoteNL bool) string {
		var b strings.Builder
		for _, r := range rows {
			for i, v := range r {
				if i > 0 {
					b.WriteString(sep)
				}
				if strings.Contains(v, "\n") && quoteNL {
					v = `"` + v + `"`
				}
				b.WriteString(v)
			}
			b.WriteString(eol)
		}
		return b.String()
	}
	latin1, err := charmap.Windows1252.NewEncoder().String(join(";", "\r\n", true))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, content string
	}{
		{"comma", "leads.csv", join(",", "\n", true)},
		{"semicolon CRLF", "leads.csv", join(";", "\r\n", true)},
		{"tab", "leads.csv", join("\t", "\n", true)},
		{"BOM", "leads.csv", "\ufeff" + join(",", "\r\n", true)},
		{"Windows-1252 semicolon", "leads.csv", latin1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tc.file: tc.content})
			opts := DefaultOptions()
			opts.MaxBadRows = 10
			ds, err := Load(dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(ds.Leads); n != 2 {
				t.Fatalf("leads = %d, want 2 (L3's date is bad)", n)
			}
			if got := ds.Labels.Names[ds.Leads[0].Region]; got != "Zürich" {
				t.Errorf("region = %q, want Zürich", got)
			}
			// 2026-07-02 15:04 UTC
			if want := time.Date(2026, 7, 2, 15, 4, 0, 0, time.UTC).UnixMicro(); ds.Leads[1].CreatedAt != want {
				t.Errorf("L2 created_at = %d, want %d", ds.Leads[1].CreatedAt, want)
			}
			if got := ds.Labels.Names[ds.Leads[1].Owner]; got != "Bob\nSmith" {
				t.Errorf("owner = %q", got)
			}
			// Header line 1, L1 line 2, L2 lines 3-4, L3 line 5.
			if len(ds.Problems) != 1 || ds.Problems[0].Line != 5 || ds.Problems[0].Column != "created_at" ||
				!strings.Contains(ds.Problems[0].Problem, `"31/07/2026" is not a date in month/day/year order`) {
				t.Errorf("problems = %v", ds.Problems)
			}
		})
	}
}

func TestValidUTF8AcrossBlocks(t *testing.T) {
	// A two-byte sequence split at the 1 MiB block boundary is still valid.
	s := strings.Repeat("a", 1<<20-1) + "ü" + "b"
	if ok, err := validUTF8(strings.NewReader(s)); !ok || err != nil {
		t.Errorf("validUTF8 = %v, %v; want true", ok, err)
	}
	if ok, _ := validUTF8(strings.NewReader(s + "\xfc")); ok {
		t.Error("validUTF8 accepted a Latin-1 ü")
	}
}

// TestInvalidBytes: a UTF-8 file with one invalid byte is read as UTF-8
// (valid "Café" stays "Café"), the bad byte becomes U+FFFD, and its line is
// reported and counted; a file with no multi-byte UTF-8 sequence and high
// bytes is still read as Windows-1252.
func TestInvalidBytes(t *testing.T) {
	ds, err := Load(writeFiles(t, map[string]string{
		"leads.csv":     "lead_id,created_at\nL1,2026-07-01\n",
		"campaigns.csv": "campaign_id,name,channel\nC1,Café,email\nC2,Bad \xff byte,email\nC3,\"two\nlines \xfe\",email\nC4,Zoë,email\n",
	}), lenient())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range ds.Campaigns {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, "|"); got != "Café|Bad \uFFFD byte|two\nlines \uFFFD|Zoë" {
		t.Errorf("names = %q", got)
	}
	var probs []string
	for _, p := range ds.Problems {
		probs = append(probs, p.String())
	}
	want := "campaigns.csv:3: (row): invalid UTF-8: the bad bytes are shown as U+FFFD|campaigns.csv:5: (row): invalid UTF-8: the bad bytes are shown as U+FFFD"
	if got := strings.Join(probs, "|"); got != want {
		t.Errorf("problems = %q\nwant %q", got, want)
	}
	if ds.Inputs[0].File != "campaigns.csv" || ds.Inputs[0].Replaced != 2 || ds.Inputs[0].Skipped != 0 {
		t.Errorf("inputs = %+v", ds.Inputs)
	}

	ds, err = Load(writeFiles(t, map[string]string{
		"leads.csv":     "lead_id,created_at\nL1,2026-07-01\n",
		"campaigns.csv": "campaign_id,name,channel\nC1,Caf\xe9,email\nC2,Zo\xeb,email\n",
	}), lenient())
	if err != nil {
		t.Fatal(err)
	}
	if ds.Campaigns[0].Name != "Café" || ds.Campaigns[1].Name != "Zoë" || len(ds.Problems) != 0 {
		t.Errorf("Windows-1252 file read as %q, %q; problems %v", ds.Campaigns[0].Name, ds.Campaigns[1].Name, ds.Problems)
	}
}
