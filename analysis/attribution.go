package analysis

import (
	"slices"

	"github.com/campaignretro/retro/loader"
)

// Attribution is SPEC section 6's credit split, for pipeline and revenue.
type Attribution struct {
	Pipeline AttributionTarget `json:"pipeline"`
	Revenue  AttributionTarget `json:"revenue"`
}

// AttributionTarget is the credit of one target (pipeline or revenue): the
// total, the part with a journey (attributed), the rest, and each model's
// credit per campaign and per channel.
type AttributionTarget struct {
	Total        Money                      `json:"total"`
	Attributed   Money                      `json:"attributed"`
	Unattributed Money                      `json:"unattributed"`
	Models       map[Model]map[string]Money `json:"models"`
	Channels     map[Model]map[string]Money `json:"channels"`
	// Reconciliation checks, per model, credited + unattributed = total.
	Reconciliation []Reconciliation `json:"reconciliation"`
	// Compare sets every model side by side per campaign, ordered by credit
	// under the default model (descending), then campaign_id.
	Compare []ModelComparison `json:"compare"`
}

// Reconciliation is one model's check that credits add up.
type Reconciliation struct {
	Model        Model `json:"model"`
	Credited     Money `json:"credited"`
	Unattributed Money `json:"unattributed"`
	Total        Money `json:"total"`
	// Difference is credited + unattributed - total (0 up to rounding).
	Difference Money `json:"difference"`
}

// ModelComparison is one campaign's credit under every model.
type ModelComparison struct {
	CampaignID string          `json:"campaign_id"`
	Name       string          `json:"name"`
	Channel    string          `json:"channel"`
	Credit     map[Model]Money `json:"credit"`
	Min        Money           `json:"min"`
	Max        Money           `json:"max"`
	// Rank is the campaign's rank (1 = most credit) under each model.
	Rank map[Model]int `json:"rank"`
	// RankChanges is true when the rank differs across models; BestRank and
	// WorstRank bound it.
	RankChanges bool `json:"rank_changes"`
	BestRank    int  `json:"best_rank"`
	WorstRank   int  `json:"worst_rank"`
}

// credit returns model's credit per campaign_id (nil if the model is absent).
func (t *AttributionTarget) credit(model Model) map[string]float64 {
	m := t.Models[model]
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = float64(v)
	}
	return out
}

// journeyTouch is one touch of a journey.
type journeyTouch = loader.Touch

// journey is an attributed opportunity: its value, conversion time T and
// ordered touches J.
type journey struct {
	opp     int32
	amount  float64
	at      loader.Time // T
	touches []journeyTouch
}

// journey returns touches(o, lo, hi): the touches of people(o) with
// lo <= touched_at <= hi, ordered by (touched_at, campaign_id, lead_id).
func (s *scope) journey(o int, lo, hi loader.Time, buf []journeyTouch) []journeyTouch {
	buf = buf[:0]
	for _, p := range s.ds.PeopleOf(o) {
		buf = append(buf, touchesIn(s.ds.PersonTouches(p), lo, hi)...)
	}
	slices.SortFunc(buf, s.touchOrder.Compare)
	return buf
}

// attribution computes SPEC section 6's credits for both targets.
func (s *scope) attribution() *Attribution {
	a := &Attribution{}
	var pipe, rev []journey
	var pipeTotal, pipeUn, revTotal, revUn float64
	var buf []journeyTouch
	for o, opp := range s.ds.Opportunities {
		if s.inP(opp.CreatedAt) {
			pipeTotal += opp.Amount
			buf = s.journey(o, s.lookbackStart(o), opp.CreatedAt, buf)
			if len(buf) == 0 {
				pipeUn += opp.Amount
			} else {
				pipe = append(pipe, journey{opp: int32(o), amount: opp.Amount, at: opp.CreatedAt, touches: slices.Clone(buf)})
			}
		}
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			revTotal += opp.Amount
			buf = s.journey(o, s.lookbackStart(o), opp.ClosedAt, buf)
			if len(buf) == 0 {
				revUn += opp.Amount
			} else {
				rev = append(rev, journey{opp: int32(o), amount: opp.Amount, at: opp.ClosedAt, touches: slices.Clone(buf)})
			}
		}
	}
	a.Pipeline = s.credit(pipe, pipeTotal, pipeUn, s.nonConverting(pipe))
	a.Revenue = s.credit(rev, revTotal, revUn, s.nonConverting(rev))
	return a
}

// nonConverting returns the Markov chain's non-converting paths for a
// target: one per lead with a touch in P who is in people(o) of none of the
// target's attributed opportunities, made of its touches in P.
func (s *scope) nonConverting(journeys []journey) [][]loader.ID {
	inJourney := make([]bool, len(s.ds.Leads))
	for _, j := range journeys {
		for _, p := range s.ds.PeopleOf(int(j.opp)) {
			inJourney[p] = true
		}
	}
	var paths [][]loader.ID
	for p := range s.ds.Leads {
		if inJourney[p] {
			continue
		}
		var path []loader.ID
		for _, t := range s.ds.PersonTouches(loader.ID(p)) {
			if s.inP(t.At) {
				path = append(path, t.Campaign)
			}
		}
		if path != nil {
			paths = append(paths, path)
		}
	}
	return paths
}

// credit splits the journeys' value over campaigns and channels under every
// model: the rule-based models touch by touch, Markov by removal effect.
func (s *scope) credit(journeys []journey, total, unattributed float64, nonConverting [][]loader.ID) AttributionTarget {
	t := AttributionTarget{
		Total: Money(total), Attributed: Money(total - unattributed), Unattributed: Money(unattributed),
		Models: map[Model]map[string]Money{}, Channels: map[Model]map[string]Money{},
	}
	nc := len(s.ds.Campaigns)
	inJourney := make([]bool, nc)
	for _, j := range journeys {
		for _, jt := range j.touches {
			inJourney[jt.Campaign] = true
		}
	}
	perModel := map[Model][]float64{}
	var w []float64
	for _, name := range Models {
		if name == ModelMarkov {
			continue
		}
		model := s.ruleModel(name)
		perCampaign := make([]float64, nc)
		for i := range journeys {
			j := &journeys[i]
			w = slices.Grow(w[:0], len(j.touches))[:len(j.touches)]
			clear(w)
			model(j, w)
			for k, jt := range j.touches {
				perCampaign[jt.Campaign] += j.amount * w[k]
			}
		}
		perModel[name] = perCampaign
	}
	perModel[ModelMarkov] = markovCredit(journeys, nonConverting, nc, total-unattributed)

	for _, name := range Models {
		campaigns, channels := map[string]Money{}, map[string]Money{}
		for c, v := range perModel[name] {
			if !inJourney[c] && v == 0 {
				continue
			}
			campaigns[s.campaignName(loader.ID(c))] = Money(v)
			channels[s.campaignChannel[c]] += Money(v)
		}
		t.Models[name], t.Channels[name] = campaigns, channels
	}
	t.Reconciliation, t.Compare = s.compareModels(perModel, inJourney, total, unattributed)
	return t
}
