package analysis

import "github.com/campaignretro/retro/loader"

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
	d.LeadsCreated, r.LeadsCreated = intDelta(cur.LeadsCreated, prev.LeadsCreated)
	d.MQLs, r.MQLs = intDelta(cur.MQLs, prev.MQLs)
	d.SQLs, r.SQLs = intDelta(cur.SQLs, prev.SQLs)
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
