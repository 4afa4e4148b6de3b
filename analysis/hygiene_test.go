package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/campaignretro/retro/loader"
)

// hygieneReport writes files (name -> CSV text, one line per row after
// leading tabs are trimmed) into a temporary folder, loads it in time zone
// tz and analyses the given period.
func hygieneReport(t *testing.T, period, tz string, files map[string]string) *Report {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
			lines = append(lines, strings.TrimSpace(l))
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	loc := time.UTC
	if tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			t.Fatal(err)
		}
	}
	lopts := loader.DefaultOptions()
	lopts.Location = loc
	ds, err := loader.Load(dir, lopts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) > 0 {
		t.Fatalf("test data has problems: %v", ds.Problems)
	}
	p, err := ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Period, opts.Location = &p, loc
	r, err := Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fptr(x float64) *float64 { return &x }

// sameFloat compares two optional numbers to 1e-12.
func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) < 1e-12
}

// hygieneLeads are people whose only role is to carry touches and activities.
const hygieneLeads = `lead_id,created_at
	L1,2026-01-01
	L2,2026-01-01
	L3,2026-01-01
	L4,2026-01-01
	L5,2026-01-01
	L6,2026-01-01
	L7,2026-01-01
	L9,2026-01-01
	L10,2026-01-01
	L13,2026-01-01
	L14,2026-01-01`

// hygieneOpps exercise every edge of SPEC 7 in P = 2026-Q3 (92 days; the
// last 14 days are 2026-09-17..2026-09-30):
//
//	o1  09-17 00:00            late (first instant of to-13)
//	o2  09-16 23:59:59         not late
//	o3  lost after exactly 14 days          fast_loss
//	o4  lost after 14 days and 1 second     not fast_loss
//	o5  L5's activity exactly 30 days before    not cold (window inclusive)
//	o6  L6's activity 31 days before            cold
//	o7  L7's activity 29 days before            not cold
//	o8  09-20, no people, lost after 5 days late + cold + fast_loss: multi_flag
//	o9  L9's touch at created_at                not cold
//	o10 L10's touch 1 second after created_at   cold
//	o11 created 06-30 23:59:59, before P        ignored
//	o12 cold L6 but contact L9 touched at created_at  not cold
//	o13 09-30 23:59:59, the last instant of P   late
//	o14 L14's activity at created_at            not cold
const hygieneOpps = `opportunity_id,created_at,amount,status,closed_at,lead_id,owner
	o1,2026-09-17T00:00:00,100,open,,L1,Ann
	o2,2026-09-16T23:59:59,200,open,,L2,Ann
	o3,2026-07-10T00:00:00,300,lost,2026-07-24T00:00:00,L3,Bob
	o4,2026-07-10T00:00:00,400,lost,2026-07-24T00:00:01,L4,Bob
	o5,2026-08-01T00:00:00,500,open,,L5,
	o6,2026-08-01T00:00:00,600,open,,L6,
	o7,2026-08-01T00:00:00,700,open,,L7,Cy
	o8,2026-09-20T00:00:00,800,lost,2026-09-25T00:00:00,,Cy
	o9,2026-08-01T00:00:00,900,open,,L9,Cy
	o10,2026-08-01T00:00:00,1000,open,,L10,Cy
	o11,2026-06-30T23:59:59,5000,lost,2026-07-01,,Ann
	o12,2026-08-01T00:00:00,1200,open,,L6,Cy
	o13,2026-09-30T23:59:59,1300,open,,L13,Ann
	o14,2026-08-15T10:00:00,1400,open,,L14,Bob`

const hygieneContacts = `opportunity_id,lead_id
	o12,L9`

const hygieneActivities = `lead_id,occurred_at
	L1,2026-09-16T12:00:00
	L2,2026-09-16T00:00:00
	L5,2026-07-02T00:00:00
	L6,2026-07-01T00:00:00
	L7,2026-07-03T00:00:00
	L13,2026-09-30T10:00:00
	L14,2026-08-15T10:00:00`

const hygieneTouches = `lead_id,campaign_id,touched_at
	L3,C1,2026-07-09T00:00:00
	L4,C1,2026-07-09T00:00:00
	L9,C1,2026-08-01T00:00:00
	L10,C1,2026-08-01T00:00:01`

func TestHygieneFlags(t *testing.T) {
	r := hygieneReport(t, "2026-Q3", "", map[string]string{
		"leads.csv": hygieneLeads, "opportunities.csv": hygieneOpps,
		"opportunity_contacts.csv": hygieneContacts,
		"activities.csv":           hygieneActivities, "touches.csv": hygieneTouches,
	})
	h := r.Hygiene
	if h == nil {
		t.Fatal("hygiene is null")
	}
	// In P: o1..o10, o12..o14 = 13 opportunities, 100+...+1000+1200+1300+1400 = 9400.
	// late: o1, o8, o13 = 100+800+1300; cold: o6, o8, o10 = 600+800+1000;
	// fast_loss: o3, o8 = 300+800; multi_flag: o8.
	// Any flag: o1, o3, o6, o8, o10, o13 = 4100 of 9400.
	want := struct {
		n                          int
		pipeline                   Money
		late, cold, fast, multi    FlagTotal
		flaggedShare, lateShare, e float64
	}{13, 9400, FlagTotal{3, 2200}, FlagTotal{3, 2400}, FlagTotal{2, 1100}, FlagTotal{1, 800}, 4100.0 / 9400, 3.0 / 13, 14.0 / 92}
	if h.Opportunities != want.n || h.Pipeline != want.pipeline {
		t.Errorf("opportunities, pipeline = %d, %v; want %d, %v", h.Opportunities, h.Pipeline, want.n, want.pipeline)
	}
	for _, c := range []struct {
		name      string
		got, want FlagTotal
	}{{"late_created", h.LateCreated, want.late}, {"cold_created", *h.ColdCreated, want.cold}, {"fast_loss", h.FastLoss, want.fast}, {"multi_flag", h.MultiFlag, want.multi}} {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if !sameFloat(h.FlaggedShare, &want.flaggedShare) || !sameFloat(h.LateShare, &want.lateShare) || h.ExpectedLateShare != want.e {
		t.Errorf("flagged_share, late_share, expected_late_share = %v, %v, %v; want %v, %v, %v",
			*h.FlaggedShare, *h.LateShare, h.ExpectedLateShare, want.flaggedShare, want.lateShare, want.e)
	}

	// late_ratio: (3/13) / (14/92) = 276/182; no owner has the 10
	// opportunities needed for most_flagged.
	if !sameFloat(h.LateRatio, fptr(276.0/182)) || h.MostFlagged != nil {
		t.Errorf("late_ratio, most_flagged = %v, %+v; want %v, null", *h.LateRatio, h.MostFlagged, 276.0/182)
	}

	// By owner, sorted: "(none)" (o5, o6), Ann (o1, o2, o13), Bob (o3, o4, o14),
	// Cy (o7, o8, o9, o10, o12 = 700+800+900+1000+1200 = 4600; flagged
	// o8 + o10 = 1800).
	wantOwners := []struct {
		owner                   string
		n                       int
		pipeline                Money
		late, cold, fast, multi int
		flaggedShare            float64
	}{
		{"(none)", 2, 1100, 0, 1, 0, 0, 600.0 / 1100},
		{"Ann", 3, 1600, 2, 0, 0, 0, 1400.0 / 1600},
		{"Bob", 3, 2100, 0, 0, 1, 0, 300.0 / 2100},
		{"Cy", 5, 4600, 1, 2, 1, 1, 1800.0 / 4600},
	}
	if len(h.ByOwner) != len(wantOwners) {
		t.Fatalf("by_owner has %d rows, want %d: %+v", len(h.ByOwner), len(wantOwners), h.ByOwner)
	}
	for i, w := range wantOwners {
		g := h.ByOwner[i]
		if g.Owner != w.owner || g.Opportunities != w.n || g.Pipeline != w.pipeline || g.LateCreated != w.late ||
			g.ColdCreated == nil || *g.ColdCreated != w.cold || g.FastLoss != w.fast || g.MultiFlag != w.multi ||
			!sameFloat(g.FlaggedShare, &w.flaggedShare) {
			t.Errorf("by_owner[%d] = %+v (cold %v, share %v), want %+v", i, g, g.ColdCreated, *g.FlaggedShare, w)
		}
	}

	// Created per day: 92 days; 2026-08-01 has o5, o6, o7, o9, o10, o12.
	if len(h.CreatedByDay) != 92 || h.CreatedByDay[0].Date != "2026-07-01" || h.CreatedByDay[91].Date != "2026-09-30" {
		t.Fatalf("created_by_day spans %d days", len(h.CreatedByDay))
	}
	for _, c := range []struct {
		i      int
		count  int
		amount Money
	}{{0, 0, 0}, {31, 6, 4900}, {45, 1, 1400}, {77, 1, 200}, {78, 1, 100}, {91, 1, 1300}} {
		if d := h.CreatedByDay[c.i]; d.Count != c.count || d.Amount != c.amount {
			t.Errorf("created_by_day[%d] (%s) = %d, %v; want %d, %v", c.i, d.Date, d.Count, d.Amount, c.count, c.amount)
		}
	}
}

func TestHygieneColdWithMissingFiles(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		cold  *FlagTotal
	}{
		// Neither file: cold_created is unknown.
		{"no touches, no activities", nil, nil},
		// Activities only: touches count as none, so o3, o4, o9 and o12
		// (whose only engagement is a touch) turn cold, beside o6, o8 and
		// o10: 300+400+600+800+900+1000+1200.
		{"activities only", []string{"activities.csv"}, &FlagTotal{7, 5200}},
		// Touches only: o1, o2, o5, o6, o7, o8, o13, o14 have no touch, nor
		// does o10 (touch after creation): all but o3, o4, o9, o12.
		{"touches only", []string{"touches.csv"}, &FlagTotal{9, 100 + 200 + 500 + 600 + 700 + 800 + 1000 + 1300 + 1400}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"leads.csv": hygieneLeads, "opportunities.csv": hygieneOpps, "opportunity_contacts.csv": hygieneContacts}
			for _, f := range c.files {
				files[f] = map[string]string{"activities.csv": hygieneActivities, "touches.csv": hygieneTouches}[f]
			}
			h := hygieneReport(t, "2026-Q3", "", files).Hygiene
			if !reflect.DeepEqual(h.ColdCreated, c.cold) {
				t.Errorf("cold_created = %+v, want %+v", h.ColdCreated, c.cold)
			}
			if (h.ByOwner[0].ColdCreated == nil) != (c.cold == nil) {
				t.Errorf("by_owner cold_created = %v, want null: %v", h.ByOwner[0].ColdCreated, c.cold == nil)
			}
		})
	}
}

func TestHygieneNeedsOpportunities(t *testing.T) {
	r := hygieneReport(t, "2026-Q1", "", map[string]string{"leads.csv": hygieneLeads})
	if r.Hygiene != nil || r.Wins != nil {
		t.Errorf("hygiene, wins = %+v, %+v; want null without opportunities.csv", r.Hygiene, r.Wins)
	}
	found := false
	for _, m := range r.Missing {
		if m.Section == "hygiene" && m.Needs == "opportunities.csv" {
			found = true
		}
	}
	if !found {
		t.Errorf("missing sections %+v do not name hygiene", r.Missing)
	}
	// The always-present sections are there, with null opportunity figures.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	for _, k := range []string{"lead_quality", "segments", "trend", "previous"} {
		if _, ok := m[k]; !ok {
			t.Errorf("report.json has no %q key", k)
		}
	}
	if w := r.Trend.Weeks[0]; w.OpportunitiesCreated != nil || w.Pipeline != nil || w.Revenue != nil {
		t.Errorf("trend week without opportunities.csv = %+v, want null opportunity figures", w)
	}
}

func TestHygieneMostFlagged(t *testing.T) {
	// Ann: 10 opportunities, 2 late (20%); Bob: 10, 5 late (50%); Cy: 9,
	// all late but under the minimum of 10; Dee: 12, 5 late (42%). All
	// amounts are 100, so flagged_share is a count share.
	var b strings.Builder
	b.WriteString("opportunity_id,created_at,amount,status,owner\n")
	n := 0
	for _, o := range []struct {
		owner       string
		total, late int
	}{{"Ann", 10, 2}, {"Bob", 10, 5}, {"Cy", 9, 9}, {"Dee", 12, 5}} {
		for i := range o.total {
			created := "2026-08-01"
			if i < o.late {
				created = "2026-09-20"
			}
			n++
			fmt.Fprintf(&b, "o%d,%s,100,open,%s\n", n, created, o.owner)
		}
	}
	h := hygieneReport(t, "2026-Q3", "", map[string]string{"leads.csv": "lead_id,created_at\nx,2026-01-01", "opportunities.csv": b.String()}).Hygiene
	if m := h.MostFlagged; m == nil || m.Owner != "Bob" || !sameFloat(m.FlaggedShare, fptr(0.5)) {
		t.Errorf("most_flagged = %+v, want Bob at 50%%", m)
	}
}
