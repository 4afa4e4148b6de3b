package loader

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func lenient() Options {
	o := DefaultOptions()
	o.MaxBadFraction = 1
	return o
}

func TestParseTime(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	utc := func(s string) Time { tm, _ := time.Parse(time.RFC3339Nano, s); return tm.UnixMicro() }
	tests := []struct {
		in       string
		loc      *time.Location
		want     Time
		dateOnly bool
	}{
		{"2026-07-01", time.UTC, utc("2026-07-01T00:00:00Z"), true},
		{"2026-07-01", berlin, utc("2026-06-30T22:00:00Z"), true},
		{"2026-07-01T09:30", time.UTC, utc("2026-07-01T09:30:00Z"), false},
		{"2026-07-01 09:30:15", time.UTC, utc("2026-07-01T09:30:15Z"), false},
		{"2026-07-01T09:30:15.1234567Z", time.UTC, utc("2026-07-01T09:30:15.123456Z"), false},
		{"2026-07-01T09:30:15+02:00", time.UTC, utc("2026-07-01T07:30:15Z"), false},
		{"2026-07-01T09:30:15-0500", time.UTC, utc("2026-07-01T14:30:15Z"), false},
		{"2026-07-01T09:30Z", berlin, utc("2026-07-01T09:30:00Z"), false},
		{"2026-07-01T09:30:00", berlin, utc("2026-07-01T07:30:00Z"), false},
		{"2024-02-29", time.UTC, utc("2024-02-29T00:00:00Z"), true},
	}
	for _, tc := range tests {
		got, dateOnly, err := ParseTime(tc.in, tc.loc)
		if err != nil || got != tc.want || dateOnly != tc.dateOnly {
			t.Errorf("ParseTime(%q) = %v, %v, %v; want %v, %v", tc.in, got, dateOnly, err, tc.want, tc.dateOnly)
		}
	}
	for _, bad := range []string{"", "soon", "31/02/2026", "2026-02-30", "2025-02-29", "2026-13-01", "2026-07-01T25:00", "2026-07-01T09:60", "2026-07-01T09:30:15+2", "2026-07-01X", "2026-07-01T09:30:15Zjunk", "2026-07-01T09:30:15."} {
		if _, _, err := ParseTime(bad, time.UTC); err == nil {
			t.Errorf("ParseTime(%q): want an error", bad)
		}
	}
}

// TestBadRows covers each bad-input case of SPEC sections 1 and 11: the row is
// skipped (or the value blanked) and reported as file:line: column: problem.
func TestBadRows(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             string // the problem's String()
		skipped, blanked int
	}{
		{"missing required value", "leads.csv", "lead_id,created_at\n,2026-07-01\n", `leads.csv:2: lead_id: missing required value`, 1, 0},
		{"unparseable required date", "leads.csv", "lead_id,created_at\nL1,31/02/2026\n", `leads.csv:2: created_at: "31/02/2026" is not a date`, 1, 0},
		{"unparseable optional date", "leads.csv", "lead_id,created_at,mql_at\nL1,2026-07-01,soon\n", `leads.csv:2: mql_at: "soon" is not a date`, 0, 1},
		{"duplicate id", "leads.csv", "lead_id,created_at\nL1,2026-07-01\nL1,2026-07-02\n", `leads.csv:3: lead_id: duplicate id "L1"; the first row is kept`, 1, 0},
		{"negative amount", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,-5,open\n", `opportunities.csv:2: amount: "-5" is negative`, 1, 0},
		{"amount not a number", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,lots,open\n", `opportunities.csv:2: amount: "lots" is not a number`, 1, 0},
		{"won without closed_at", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,5,won\n", `opportunities.csv:2: closed_at: missing for a won opportunity`, 1, 0},
		{"unknown status", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,5,pending\n", `opportunities.csv:2: status: "pending" is not open, won or lost`, 1, 0},
		{"end before start", "campaigns.csv", "campaign_id,name,channel,start_date,end_date\nC1,A,email,2026-07-10,2026-07-01\n", `campaigns.csv:2: end_date: end_date 2026-07-01 is before start_date 2026-07-10`, 1, 0},
		{"negative cost", "campaigns.csv", "campaign_id,name,channel,cost\nC1,A,email,-250\n", `campaigns.csv:2: cost: "-250" is negative`, 1, 0},
		{"implausible cost", "campaigns.csv", "campaign_id,name,channel,cost\nC1,A,email,1e308\n", `campaigns.csv:2: cost: "1e308" is implausibly large (above 1e15)`, 1, 0},
		{"implausible amount", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,1e305,open\n", `opportunities.csv:2: amount: "1e305" is implausibly large (above 1e15)`, 1, 0},
		{"largest plausible amount", "opportunities.csv", "opportunity_id,created_at,amount,status\nO1,2026-07-01,1e15,open\nO1,2026-07-01,1,open\n", `opportunities.csv:3: opportunity_id: duplicate id`, 1, 0},
		{"bad optional cost", "campaigns.csv", "campaign_id,name,channel,cost\nC1,A,email,abc\n", `campaigns.csv:2: cost: "abc" is not a number`, 0, 1},
		{"quoted newline keeps line numbers", "leads.csv", "lead_id,created_at,source\nL1,2026-07-01,\"two\nlines\"\nL2,never\n", `leads.csv:4: created_at: "never" is not a date`, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{tc.file: tc.body}
			if tc.file != "leads.csv" {
				files["leads.csv"] = "lead_id,created_at\nL9,2026-07-01\n"
			}
			ds, err := Load(writeFiles(t, files), lenient())
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Problems) != 1 || !strings.HasPrefix(ds.Problems[0].String(), tc.want) {
				t.Fatalf("problems = %v, want one starting %q", ds.Problems, tc.want)
			}
			for _, in := range ds.Inputs {
				if in.File == tc.file && (in.Skipped != tc.skipped || in.Blanked != tc.blanked) {
					t.Errorf("%s: skipped %d blanked %d, want %d and %d", in.File, in.Skipped, in.Blanked, tc.skipped, tc.blanked)
				}
			}
		})
	}
}

func TestFatalErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no leads.csv", map[string]string{"touches.csv": "lead_id,campaign_id,touched_at\n"}, "gives leads or opportunities (leads.csv, opportunities.csv"},
		{"missing required column", map[string]string{"leads.csv": "lead_id,mql_at\nL1,2026-07-01\n"}, `leads.csv:1: missing required column "created_at"`},
		{"empty file", map[string]string{"leads.csv": ""}, "leads.csv: the file is empty"},
		{"too many bad rows", map[string]string{"leads.csv": "lead_id,created_at\nL1,2026-07-01\nL2,x\n"}, "leads.csv: 1 of 2 rows are bad"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(writeFiles(t, tc.files), DefaultOptions())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// Opportunities alone are enough (SPEC 1).
	ds, err := Load(writeFiles(t, map[string]string{"opportunities.csv": "opportunity_id,created_at,amount,status\nO1,2026-07-01,5,open\n"}), DefaultOptions())
	if err != nil || ds.Files.Leads || !ds.Files.Opportunities || len(ds.Opportunities) != 1 {
		t.Errorf("opportunities.csv alone: %v", err)
	}
	var tm *TooManyBadRowsError
	_, err = Load(writeFiles(t, map[string]string{"leads.csv": "lead_id,created_at\nL1,x\n"}), DefaultOptions())
	if !errors.As(err, &tm) || tm.Skipped != 1 {
		t.Errorf("want a TooManyBadRowsError, got %v", err)
	}
	// An absolute limit of 1 allows one bad row.
	opts := DefaultOptions()
	opts.MaxBadRows = 1
	if _, err := Load(writeFiles(t, map[string]string{"leads.csv": "lead_id,created_at\nL1,x\n"}), opts); err != nil {
		t.Errorf("--max-bad-rows 1: %v", err)
	}
}

func TestHeadersAndTouches(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		// BOM, upper-case and padded header names, an extra column, CRLF.
		"leads.csv":     "\ufeffLead_ID , CREATED_AT,Email\r\nL1,2026-07-01,a@b.c\r\nL2,2026-07-01,x@y.z\r\n",
		"campaigns.csv": "campaign_id,name,channel\nB,Bee,EMAIL\nA,Ay,Webinar\n",
		// Two rows at the same instant written differently: one touch, and
		// the first row keeps its asset. Ties at one instant order by campaign_id.
		"touches.csv": "lead_id,campaign_id,touched_at,asset_id\n" +
			"L1,B,2026-07-01T12:00:00+02:00,X1\n" +
			"L1,B,2026-07-01T10:00:00Z,X2\n" +
			"L1,A,2026-07-01T10:00:00Z,\n" +
			"L1,B,2026-07-01T09:00:00Z,\n" +
			"L3,A,2026-07-02T00:00:00Z,\n",
	})
	ds, err := Load(dir, lenient())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 0 {
		t.Fatalf("problems: %v", ds.Problems)
	}
	if ds.Campaigns[0].Channel != "email" || ds.Campaigns[1].Channel != "webinar" {
		t.Errorf("channels not lower-cased: %+v", ds.Campaigns)
	}
	l1, _ := ds.People.Lookup("L1")
	got := ds.PersonTouches(l1)
	var seq []string
	for _, tc := range got {
		asset := ""
		if tc.Asset != NoID {
			asset = ds.AssetIDs.Names[tc.Asset]
		}
		seq = append(seq, ds.CampaignIDs.Names[tc.Campaign]+asset)
	}
	if strings.Join(seq, " ") != "B A BX1" {
		t.Errorf("touches of L1 = %v, want [B A BX1] (09:00 B; 10:00 A before B; duplicate dropped)", seq)
	}
	l3, ok := ds.People.Lookup("L3")
	if !ok || ds.Leads[l3].Known || len(ds.PersonTouches(l3)) != 1 {
		t.Errorf("a touch of an unknown lead must be kept")
	}
	if len(ds.Notes) != 1 || !strings.Contains(ds.Notes[0], "touches.csv: 1 row names a lead_id that is not in leads.csv (first at line 6)") {
		t.Errorf("notes = %v", ds.Notes)
	}
}
