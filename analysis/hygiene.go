package analysis

import (
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// Hygiene windows of SPEC section 7, as fixed 24-hour spans (section 11).
const (
	lateDays     = 14 // late_created: the last 14 days of P, dates to-13..to
	coldDays     = 30 // cold_created: no touch or activity in [created_at - 30 days, created_at]
	fastLossDays = 14 // fast_loss: lost within 14 days of creation
)

// mostFlaggedMinimum is the fewest opportunities an owner needs to be named
// as the owner with the largest flagged share.
const mostFlaggedMinimum = 10

// Hygiene is SPEC section 7: signals about the opportunities created in P
// that deserve a conversation (pipeline created late in the period, with no
// prior engagement, or lost right away). ColdCreated is nil when neither
// touches.csv nor activities.csv was given. Beyond the SPEC keys: flagged
// (opportunities with any flag), flagged_share (their share of pipeline),
// late_ratio (late_share / expected_late_share), most_flagged (the by_owner
// row with the largest flagged_share among owners with at least 10
// opportunities; ties to the larger pipeline, then owner) and
// created_by_day (every day of P, for the chart).
type Hygiene struct {
	Opportunities     int                `json:"opportunities"`
	Pipeline          Money              `json:"pipeline"`
	LateCreated       FlagTotal          `json:"late_created"`
	ColdCreated       *FlagTotal         `json:"cold_created"`
	FastLoss          FlagTotal          `json:"fast_loss"`
	MultiFlag         FlagTotal          `json:"multi_flag"`
	Flagged           FlagTotal          `json:"flagged"`
	FlaggedShare      *float64           `json:"flagged_share"`
	ExpectedLateShare float64            `json:"expected_late_share"`
	LateShare         *float64           `json:"late_share"`
	LateRatio         *float64           `json:"late_ratio"`
	MostFlagged       *HygieneOwner      `json:"most_flagged"`
	ByOwner           []HygieneOwner     `json:"by_owner"`
	CreatedByDay      []DailyOpportunity `json:"created_by_day"`
}

// FlagTotal counts the opportunities holding a flag and sums their amount.
type FlagTotal struct {
	Count  int   `json:"count"`
	Amount Money `json:"amount"`
}

// HygieneOwner is one rep's row of the hygiene table: the opportunities the
// rep owns among those created in P, and how many hold each flag.
type HygieneOwner struct {
	Owner         string   `json:"owner"`
	Opportunities int      `json:"opportunities"`
	Pipeline      Money    `json:"pipeline"`
	LateCreated   int      `json:"late_created"`
	ColdCreated   *int     `json:"cold_created"`
	FastLoss      int      `json:"fast_loss"`
	MultiFlag     int      `json:"multi_flag"`
	FlaggedShare  *float64 `json:"flagged_share"`
}

// DailyOpportunity is the opportunities created on one day of P.
type DailyOpportunity struct {
	Date   string `json:"date"`
	Count  int    `json:"count"`
	Amount Money  `json:"amount"`
}

// flags of one opportunity, as bits.
const (
	flagLate = 1 << iota
	flagCold
	flagFastLoss
)

// ownerTally accumulates one owner's hygiene row.
type ownerTally struct {
	opportunities, late, cold, fastLoss, multi int
	pipeline, flagged                          float64
}

// hygiene computes SPEC section 7 over the opportunities created in P.
func (s *scope) hygiene() *Hygiene {
	ds := s.ds
	p := s.period
	lateFrom := loader.Midnight(p.To-(lateDays-1), s.opts.Location)
	coldKnown := ds.Files.Touches || ds.Files.Activities
	days := s.dayBounds(p.From, p.To)

	h := &Hygiene{
		ExpectedLateShare: float64(lateDays) / float64(p.Days()),
		ByOwner:           []HygieneOwner{},
		CreatedByDay:      make([]DailyOpportunity, p.Days()),
	}
	for i := range h.CreatedByDay {
		h.CreatedByDay[i].Date = loader.FormatDay(p.From + loader.Day(i))
	}
	var cold FlagTotal
	owners := make([]ownerTally, ds.Labels.Len())
	for o, opp := range ds.Opportunities {
		if !s.inP(opp.CreatedAt) {
			continue
		}
		day := &h.CreatedByDay[bucketOf(days, opp.CreatedAt)]
		day.Count++
		day.Amount += Money(opp.Amount)

		flags := 0
		if opp.CreatedAt >= lateFrom {
			flags |= flagLate
		}
		if coldKnown && s.isCold(o) {
			flags |= flagCold
		}
		if opp.Status == loader.Lost && opp.ClosedAt != loader.NoTime &&
			opp.ClosedAt-opp.CreatedAt <= fastLossDays*microsPerDay {
			flags |= flagFastLoss
		}

		h.Opportunities++
		h.Pipeline += Money(opp.Amount)
		ot := &owners[opp.Owner]
		ot.opportunities++
		ot.pipeline += opp.Amount
		add := func(ft *FlagTotal, n *int) {
			ft.Count++
			ft.Amount += Money(opp.Amount)
			*n++
		}
		if flags&flagLate != 0 {
			add(&h.LateCreated, &ot.late)
		}
		if flags&flagCold != 0 {
			add(&cold, &ot.cold)
		}
		if flags&flagFastLoss != 0 {
			add(&h.FastLoss, &ot.fastLoss)
		}
		if flags&(flags-1) != 0 { // two or more bits set
			add(&h.MultiFlag, &ot.multi)
		}
		if flags != 0 {
			h.Flagged.Count++
			h.Flagged.Amount += Money(opp.Amount)
			ot.flagged += opp.Amount
		}
	}
	if coldKnown {
		h.ColdCreated = &cold
	}
	h.FlaggedShare = div(float64(h.Flagged.Amount), float64(h.Pipeline))
	h.LateShare = ratio(h.LateCreated.Count, h.Opportunities)
	if h.LateShare != nil {
		h.LateRatio = div(*h.LateShare, h.ExpectedLateShare)
	}

	for label, ot := range owners {
		if ot.opportunities == 0 {
			continue
		}
		row := HygieneOwner{
			Owner:         labelText(ds, loader.Label(label)),
			Opportunities: ot.opportunities,
			Pipeline:      Money(ot.pipeline),
			LateCreated:   ot.late,
			FastLoss:      ot.fastLoss,
			MultiFlag:     ot.multi,
			FlaggedShare:  div(ot.flagged, ot.pipeline),
		}
		if coldKnown {
			row.ColdCreated = intPtr(ot.cold)
		}
		h.ByOwner = append(h.ByOwner, row)
	}
	slices.SortFunc(h.ByOwner, func(a, b HygieneOwner) int { return strings.Compare(a.Owner, b.Owner) })
	for i := range h.ByOwner {
		row := &h.ByOwner[i]
		if row.Opportunities < mostFlaggedMinimum || row.FlaggedShare == nil || *row.FlaggedShare == 0 {
			continue
		}
		if m := h.MostFlagged; m == nil || *row.FlaggedShare > *m.FlaggedShare ||
			*row.FlaggedShare == *m.FlaggedShare && row.Pipeline > m.Pipeline {
			h.MostFlagged = row
		}
	}
	if h.MostFlagged != nil {
		m := *h.MostFlagged
		h.MostFlagged = &m
	}
	return h
}

// isCold reports whether no person of opportunity o has a touch or an
// activity in [created_at - 30 days, created_at]. A missing file counts as
// no touches or no activities.
func (s *scope) isCold(o int) bool {
	created := s.ds.Opportunities[o].CreatedAt
	lo := created - coldDays*microsPerDay
	for _, p := range s.ds.PeopleOf(o) {
		if len(touchesIn(s.ds.PersonTouches(p), lo, created)) > 0 {
			return false
		}
		acts := s.ds.PersonActivities(p)
		if i, _ := slices.BinarySearch(acts, lo); i < len(acts) && acts[i] <= created {
			return false
		}
	}
	return true
}
