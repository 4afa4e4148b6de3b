package analysis

import (
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// Segments is SPEC section 9's breakdown of the funnel by region, by
// industry, by lead source and by origin.
type Segments struct {
	Region   []SegmentRow `json:"region"`
	Industry []SegmentRow `json:"industry"`
	Source   []SegmentRow `json:"source"`
	Origin   []SegmentRow `json:"origin"`
}

// SegmentRow is the funnel of one region or industry value ("(none)" for
// empty): a lead counts under its own value, an opportunity under its
// primary person's. The opportunity figures are nil without
// opportunities.csv. mql_rate is the share of the leads created in P that
// have an mql_at (at any time), so that it stays a fraction of one cohort.
type SegmentRow struct {
	Value                string    `json:"value"`
	LeadsCreated         *int      `json:"leads_created"`
	MQLs                 *int      `json:"mqls"`
	SQLs                 *int      `json:"sqls"`
	OpportunitiesCreated *int      `json:"opportunities_created"`
	Pipeline             *Money    `json:"pipeline"`
	Won                  *int      `json:"won"`
	Lost                 *int      `json:"lost"`
	WinRate              *float64  `json:"win_rate"`
	WinRateCI            *Interval `json:"win_rate_ci"`
	Revenue              *Money    `json:"revenue"`
	MQLRate              *float64  `json:"mql_rate"`
	MQLRateCI            *Interval `json:"mql_rate_ci"`
	// Standout is "above" or "below" when the win rate's 95% interval lies
	// wholly above or below the period's overall win rate, with at least
	// SmallSample closed deals; empty otherwise.
	Standout Standout `json:"standout,omitempty"`
}

// Standout marks a segment whose win rate lies clearly above or below the
// period's.
type Standout string

// The standouts of segment rows.
const (
	StandoutAbove Standout = "above"
	StandoutBelow Standout = "below"
)

// markStandouts sets the Standout of the rows whose win rate differs
// clearly from overall.
func markStandouts(rows []SegmentRow, overall float64) {
	for i := range rows {
		r := &rows[i]
		win := r.Win()
		if win.CI == nil || win.Small() {
			continue
		}
		switch {
		case win.CI[0] > overall:
			r.Standout = StandoutAbove
		case win.CI[1] < overall:
			r.Standout = StandoutBelow
		}
	}
}

// segmentTally accumulates one segment value.
type segmentTally struct {
	leads, mqls, sqls, cohortMQLs int
	opportunities, won, lost      int
	pipeline, revenue             float64
	counted                       bool
}

// segments computes SPEC section 9's segments: region, industry and source
// are labels of leads.csv; origin is a lead's own origin, and an
// opportunity's origin as in sourcing (SPEC 6), "(none)" where it is
// unknown (no leads.csv and no origin of its own). It marks the region and
// industry rows whose win rate stands out from overall (the period's win
// rate; nil marks none).
func (s *scope) segments(overall *float64) *Segments {
	ds := s.ds
	region := make([]segmentTally, ds.Labels.Len())
	industry := make([]segmentTally, ds.Labels.Len())
	source := make([]segmentTally, ds.Labels.Len())
	origin := make([]segmentTally, loader.OriginOther+1)
	for _, lead := range ds.Leads {
		if !lead.Known {
			continue
		}
		created, mql, sql := s.inP(lead.CreatedAt), s.inP(lead.MQLAt), s.inP(lead.SQLAt)
		if !created && !mql && !sql {
			continue
		}
		for _, t := range []*segmentTally{&region[lead.Region], &industry[lead.Industry], &source[lead.Source], &origin[lead.Origin]} {
			t.counted = true
			if created {
				t.leads++
				if lead.MQLAt != loader.NoTime {
					t.cohortMQLs++
				}
			}
			if mql {
				t.mqls++
			}
			if sql {
				t.sqls++
			}
		}
	}
	if ds.Files.Opportunities {
		primary := s.primaryPeople()
		for o, opp := range ds.Opportunities {
			created := s.inP(opp.CreatedAt)
			closed := opp.Status != loader.Open && s.inP(opp.ClosedAt)
			if !created && !closed {
				continue
			}
			var r, i, src loader.Label // the empty value unless the primary person is known
			if p := primary[o]; p != loader.NoID {
				r, i, src = ds.Leads[p].Region, ds.Leads[p].Industry, ds.Leads[p].Source
			}
			orig, _ := s.sourcedBy(o, primary[o])
			for _, t := range []*segmentTally{&region[r], &industry[i], &source[src], &origin[orig]} {
				t.counted = true
				if created {
					t.opportunities++
					t.pipeline += opp.Amount
				}
				if closed && opp.Status == loader.Won {
					t.won++
					t.revenue += opp.Amount
				}
				if closed && opp.Status == loader.Lost {
					t.lost++
				}
			}
		}
	}
	label := func(i int) string { return labelText(ds, loader.Label(i)) }
	originName := func(i int) string {
		if o := loader.Origin(i); o != loader.OriginNone {
			return o.String()
		}
		return string(NoValue)
	}
	seg := &Segments{
		Region: s.segmentRows(region, label), Industry: s.segmentRows(industry, label),
		Source: s.segmentRows(source, label), Origin: s.segmentRows(origin, originName),
	}
	if overall != nil {
		markStandouts(seg.Region, *overall)
		markStandouts(seg.Industry, *overall)
	}
	return seg
}

// segmentRows turns the tallies, indexed by label or origin, into rows
// sorted by value; name gives an index's value.
func (s *scope) segmentRows(tallies []segmentTally, name func(int) string) []SegmentRow {
	rows := []SegmentRow{}
	for i, t := range tallies {
		if !t.counted {
			continue
		}
		row := SegmentRow{
			Value: name(i), MQLRate: ratio(t.cohortMQLs, t.leads), MQLRateCI: wilson(t.cohortMQLs, t.leads),
		}
		if s.ds.Files.Leads {
			row.LeadsCreated, row.MQLs, row.SQLs = intPtr(t.leads), intPtr(t.mqls), intPtr(t.sqls)
		}
		if s.ds.Files.Opportunities {
			row.OpportunitiesCreated, row.Pipeline = intPtr(t.opportunities), moneyPtr(t.pipeline)
			row.Won, row.Lost, row.Revenue = intPtr(t.won), intPtr(t.lost), moneyPtr(t.revenue)
			row.WinRate, row.WinRateCI = ratio(t.won, t.won+t.lost), wilson(t.won, t.won+t.lost)
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b SegmentRow) int { return strings.Compare(a.Value, b.Value) })
	return rows
}
