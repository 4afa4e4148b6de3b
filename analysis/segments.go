package analysis

import (
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// Segments is SPEC section 9's breakdown of the funnel by region and by
// industry.
type Segments struct {
	Region   []SegmentRow `json:"region"`
	Industry []SegmentRow `json:"industry"`
}

// SegmentRow is the funnel of one region or industry value ("(none)" for
// empty): a lead counts under its own value, an opportunity under its
// primary person's. The opportunity figures are nil without
// opportunities.csv. mql_rate is the share of the leads created in P that
// have an mql_at (at any time), so that it stays a fraction of one cohort.
type SegmentRow struct {
	Value                string    `json:"value"`
	LeadsCreated         int       `json:"leads_created"`
	MQLs                 int       `json:"mqls"`
	SQLs                 int       `json:"sqls"`
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
	Standout string `json:"standout,omitempty"`
}

// markStandouts sets the Standout of the rows whose win rate differs
// clearly from overall.
func markStandouts(rows []SegmentRow, overall float64) {
	for i := range rows {
		r := &rows[i]
		if r.WinRateCI == nil || r.Won == nil || r.Lost == nil || *r.Won+*r.Lost < SmallSample {
			continue
		}
		switch {
		case r.WinRateCI[0] > overall:
			r.Standout = "above"
		case r.WinRateCI[1] < overall:
			r.Standout = "below"
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

// segments computes SPEC section 9's segments.region and segments.industry.
func (s *scope) segments() *Segments {
	ds := s.ds
	region := make([]segmentTally, ds.Labels.Len())
	industry := make([]segmentTally, ds.Labels.Len())
	for _, lead := range ds.Leads {
		if !lead.Known {
			continue
		}
		created, mql, sql := s.inP(lead.CreatedAt), s.inP(lead.MQLAt), s.inP(lead.SQLAt)
		if !created && !mql && !sql {
			continue
		}
		for _, t := range []*segmentTally{&region[lead.Region], &industry[lead.Industry]} {
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
			var r, i loader.Label // the empty value unless the primary person is known
			if p := primary[o]; p != loader.NoID {
				r, i = ds.Leads[p].Region, ds.Leads[p].Industry
			}
			for _, t := range []*segmentTally{&region[r], &industry[i]} {
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
	return &Segments{Region: s.segmentRows(region), Industry: s.segmentRows(industry)}
}

// segmentRows turns the tallies, indexed by label, into rows sorted by value.
func (s *scope) segmentRows(tallies []segmentTally) []SegmentRow {
	rows := []SegmentRow{}
	for label, t := range tallies {
		if !t.counted {
			continue
		}
		row := SegmentRow{
			Value: labelText(s.ds, loader.Label(label)), LeadsCreated: t.leads, MQLs: t.mqls, SQLs: t.sqls,
			MQLRate: ratio(t.cohortMQLs, t.leads), MQLRateCI: wilson(t.cohortMQLs, t.leads),
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

// primaryPeople returns the primary person of every opportunity (SPEC 6):
// o.lead_id, or else the earliest-created known lead in people(o), ties to
// the smaller lead_id; NoID when there is none.
func (s *scope) primaryPeople() []loader.ID {
	ds := s.ds
	out := make([]loader.ID, len(ds.Opportunities))
	for o, opp := range ds.Opportunities {
		out[o] = opp.Lead
		if opp.Lead != loader.NoID {
			continue
		}
		for _, p := range ds.PeopleOf(o) {
			lead := ds.Leads[p]
			if !lead.Known {
				continue
			}
			best := out[o]
			if best == loader.NoID || lead.CreatedAt < ds.Leads[best].CreatedAt ||
				lead.CreatedAt == ds.Leads[best].CreatedAt && ds.People.Names[p] < ds.People.Names[best] {
				out[o] = p
			}
		}
	}
	return out
}

// Trend is SPEC section 9's weekly trend across P.
type Trend struct {
	Weeks []TrendWeek `json:"weeks"`
}

// TrendWeek is one ISO week (Monday to Sunday) clipped to P: week_start is
// its first day inside P, week_end its last. The opportunity figures are nil
// without opportunities.csv; revenue is the amount won in the week.
type TrendWeek struct {
	WeekStart string `json:"week_start"`
	WeekEnd   string `json:"week_end"`
	// Days is how many days of the week fall in P: 7, or fewer for a week
	// cut at the period's edges.
	Days                 int    `json:"days"`
	LeadsCreated         int    `json:"leads_created"`
	MQLs                 int    `json:"mqls"`
	OpportunitiesCreated *int   `json:"opportunities_created"`
	Pipeline             *Money `json:"pipeline"`
	Revenue              *Money `json:"revenue"`
}

// weekTally accumulates one week of the trend.
type weekTally struct {
	leads, mqls, opportunities int
	pipeline, revenue          float64
}

// trend computes SPEC section 9's trend.weeks.
func (s *scope) trend() *Trend {
	ds := s.ds
	// Week i covers the days starts[i] .. starts[i+1]-1, clipped to P.
	var starts []loader.Day
	for d := s.period.From; d <= s.period.To; d++ {
		if d == s.period.From || weekday(d) == 0 {
			starts = append(starts, d)
		}
	}
	bounds := make([]loader.Time, 0, len(starts)+1)
	for _, d := range starts {
		bounds = append(bounds, loader.Midnight(d, s.opts.Location))
	}
	bounds = append(bounds, s.hi)

	weeks := make([]weekTally, len(starts))
	for _, lead := range ds.Leads {
		if !lead.Known {
			continue
		}
		if s.inP(lead.CreatedAt) {
			weeks[bucketOf(bounds, lead.CreatedAt)].leads++
		}
		if s.inP(lead.MQLAt) {
			weeks[bucketOf(bounds, lead.MQLAt)].mqls++
		}
	}
	for _, opp := range ds.Opportunities {
		if s.inP(opp.CreatedAt) {
			w := &weeks[bucketOf(bounds, opp.CreatedAt)]
			w.opportunities++
			w.pipeline += opp.Amount
		}
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			weeks[bucketOf(bounds, opp.ClosedAt)].revenue += opp.Amount
		}
	}

	t := &Trend{Weeks: make([]TrendWeek, len(starts))}
	for i, w := range weeks {
		end := s.period.To
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		tw := TrendWeek{WeekStart: loader.FormatDay(starts[i]), WeekEnd: loader.FormatDay(end), Days: int(end-starts[i]) + 1, LeadsCreated: w.leads, MQLs: w.mqls}
		if ds.Files.Opportunities {
			tw.OpportunitiesCreated, tw.Pipeline, tw.Revenue = intPtr(w.opportunities), moneyPtr(w.pipeline), moneyPtr(w.revenue)
		}
		t.Weeks[i] = tw
	}
	return t
}

// weekday returns the ISO day of the week of d, Monday = 0 .. Sunday = 6
// (1970-01-01, day 0, was a Thursday).
func weekday(d loader.Day) int {
	return int(((d+3)%7 + 7) % 7)
}

// PeriodChange compares P with the period right before it (SPEC 9:
// previous). Delta is current minus previous for each totals figure, and
// Relative is that change divided by the previous value where the previous
// value is above 0; both are nil when the previous period has no data.
type PeriodChange struct {
	Label    string        `json:"label"`
	From     string        `json:"from"`
	To       string        `json:"to"`
	Delta    *Totals       `json:"delta"`
	Relative *TotalsChange `json:"relative"`
}

// TotalsChange holds a relative change for each totals figure, nil where
// the previous value is 0 or absent.
type TotalsChange struct {
	LeadsCreated         *float64 `json:"leads_created"`
	Responders           *float64 `json:"responders"`
	MQLs                 *float64 `json:"mqls"`
	SQLs                 *float64 `json:"sqls"`
	OpportunitiesCreated *float64 `json:"opportunities_created"`
	Pipeline             *float64 `json:"pipeline"`
	Won                  *float64 `json:"won"`
	Revenue              *float64 `json:"revenue"`
	Lost                 *float64 `json:"lost"`
	WinRate              *float64 `json:"win_rate"`
	Cost                 *float64 `json:"cost"`
}

// previousScope returns the scope of the period right before P: the
// previous quarter for a quarter, else as many days right before it.
func (s *scope) previousScope() *scope {
	prev := *s
	prev.period = s.period.Previous()
	prev.lo = loader.Midnight(prev.period.From, s.opts.Location)
	prev.hi = loader.Midnight(prev.period.To+1, s.opts.Location)
	return &prev
}

// previous computes SPEC section 9's previous: the totals of the period
// right before P (nil when no event timestamp falls in it) and their change
// to current, the totals of P.
func (s *scope) previous(current Totals) (*Totals, *PeriodChange) {
	prev := s.previousScope()
	change := &PeriodChange{
		Label: prev.period.Label,
		From:  loader.FormatDay(prev.period.From),
		To:    loader.FormatDay(prev.period.To),
	}
	if !prev.hasEvent() {
		return nil, change
	}
	t := prev.totals()
	change.Delta, change.Relative = totalsDelta(current, t)
	return &t, change
}

// hasEvent reports whether any event timestamp of the input (as for as_of)
// falls in the scope's period.
func (s *scope) hasEvent() bool {
	ds := s.ds
	for _, l := range ds.Leads {
		if l.Known && (s.inP(l.CreatedAt) || s.inP(l.MQLAt) || s.inP(l.SQLAt) || s.inP(l.DisqualifiedAt)) {
			return true
		}
	}
	for _, t := range ds.Touches {
		if s.inP(t.At) {
			return true
		}
	}
	for _, a := range ds.Activities {
		if s.inP(a) {
			return true
		}
	}
	for _, o := range ds.Opportunities {
		if s.inP(o.CreatedAt) || s.inP(o.ClosedAt) {
			return true
		}
	}
	return false
}

// totalsDelta returns cur - prev for each figure present in both, and the
// relative change where prev is above 0.
func totalsDelta(cur, prev Totals) (*Totals, *TotalsChange) {
	d, r := &Totals{}, &TotalsChange{}
	d.LeadsCreated, r.LeadsCreated = cur.LeadsCreated-prev.LeadsCreated, relative(float64(cur.LeadsCreated), float64(prev.LeadsCreated))
	d.MQLs, r.MQLs = cur.MQLs-prev.MQLs, relative(float64(cur.MQLs), float64(prev.MQLs))
	d.SQLs, r.SQLs = cur.SQLs-prev.SQLs, relative(float64(cur.SQLs), float64(prev.SQLs))
	d.Responders, r.Responders = intDelta(cur.Responders, prev.Responders)
	d.OpportunitiesCreated, r.OpportunitiesCreated = intDelta(cur.OpportunitiesCreated, prev.OpportunitiesCreated)
	d.Won, r.Won = intDelta(cur.Won, prev.Won)
	d.Lost, r.Lost = intDelta(cur.Lost, prev.Lost)
	d.Pipeline, r.Pipeline = moneyDelta(cur.Pipeline, prev.Pipeline)
	d.Revenue, r.Revenue = moneyDelta(cur.Revenue, prev.Revenue)
	d.Cost, r.Cost = moneyDelta(cur.Cost, prev.Cost)
	if cur.WinRate != nil && prev.WinRate != nil {
		v := *cur.WinRate - *prev.WinRate
		d.WinRate, r.WinRate = &v, relative(*cur.WinRate, *prev.WinRate)
	}
	return d, r
}

func intDelta(cur, prev *int) (*int, *float64) {
	if cur == nil || prev == nil {
		return nil, nil
	}
	return intPtr(*cur - *prev), relative(float64(*cur), float64(*prev))
}

func moneyDelta(cur, prev *Money) (*Money, *float64) {
	if cur == nil || prev == nil {
		return nil, nil
	}
	return moneyPtr(float64(*cur - *prev)), relative(float64(*cur), float64(*prev))
}

// relative returns (cur - prev) / prev, or nil unless prev > 0.
func relative(cur, prev float64) *float64 {
	if prev <= 0 {
		return nil
	}
	v := (cur - prev) / prev
	return &v
}
