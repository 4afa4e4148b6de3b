package analysis

import "github.com/campaignretro/retro/loader"

// Sourcing is SPEC section 6's answer to "who sourced the pipeline": the
// pipeline created in P and the revenue won in P by origin, beside what
// marketing touched whatever the origin.
type Sourcing struct {
	Pipeline SourcingGroups `json:"pipeline"`
	Revenue  SourcingGroups `json:"revenue"`
}

// SourcingGroups splits one target by origin and by marketing touch. The
// touch groups are nil without touches.csv.
type SourcingGroups struct {
	Total            Group `json:"total"`
	MarketingSourced Group `json:"marketing_sourced"`
	SalesSourced     Group `json:"sales_sourced"`
	PartnerSourced   Group `json:"partner_sourced"`
	OtherSourced     Group `json:"other_sourced"`
	// UnknownSourced holds, when there are no leads at all (opportunities
	// alone), the opportunities with no origin of its own (SPEC 11); it is
	// absent otherwise.
	UnknownSourced   *Group `json:"unknown_sourced,omitempty"`
	MarketingTouched *Group `json:"marketing_touched"`
	Untouched        *Group `json:"untouched"`
	// TouchedShare is the marketing-touched share of the amount.
	TouchedShare *float64 `json:"touched_share"`
	// SourcedShare is the marketing-sourced share of the amount; nil when
	// the amount is 0 or some opportunity's origin is unknown.
	SourcedShare *float64 `json:"sourced_share"`
}

// Group counts opportunities and sums their amount.
type Group struct {
	Count  int   `json:"count"`
	Amount Money `json:"amount"`
	// Share is the group's share of the target's amount.
	Share *float64 `json:"share"`
}

func (g *Group) add(amount float64) {
	g.Count++
	g.Amount += Money(amount)
}

// origin is the origin of opportunity o: its own; else its primary
// person's; else marketing when that person's first touch came at most a
// day after the record was created; else sales. An unknown primary person
// gives sales.
func (s *scope) origin(o int, primary loader.ID) loader.Origin {
	opp := s.ds.Opportunities[o]
	if opp.Origin != loader.OriginNone {
		return opp.Origin
	}
	if primary == loader.NoID || !s.ds.Leads[primary].Known {
		return loader.OriginSales
	}
	lead := s.ds.Leads[primary]
	if lead.Origin != loader.OriginNone {
		return lead.Origin
	}
	if ts := s.ds.PersonTouches(primary); len(ts) > 0 && ts[0].At <= lead.CreatedAt+microsPerDay {
		return loader.OriginMarketing
	}
	return loader.OriginSales
}

// sourcedBy is the origin of opportunity o for sourcing and segments:
// known is false, and the origin OriginNone, when there are no leads at all
// and o has no origin of its own (SPEC 11: unknown_sourced).
func (s *scope) sourcedBy(o int, primary loader.ID) (origin loader.Origin, known bool) {
	if !s.withLeads && s.ds.Opportunities[o].Origin == loader.OriginNone {
		return loader.OriginNone, false
	}
	return s.origin(o, primary), true
}

// touched reports whether people(o) had a touch in [lo, hi].
func (s *scope) touched(o int, lo, hi loader.Time) bool {
	for _, p := range s.ds.PeopleOf(o) {
		if len(touchesIn(s.ds.PersonTouches(p), lo, hi)) > 0 {
			return true
		}
	}
	return false
}

// sourcing computes the sourcing groups for pipeline and revenue.
func (s *scope) sourcing() *Sourcing {
	ds := s.ds
	primary := s.primaryPeople()
	src := &Sourcing{}
	hasTouches := ds.Files.Touches
	if !s.withLeads {
		src.Pipeline.UnknownSourced, src.Revenue.UnknownSourced = &Group{}, &Group{}
	}
	if hasTouches {
		for _, g := range []*SourcingGroups{&src.Pipeline, &src.Revenue} {
			g.MarketingTouched, g.Untouched = &Group{}, &Group{}
		}
	}
	for o, opp := range ds.Opportunities {
		var targets []*SourcingGroups
		if s.inP(opp.CreatedAt) {
			targets = append(targets, &src.Pipeline)
		}
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			targets = append(targets, &src.Revenue)
		}
		if len(targets) == 0 {
			continue
		}
		origin, known := s.sourcedBy(o, primary[o])
		touched := false
		if hasTouches {
			hi := s.asOf
			if opp.Status != loader.Open && opp.ClosedAt < hi {
				hi = opp.ClosedAt
			}
			touched = s.touched(o, s.lookbackStart(o), hi)
		}
		for _, g := range targets {
			g.Total.add(opp.Amount)
			switch {
			case !known:
				g.UnknownSourced.add(opp.Amount)
			case origin == loader.OriginMarketing:
				g.MarketingSourced.add(opp.Amount)
			case origin == loader.OriginSales:
				g.SalesSourced.add(opp.Amount)
			case origin == loader.OriginPartner:
				g.PartnerSourced.add(opp.Amount)
			default:
				g.OtherSourced.add(opp.Amount)
			}
			switch {
			case !hasTouches:
			case touched:
				g.MarketingTouched.add(opp.Amount)
			default:
				g.Untouched.add(opp.Amount)
			}
		}
	}
	for _, g := range []*SourcingGroups{&src.Pipeline, &src.Revenue} {
		for _, grp := range []*Group{&g.Total, &g.MarketingSourced, &g.SalesSourced, &g.PartnerSourced, &g.OtherSourced, g.UnknownSourced, g.MarketingTouched, g.Untouched} {
			if grp != nil {
				grp.Share = div(float64(grp.Amount), float64(g.Total.Amount))
			}
		}
		if g.UnknownSourced == nil || g.UnknownSourced.Count == 0 {
			// No share is stated while some origin is unknown.
			g.SourcedShare = div(float64(g.MarketingSourced.Amount), float64(g.Total.Amount))
		}
		if g.MarketingTouched != nil {
			g.TouchedShare = div(float64(g.MarketingTouched.Amount), float64(g.Total.Amount))
		}
	}
	return src
}
