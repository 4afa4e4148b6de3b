package analysis

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/campaignretro/retro/loader"
)

// TestFiscalPeriods: --fiscal-year-start shifts quarters, names the fiscal
// year by the calendar year it ends in, and makes the previous period the
// previous fiscal quarter (SPEC conventions).
func TestFiscalPeriods(t *testing.T) {
	day := func(s string) loader.Day { d, _ := parseDay(s); return d }
	tests := []struct {
		in                                           string
		fiscal                                       int
		label, from, to, prevLabel, prevFrom, prevTo string
	}{
		{"FY2027-Q1", 2, "FY2027-Q1", "2026-02-01", "2026-04-30", "FY2026-Q4", "2025-11-01", "2026-01-31"},
		{"fy2027-q4", 2, "FY2027-Q4", "2026-11-01", "2027-01-31", "FY2027-Q3", "2026-08-01", "2026-10-31"},
		{"FY2027-Q1", 7, "FY2027-Q1", "2026-07-01", "2026-09-30", "FY2026-Q4", "2026-04-01", "2026-06-30"},
		// A calendar quarter that is a fiscal quarter takes the fiscal label.
		{"2026-Q3", 7, "FY2027-Q1", "2026-07-01", "2026-09-30", "FY2026-Q4", "2026-04-01", "2026-06-30"},
		{"2026-Q3", 4, "FY2027-Q2", "2026-07-01", "2026-09-30", "FY2027-Q1", "2026-04-01", "2026-06-30"},
		// One that is not stays the calendar quarter, labelled as a range,
		// and its previous period is as many days before it.
		{"2026-Q3", 2, "2026-07-01..2026-09-30", "2026-07-01", "2026-09-30", "2026-03-31..2026-06-30", "2026-03-31", "2026-06-30"},
		// A range that is exactly a fiscal quarter is that quarter.
		{"2026-02-01..2026-04-30", 2, "FY2027-Q1", "2026-02-01", "2026-04-30", "FY2026-Q4", "2025-11-01", "2026-01-31"},
		// With the default, FY names the calendar year's quarter, labelled as before.
		{"FY2027-Q1", 1, "2027-Q1", "2027-01-01", "2027-03-31", "2026-Q4", "2026-10-01", "2026-12-31"},
		{"2026-Q1", 1, "2026-Q1", "2026-01-01", "2026-03-31", "2025-Q4", "2025-10-01", "2025-12-31"},
	}
	for _, tc := range tests {
		p, err := ParsePeriodFiscal(tc.in, tc.fiscal)
		if err != nil {
			t.Fatalf("%s (start %d): %v", tc.in, tc.fiscal, err)
		}
		prev := p.Previous()
		if p.Label != tc.label || p.From != day(tc.from) || p.To != day(tc.to) ||
			prev.Label != tc.prevLabel || prev.From != day(tc.prevFrom) || prev.To != day(tc.prevTo) {
			t.Errorf("%s (start %d): got %s %s..%s, previous %s %s..%s", tc.in, tc.fiscal, p.Label,
				loader.FormatDay(p.From), loader.FormatDay(p.To), prev.Label, loader.FormatDay(prev.From), loader.FormatDay(prev.To))
		}
	}
	if _, err := ParsePeriodFiscal("2026-Q1", 13); err == nil {
		t.Error("fiscal year start 13: want an error")
	}
	// The last quarter ending on or before a day, fiscal.
	for _, tc := range []struct {
		day    string
		fiscal int
		want   string
	}{
		{"2026-04-30", 2, "FY2027-Q1"}, {"2026-04-29", 2, "FY2026-Q4"}, {"2026-01-31", 2, "FY2026-Q4"},
		{"2026-01-30", 2, "FY2026-Q3"}, {"2026-09-30", 1, "2026-Q3"}, {"2026-12-31", 12, "FY2026-Q4"}, {"2027-02-28", 12, "FY2027-Q1"},
	} {
		if got := LastQuarter(day(tc.day), tc.fiscal).Label; got != tc.want {
			t.Errorf("last quarter before %s (start %d) = %s, want %s", tc.day, tc.fiscal, got, tc.want)
		}
	}
}

func TestLongerThanYears(t *testing.T) {
	for in, want := range map[string]bool{
		"2016-01-01..2025-12-31": false, "2016-01-01..2026-01-01": true,
		"2016-03-01..2026-02-28": false, "0001-01-01..9999-12-31": true,
	} {
		p, err := ParsePeriod(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.LongerThanYears(10); got != want {
			t.Errorf("%s: longer than 10 years = %v, want %v", in, got, want)
		}
	}
}

// TestDefaultPeriod: the default is the last quarter ending on or before
// as_of in which a lead or an opportunity was created; when that is not the
// last complete quarter, a warning says so; a period with nothing in it is
// an error naming the span of the data.
func TestDefaultPeriod(t *testing.T) {
	analyze := func(files map[string]string, asOf, period string, fiscal int) (*Report, error) {
		opts := DefaultOptions()
		opts.FiscalYearStart = fiscal
		if asOf != "" {
			opts.AsOf, _, _ = loader.ParseTime(asOf, time.UTC)
		}
		if period != "" {
			p, err := ParsePeriodFiscal(period, max(fiscal, 1))
			if err != nil {
				t.Fatal(err)
			}
			opts.Period = &p
		}
		return Analyze(loadFiles(t, files), opts)
	}
	tests := []struct {
		name, leads, opps, touches, asOf string
		fiscal                           int
		label, warning                   string
	}{
		{name: "last complete quarter has a lead", leads: "lead_id,created_at\nL1,2026-02-10\nL2,2026-05-03\n",
			label: "2026-Q1"}, // as_of 2026-05-03: Q2 is not complete
		{name: "only touches in the last quarter", leads: "lead_id,created_at,mql_at\nL1,2026-02-10,2026-08-01\n",
			touches: "lead_id,campaign_id,touched_at\nL1,C1,2026-07-05\n", asOf: "2026-10-02",
			label: "2026-Q1", warning: "the last complete quarter, 2026-Q3 (2026-07-01..2026-09-30), has none"},
		{name: "an opportunity counts", leads: "lead_id,created_at\nL1,2025-11-10\n",
			opps: "opportunity_id,created_at,amount,status,closed_at\nO1,2026-04-02,10,won,2026-10-05\n", asOf: "2026-10-05",
			label: "2026-Q2", warning: "2026-Q3 (2026-07-01..2026-09-30), has none"},
		{name: "a lead created after the last complete quarter does not count", leads: "lead_id,created_at\nL1,2026-01-10\nL2,2026-09-03\n", asOf: "2026-09-29",
			label: "2026-Q1", warning: "the last complete quarter, 2026-Q2 (2026-04-01..2026-06-30), has none"},
		{name: "fiscal", leads: "lead_id,created_at\nL1,2026-03-10\nL2,2026-05-03\n", asOf: "2026-06-15", fiscal: 2,
			label: "FY2027-Q1"},
		{name: "no quarter has a creation: the last complete quarter", leads: "lead_id,created_at,mql_at\nL1,2026-08-10,2026-08-11\n", asOf: "2026-10-01",
			label: "2026-Q3"},
	}
	// Why names the reason when no complete quarter has a creation: every
	// lead created after the last complete quarter, or none dated at all.
	for _, tc := range []struct{ name, leads, opps, why string }{
		{name: "created after the last complete quarter", leads: "lead_id,created_at,mql_at\nL1,2026-11-03,\nL2,2026-10-20,2026-09-15\n",
			why: "no complete quarter has a lead or opportunity created (the first was created 2026-10-20, in a quarter not yet complete)"},
		{name: "an opportunity created after it", leads: "lead_id,created_at\n",
			opps: "opportunity_id,created_at,amount,status,closed_at\nO1,2026-10-12,10,won,2026-09-15\n",
			why:  "the first was created 2026-10-12"},
	} {
		files := map[string]string{"leads.csv": tc.leads}
		if tc.opps != "" {
			files["opportunities.csv"] = tc.opps
		}
		r, err := analyze(files, "", "", 1)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if r.Period.Label != "2026-Q3" || !strings.Contains(r.Period.Why, tc.why) {
			t.Errorf("%s: period %s, why %q, want 2026-Q3 and %q", tc.name, r.Period.Label, r.Period.Why, tc.why)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"leads.csv": tc.leads}
			if tc.opps != "" {
				files["opportunities.csv"] = tc.opps
			}
			if tc.touches != "" {
				files["touches.csv"] = tc.touches
			}
			r, err := analyze(files, tc.asOf, "", tc.fiscal)
			if err != nil {
				t.Fatal(err)
			}
			if r.Period.Label != tc.label {
				t.Errorf("period %s, want %s (%s)", r.Period.Label, tc.label, r.Period.Why)
			}
			warned := ""
			for _, w := range r.Warnings {
				if strings.Contains(w, "last complete quarter") {
					warned = w
				}
			}
			if (tc.warning == "") != (warned == "") || !strings.Contains(warned, tc.warning) {
				t.Errorf("warning %q, want one containing %q", warned, tc.warning)
			}
			if !strings.HasPrefix(r.Period.Why, "period "+tc.label+" (") {
				t.Errorf("why %q does not name the period", r.Period.Why)
			}
		})
	}

	// Nothing created, touched, qualified, disqualified or closed in P:
	// activities and an open opportunity's dates do not count.
	files := map[string]string{
		"leads.csv":         "lead_id,created_at,mql_at\nL1,2026-02-10,2026-03-01\nL2,2026-04-01,\n",
		"activities.csv":    "lead_id,occurred_at\nL1,2026-08-01\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-05-02,10,open,2026-08-15,L1\n",
	}
	_, err := analyze(files, "", "2026-Q3", 1)
	var empty *EmptyPeriodError
	if !errors.As(err, &empty) || empty.First != "2026-02-10" || empty.Last != "2026-05-02" ||
		!strings.Contains(err.Error(), "the data covers 2026-02-10..2026-05-02") {
		t.Errorf("empty 2026-Q3: got %v", err)
	}
	for _, p := range []string{"2026-Q1", "2026-Q2"} {
		if _, err := analyze(files, "", p, 1); err != nil {
			t.Errorf("%s holds data: %v", p, err)
		}
	}
	// A won deal closed in P is enough.
	files["opportunities.csv"] = "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-05-02,10,won,2026-08-15,L1\n"
	if _, err := analyze(files, "", "2026-Q3", 1); err != nil {
		t.Errorf("a deal closed in P: %v", err)
	}
}
