package analysis

import (
	"reflect"
	"testing"
)

// Segment data for P = 2026-Q3. Leads a and b are created in P, c reaches
// MQL in P; d, f, g, x2 are counted nowhere (f and g are not primary, d's
// opportunity closed before P). Opportunities and their primary person:
//
//	o1 e (lead_id)                     created + won in P    1000
//	o2 no lead_id: g (02-01), h (01-15) -> h (earliest)  created + lost  500
//	o3 no lead_id: x2, x1 created together -> x1 (smaller id)  created before P, won in P  2000
//	o4 lead_id zz, not in leads.csv    -> region "(none)"    created  300
//	o5 a, contact f                    -> a                  created  700
//	o6 d                               created and lost before P
const (
	segmentLeads = `lead_id,created_at,mql_at,sql_at,region,industry
		a,2026-07-01,2026-07-02,2026-07-03,EMEA,Tech
		b,2026-07-05,,,,Tech
		c,2026-06-01,2026-07-10,,EMEA,
		d,2026-01-01,,,APAC,Retail
		e,2026-01-01,,,AMER,Retail
		f,2026-06-01,,,LATAM,Retail
		g,2026-02-01,,,APAC,Retail
		h,2026-01-15,,,NA,Retail
		x2,2026-03-01,,,ZZ,Retail
		x1,2026-03-01,,,YY,Retail`
	segmentOpps = `opportunity_id,created_at,amount,status,closed_at,lead_id
		o1,2026-07-10,1000,won,2026-08-01,e
		o2,2026-07-10,500,lost,2026-08-01,
		o3,2026-04-01,2000,won,2026-07-15,
		o4,2026-07-20,300,open,,zz
		o5,2026-07-20,700,open,,a
		o6,2026-04-01,100,lost,2026-06-15,d`
	segmentContacts = `opportunity_id,lead_id
		o2,g
		o2,h
		o3,x2
		o3,x1
		o5,f`
)

func TestSegments(t *testing.T) {
	r := hygieneReport(t, "2026-Q3", "", map[string]string{
		"leads.csv": segmentLeads, "opportunities.csv": segmentOpps, "opportunity_contacts.csv": segmentContacts,
	})
	type row struct {
		value             string
		leads, mqls, sqls int
		opps              int
		pipeline          Money
		won, lost         int
		revenue           Money
		winRate, mqlRate  *float64
	}
	flatten := func(rows []SegmentRow) []row {
		var out []row
		for _, g := range rows {
			out = append(out, row{g.Value, *g.LeadsCreated, *g.MQLs, *g.SQLs, *g.OpportunitiesCreated, *g.Pipeline,
				*g.Won, *g.Lost, *g.Revenue, g.WinRate, g.MQLRate})
		}
		return out
	}
	for _, c := range []struct {
		name string
		got  []SegmentRow
		want []row
	}{
		{"region", r.Segments.Region, []row{
			// b has no region; o4's primary zz is unknown.
			{"(none)", 1, 0, 0, 1, 300, 0, 0, 0, nil, fptr(0)},
			{"AMER", 0, 0, 0, 1, 1000, 1, 0, 1000, fptr(1), nil},
			// a created, mql, sql; c mql; o5. mql_rate: a (created in P) has an mql_at: 1/1.
			{"EMEA", 1, 2, 1, 1, 700, 0, 0, 0, nil, fptr(1)},
			{"NA", 0, 0, 0, 1, 500, 0, 1, 0, fptr(0), nil},
			{"YY", 0, 0, 0, 0, 0, 1, 0, 2000, fptr(1), nil},
		}},
		{"industry", r.Segments.Industry, []row{
			// c's mql; o4.
			{"(none)", 0, 1, 0, 1, 300, 0, 0, 0, nil, nil},
			// o1 (e), o2 (h) created: 1500; won o1, o3: 3000; lost o2.
			{"Retail", 0, 0, 0, 2, 1500, 2, 1, 3000, fptr(2.0 / 3), nil},
			// a and b created, a is an mql and sql; o5.
			{"Tech", 2, 1, 1, 1, 700, 0, 0, 0, nil, fptr(0.5)},
		}},
	} {
		got := flatten(c.got)
		if len(got) != len(c.want) {
			t.Errorf("%s: %d rows %+v, want %d", c.name, len(got), got, len(c.want))
			continue
		}
		for i := range got {
			g, w := got[i], c.want[i]
			if !sameFloat(g.winRate, w.winRate) || !sameFloat(g.mqlRate, w.mqlRate) {
				t.Errorf("%s[%d] rates = %v, %v; want %v, %v", c.name, i, g.winRate, g.mqlRate, w.winRate, w.mqlRate)
			}
			g.winRate, g.mqlRate, w.winRate, w.mqlRate = nil, nil, nil, nil
			if g != w {
				t.Errorf("%s[%d] = %+v, want %+v", c.name, i, g, w)
			}
		}
	}
	if g := r.Segments.Industry[1]; !reflect.DeepEqual(g.WinRateCI, wilson(2, 3)) || g.MQLRateCI != nil {
		t.Errorf("Retail CIs = %v, %v; want %v, null", g.WinRateCI, g.MQLRateCI, wilson(2, 3))
	}
}

func TestSegmentsWithoutOpportunities(t *testing.T) {
	r := hygieneReport(t, "2026-Q3", "", map[string]string{"leads.csv": segmentLeads})
	// Only leads count: region (none) (b), EMEA (a, c); industry (none) (c), Tech (a, b).
	if len(r.Segments.Region) != 2 || len(r.Segments.Industry) != 2 {
		t.Fatalf("segments = %+v", r.Segments)
	}
	for _, g := range append(r.Segments.Region, r.Segments.Industry...) {
		if g.OpportunitiesCreated != nil || g.Pipeline != nil || g.Won != nil || g.Lost != nil || g.WinRate != nil || g.Revenue != nil {
			t.Errorf("segment %q has opportunity figures without opportunities.csv: %+v", g.Value, g)
		}
	}
}

func TestTrendWeeks(t *testing.T) {
	leads := `lead_id,created_at,mql_at
		l1,2026-07-01T00:00:00,
		l2,2026-07-05T23:59:59,
		l3,2026-07-06T00:00:00,
		l4,2026-07-16T23:59:00,2026-07-13T09:00:00
		l5,2026-06-30T23:59:59,
		l6,2026-07-17T00:00:00,
		l7,2026-07-06T02:00:00Z,`
	opps := `opportunity_id,created_at,amount,status,closed_at
		o1,2026-07-06,100,open,
		o2,2026-06-01,50,won,2026-07-12T23:59:59`
	type week struct {
		start, end    string
		leads, mqls   int
		opps          int
		pipeline, rev Money
	}
	for _, c := range []struct {
		name, period, tz string
		want             []week
	}{
		// P starts on a Wednesday: the first week is Wed 07-01 .. Sun 07-05;
		// the last is clipped at Thu 07-16. l7 (02:00 UTC) is on 07-06.
		{"wednesday start", "2026-07-01..2026-07-16", "", []week{
			{"2026-07-01", "2026-07-05", 2, 0, 0, 0, 0},
			{"2026-07-06", "2026-07-12", 2, 0, 1, 100, 50},
			{"2026-07-13", "2026-07-16", 1, 1, 0, 0, 0},
		}},
		// In New York, l7 (02:00 UTC) is on Sunday 07-05, in the first week;
		// l2 (naive, local) stays on 07-05.
		{"time zone", "2026-07-01..2026-07-16", "America/New_York", []week{
			{"2026-07-01", "2026-07-05", 3, 0, 0, 0, 0},
			{"2026-07-06", "2026-07-12", 1, 0, 1, 100, 50},
			{"2026-07-13", "2026-07-16", 1, 1, 0, 0, 0},
		}},
		// A Monday-to-Sunday period is one whole week.
		{"one week", "2026-07-06..2026-07-12", "", []week{
			{"2026-07-06", "2026-07-12", 2, 0, 1, 100, 50},
		}},
		// A two-day period, Sunday and Monday: two one-day weeks.
		{"sunday to monday", "2026-07-05..2026-07-06", "", []week{
			{"2026-07-05", "2026-07-05", 1, 0, 0, 0, 0},
			{"2026-07-06", "2026-07-06", 2, 0, 1, 100, 0},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := hygieneReport(t, c.period, c.tz, map[string]string{"leads.csv": leads, "opportunities.csv": opps})
			var got []week
			for _, w := range r.Trend.Weeks {
				got = append(got, week{w.WeekStart, w.WeekEnd, *w.LeadsCreated, *w.MQLs, *w.OpportunitiesCreated, *w.Pipeline, *w.Revenue})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("weeks =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

func TestPrevious(t *testing.T) {
	// A campaign from 06-01 to 07-30 (60 days, cost 600) costs 300 in June
	// (Q2) and 300 in July (Q3); a campaign without dates is counted only in
	// periods where it has a touch (C2: 2026-05-10, in Q2).
	campaigns := `campaign_id,name,channel,start_date,end_date,cost
		C1,Launch,event,2026-06-01,2026-07-30,600
		C2,Always on,paid_search,,,90`
	touches := `lead_id,campaign_id,touched_at
		q2a,C2,2026-05-10`
	for _, c := range []struct {
		name, period, leads string
		label, from, to     string
		present, touches    bool
		prevLeads           int
		prevCost            Money
		relLeads            *float64
	}{
		// Q3 -> Q2. Q2 has 2 leads created, Q3 has 3: +1, +50%. Cost: C1 300
		// + C2 90 in Q2; 300 in Q3.
		{"quarter", "2026-Q3", `lead_id,created_at
			q2a,2026-04-01
			q2b,2026-06-30T23:59:59
			q3a,2026-07-01
			q3b,2026-07-02
			q3c,2026-09-30`, "2026-Q2", "2026-04-01", "2026-06-30", true, true, 2, 390, fptr(0.5)},
		// Q1 -> the previous year's Q4; a disqualification is an event.
		{"first quarter", "2026-Q1", `lead_id,created_at,disqualified_at
			x,2026-01-05,2025-12-31T23:00:00`, "2025-Q4", "2025-10-01", "2025-12-31", true, false, 0, 0, nil},
		// A 10-day range -> the 10 days before it; C1 costs 600 x 10/60 there.
		{"explicit range", "2026-07-10..2026-07-19", `lead_id,created_at
			a,2026-06-30
			b,2026-07-09T23:59:59
			c,2026-07-10`, "2026-06-30..2026-07-09", "2026-06-30", "2026-07-09", true, false, 2, 100, fptr(-0.5)},
		// A range that is exactly a quarter is the quarter.
		{"range of a quarter", "2026-07-01..2026-09-30", `lead_id,created_at
			q2a,2026-05-01
			q3a,2026-07-01`, "2026-Q2", "2026-04-01", "2026-06-30", true, true, 1, 390, fptr(0)},
		// No event in Q2: null; the first event is on P's first day.
		{"no event", "2026-Q3", `lead_id,created_at
			q3a,2026-07-01`, "2026-Q2", "2026-04-01", "2026-06-30", false, false, 0, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"leads.csv": c.leads, "campaigns.csv": campaigns}
			if c.touches {
				files["touches.csv"] = touches
			}
			r := hygieneReport(t, c.period, "", files)
			pc := r.PreviousChange
			if pc == nil || pc.Label != c.label || pc.From != c.from || pc.To != c.to {
				t.Fatalf("previous period = %+v, want %s %s..%s", pc, c.label, c.from, c.to)
			}
			if !c.present {
				if r.Previous != nil || pc.Delta != nil || pc.Relative != nil {
					t.Errorf("previous = %+v, change %+v; want null", r.Previous, pc)
				}
				return
			}
			if r.Previous == nil {
				t.Fatal("previous is null")
			}
			if *r.Previous.LeadsCreated != c.prevLeads || *r.Previous.Cost != c.prevCost {
				t.Errorf("previous leads, cost = %d, %v; want %d, %v", *r.Previous.LeadsCreated, *r.Previous.Cost, c.prevLeads, c.prevCost)
			}
			if d := *pc.Delta.LeadsCreated; d != *r.Totals.LeadsCreated-c.prevLeads {
				t.Errorf("delta leads_created = %d, want %d", d, *r.Totals.LeadsCreated-c.prevLeads)
			}
			if !sameFloat(pc.Relative.LeadsCreated, c.relLeads) {
				t.Errorf("relative leads_created = %v, want %v", pc.Relative.LeadsCreated, c.relLeads)
			}
		})
	}
}

func TestWins(t *testing.T) {
	// W = 180 days: 2026-07-01 - W = 2026-01-02. o3 is the largest but its
	// only touch is 1 second before created_at - W; o6's touch is exactly at
	// created_at - W. o4 was won before P; o5 is open. o0 and o1 tie on
	// amount: o0 first. o1's campaigns in first-touch order: C2 (through its
	// contact p2), then C1; C2's second touch is not repeated. p3's touch
	// after o0 closed does not count.
	leads := `lead_id,created_at
		p1,2026-01-01
		p2,2026-01-01
		p3,2026-01-01
		p4,2026-01-01
		p5,2026-01-01`
	opps := `opportunity_id,created_at,amount,status,closed_at,lead_id,owner,account_id
		o1,2026-07-01T00:00:00,500,won,2026-08-01,p1,Ann,acme
		o0,2026-07-01T00:00:00,500,won,2026-08-02,p3,,
		o3,2026-07-01T00:00:00,900,won,2026-08-01,p4,Bob,big
		o6,2026-07-01T00:00:00,50,won,2026-08-01,p5,Cy,
		o4,2026-05-01,800,won,2026-06-30,p1,Ann,acme
		o5,2026-07-01,700,open,,p1,Ann,acme`
	contacts := `opportunity_id,lead_id
		o1,p2`
	touches := `lead_id,campaign_id,touched_at
		p2,C2,2026-06-20
		p1,C1,2026-06-21
		p2,C2,2026-06-22
		p3,C3,2026-07-31
		p3,C2,2026-08-03
		p4,C1,2026-01-01T23:59:59
		p5,C1,2026-01-02T00:00:00`
	r := hygieneReport(t, "2026-Q3", "", map[string]string{
		"leads.csv": leads, "opportunities.csv": opps, "opportunity_contacts.csv": contacts, "touches.csv": touches,
		"campaigns.csv": "campaign_id,name,channel\nC1,Webinar,webinar\nC2,Show,event",
	})
	want := []Win{
		{OpportunityID: "o0", AccountID: "(none)", Amount: 500, Owner: "(none)", ClosedOn: "2026-08-02", Campaigns: []string{"C3"}, CampaignNames: []string{""}},
		{OpportunityID: "o1", AccountID: "acme", Amount: 500, Owner: "Ann", ClosedOn: "2026-08-01", Campaigns: []string{"C2", "C1"}, CampaignNames: []string{"Show", "Webinar"}},
		{OpportunityID: "o6", AccountID: "(none)", Amount: 50, Owner: "Cy", ClosedOn: "2026-08-01", Campaigns: []string{"C1"}, CampaignNames: []string{"Webinar"}},
	}
	if !reflect.DeepEqual(r.Wins, want) {
		t.Errorf("wins =\n%+v\nwant\n%+v", r.Wins, want)
	}
}

func TestMarkStandouts(t *testing.T) {
	row := func(won, lost int) SegmentRow {
		return SegmentRow{Won: &won, Lost: &lost, WinRate: ratio(won, won+lost), WinRateCI: wilson(won, won+lost)}
	}
	rows := []SegmentRow{
		row(30, 20), // 60% (46-73%) against 30%: above
		row(5, 45),  // 10% (4.3-21%): below
		row(16, 34), // 32% (21-46%): overlaps 30%
		row(9, 1),   // 90% but only 10 deals: no claim
	}
	markStandouts(rows, 0.3)
	want := []Standout{StandoutAbove, StandoutBelow, "", ""}
	for i, r := range rows {
		if r.Standout != want[i] {
			t.Errorf("row %d: standout %q, want %q", i, r.Standout, want[i])
		}
	}
}
