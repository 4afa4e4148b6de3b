package analysis

import (
	"testing"
)

// TestSegmentsSourceOrigin: segments.source counts a lead by its own
// source and an opportunity by its primary person's; segments.origin counts
// a lead by its own origin and an opportunity by its origin as in sourcing
// (SPEC 6 and 9). P = 2026-Q3.
func TestSegmentsSourceOrigin(t *testing.T) {
	r := hygieneReport(t, "2026-Q3", "", map[string]string{
		"leads.csv": `lead_id,created_at,mql_at,source,origin
			a,2026-07-01,2026-07-02,Web,marketing
			b,2026-07-05,,Web,
			c,2026-07-06,,Event,Partner
			d,2026-03-01,,Outbound,sales
			e,2026-07-08,,,robot
			f,2026-02-01,,Web,`,
		"touches.csv": `lead_id,campaign_id,touched_at
			f,C1,2026-02-01T12:00:00Z`,
		// o1: a's origin; o2: its own; o3: b has none and no touch: sales;
		// o4: f's first touch within a day of its creation: marketing;
		// o5: unknown primary person: sales; o6: d's.
		"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id,origin
			o1,2026-07-10,100,won,2026-08-01,a,
			o2,2026-07-11,200,lost,2026-08-02,a,partner
			o3,2026-07-12,400,open,,b,
			o4,2026-07-13,800,open,,f,
			o5,2026-07-14,1600,open,,zz,
			o6,2026-07-15,3200,open,,d,`,
	})
	type row struct {
		value             string
		leads, mqls, opps int
		pipeline          Money
		won, lost         int
		revenue           Money
	}
	flatten := func(rows []SegmentRow) []row {
		var out []row
		for _, g := range rows {
			out = append(out, row{g.Value, *g.LeadsCreated, *g.MQLs, *g.OpportunitiesCreated, *g.Pipeline, *g.Won, *g.Lost, *g.Revenue})
		}
		return out
	}
	for _, c := range []struct {
		name string
		got  []SegmentRow
		want []row
	}{
		{"source", r.Segments.Source, []row{
			{"(none)", 1, 0, 1, 1600, 0, 0, 0}, // e; o5
			{"Event", 1, 0, 0, 0, 0, 0, 0},     // c
			{"Outbound", 0, 0, 1, 3200, 0, 0, 0},
			{"Web", 2, 1, 4, 1500, 1, 1, 100}, // a, b; o1-o4
		}},
		{"origin", r.Segments.Origin, []row{
			{"(none)", 1, 0, 0, 0, 0, 0, 0},        // b
			{"marketing", 1, 1, 2, 900, 1, 0, 100}, // a; o1, o4
			{"other", 1, 0, 0, 0, 0, 0, 0},         // e ("robot")
			{"partner", 1, 0, 1, 200, 0, 1, 0},     // c ("Partner"); o2
			{"sales", 0, 0, 3, 5200, 0, 0, 0},      // o3, o5, o6
		}},
	} {
		got := flatten(c.got)
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s[%d] = %+v, want %+v", c.name, i, got[i], c.want[i])
			}
		}
	}
}
