package analysis

import "github.com/campaignretro/retro/loader"

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
	LeadsCreated         *int   `json:"leads_created"`
	MQLs                 *int   `json:"mqls"`
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
		tw := TrendWeek{WeekStart: loader.FormatDay(starts[i]), WeekEnd: loader.FormatDay(end), Days: int(end-starts[i]) + 1}
		if s.ds.Files.Leads {
			tw.LeadsCreated, tw.MQLs = intPtr(w.leads), intPtr(w.mqls)
		}
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
