package analysis

import (
	"slices"

	"github.com/campaignretro/retro/loader"
)

// Sourcing is the first part of SPEC section 6: who sourced the pipeline and
// the revenue, beside how much of it marketing touched.
type Sourcing struct {
	Pipeline SourcingTarget `json:"pipeline"`
	Revenue  SourcingTarget `json:"revenue"`
}

// SourcingTarget splits one target's opportunities by origin (the four
// sourced groups add up to Total) and, independently, into touched and
// untouched (nil without touches.csv).
type SourcingTarget struct {
	MarketingSourced SourcingGroup  `json:"marketing_sourced"`
	SalesSourced     SourcingGroup  `json:"sales_sourced"`
	PartnerSourced   SourcingGroup  `json:"partner_sourced"`
	OtherSourced     SourcingGroup  `json:"other_sourced"`
	MarketingTouched *SourcingGroup `json:"marketing_touched"`
	Untouched        *SourcingGroup `json:"untouched"`
	// Total is every opportunity of the target.
	Total SourcingGroup `json:"total"`
	// AmountShares is each group's share of Total's amount, keyed by group
	// name (nil when Total's amount is 0 or the group is null).
	AmountShares map[string]*float64 `json:"amount_shares"`
}

// SourcingGroup counts opportunities and sums their amount.
type SourcingGroup struct {
	Count  int   `json:"count"`
	Amount Money `json:"amount"`
}

func (g *SourcingGroup) add(amount float64) {
	g.Count++
	g.Amount += Money(amount)
}

// sourcing computes sourcing.pipeline (opportunities created in P) and
// sourcing.revenue (won opportunities closed in P).
func (s *scope) sourcing() *Sourcing {
	src := &Sourcing{Pipeline: s.newSourcingTarget(), Revenue: s.newSourcingTarget()}
	for o, opp := range s.ds.Opportunities {
		if s.inP(opp.CreatedAt) {
			s.addSourced(&src.Pipeline, o)
		}
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			s.addSourced(&src.Revenue, o)
		}
	}
	src.Pipeline.shares()
	src.Revenue.shares()
	return src
}

func (s *scope) newSourcingTarget() SourcingTarget {
	var t SourcingTarget
	if s.ds.Files.Touches {
		t.MarketingTouched, t.Untouched = &SourcingGroup{}, &SourcingGroup{}
	}
	return t
}

// addSourced counts opportunity o in t's groups.
func (s *scope) addSourced(t *SourcingTarget, o int) {
	amount := s.ds.Opportunities[o].Amount
	t.Total.add(amount)
	switch s.origin(o) {
	case loader.OriginMarketing:
		t.MarketingSourced.add(amount)
	case loader.OriginSales:
		t.SalesSourced.add(amount)
	case loader.OriginPartner:
		t.PartnerSourced.add(amount)
	default:
		t.OtherSourced.add(amount)
	}
	if t.MarketingTouched == nil {
		return
	}
	if s.marketingTouched(o) {
		t.MarketingTouched.add(amount)
	} else {
		t.Untouched.add(amount)
	}
}

// shares fills AmountShares from the groups.
func (t *SourcingTarget) shares() {
	t.AmountShares = map[string]*float64{}
	for name, g := range map[string]*SourcingGroup{
		"marketing_sourced": &t.MarketingSourced, "sales_sourced": &t.SalesSourced,
		"partner_sourced": &t.PartnerSourced, "other_sourced": &t.OtherSourced,
		"marketing_touched": t.MarketingTouched, "untouched": t.Untouched,
	} {
		if g == nil {
			t.AmountShares[name] = nil
			continue
		}
		t.AmountShares[name] = div(float64(g.Amount), float64(t.Total.Amount))
	}
}

// origin returns who sourced opportunity o: its own origin; else its
// primary person's origin; else marketing when that person's first touch
// is at or before their created_at + 1 day; else sales. An opportunity
// whose primary person is unknown is sales.
func (s *scope) origin(o int) loader.Origin {
	opp := s.ds.Opportunities[o]
	if opp.Origin != loader.OriginNone {
		return opp.Origin
	}
	p := s.primaryPerson(o)
	if p == loader.NoID || !s.ds.Leads[p].Known {
		return loader.OriginSales
	}
	lead := s.ds.Leads[p]
	if lead.Origin != loader.OriginNone {
		return lead.Origin
	}
	if ts := s.ds.PersonTouches(p); len(ts) > 0 && ts[0].At <= lead.CreatedAt+microsPerDay {
		return loader.OriginMarketing
	}
	return loader.OriginSales
}

// primaryPerson returns o.lead_id when present, else the earliest-created
// known lead of people(o) (ties to the smaller lead_id), else NoID.
func (s *scope) primaryPerson(o int) loader.ID {
	if p := s.ds.Opportunities[o].Lead; p != loader.NoID {
		return p
	}
	best := loader.NoID
	names := s.ds.People.Names
	for _, p := range s.ds.PeopleOf(o) {
		l := s.ds.Leads[p]
		if !l.Known {
			continue
		}
		if best == loader.NoID {
			best = p
			continue
		}
		b := s.ds.Leads[best]
		if l.CreatedAt < b.CreatedAt || (l.CreatedAt == b.CreatedAt && names[p] < names[best]) {
			best = p
		}
	}
	return best
}

// marketingTouched reports whether people(o) have a touch in
// [created_at - W, min(closed_at, as_of)], or up to as_of when o is open.
func (s *scope) marketingTouched(o int) bool {
	opp := s.ds.Opportunities[o]
	lo, hi := opp.CreatedAt-s.w, s.asOf
	if opp.Status != loader.Open && opp.ClosedAt < hi {
		hi = opp.ClosedAt
	}
	for _, p := range s.ds.PeopleOf(o) {
		ts := s.ds.PersonTouches(p)
		i, _ := slices.BinarySearchFunc(ts, lo, func(t loader.Touch, at loader.Time) int {
			if t.At < at {
				return -1
			}
			return 1 // the first touch at or after lo
		})
		if i < len(ts) && ts[i].At <= hi {
			return true
		}
	}
	return false
}
