package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// healthBenchDataset builds, in memory, a quarter at scale: leads people, ten
// touches and two activities each, and opps opportunities of one to three
// people each.
func healthBenchDataset(leads, opps int) *loader.Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	ds := &loader.Dataset{HasColumn: map[string]bool{}}
	ds.Files = loader.Files{Leads: true, Touches: true, Activities: true, Opportunities: true, Campaigns: true}
	ds.Labels.Intern("")
	for i := range 50 {
		ds.Labels.Intern(fmt.Sprintf("label-%02d", i))
	}
	for c := range 200 {
		ds.CampaignIDs.Intern(fmt.Sprintf("C%03d", c))
		ds.Campaigns = append(ds.Campaigns, loader.Campaign{Name: "c", Channel: "email", Start: loader.NoDay, End: loader.NoDay, Known: true})
	}
	q := loader.Time(loader.DayFromCivil(2026, 4, 1)) * microsPerDay
	span := loader.Time(180) * microsPerDay
	ds.TouchStart = make([]int32, leads+1)
	ds.ActivityStart = make([]int32, leads+1)
	for p := range leads {
		ds.People.Intern(fmt.Sprintf("L%07d", p))
		created := q + rng.Int64N(span)
		l := loader.Lead{CreatedAt: created, MQLAt: loader.NoTime, SQLAt: loader.NoTime, DisqualifiedAt: loader.NoTime,
			Region: loader.Label(rng.IntN(50)), Industry: loader.Label(rng.IntN(50)), Reason: loader.Label(rng.IntN(50)), Known: true}
		if rng.IntN(3) == 0 {
			l.MQLAt = created + rng.Int64N(30*microsPerDay)
		}
		if rng.IntN(10) == 0 {
			l.DisqualifiedAt = created + rng.Int64N(30*microsPerDay)
		}
		ds.Leads = append(ds.Leads, l)
		at := created - 30*microsPerDay
		for range 10 {
			at += rng.Int64N(5 * microsPerDay)
			ds.Touches = append(ds.Touches, loader.Touch{At: at, Lead: loader.ID(p), Campaign: loader.ID(rng.IntN(200)), Asset: loader.NoID})
		}
		ds.TouchStart[p+1] = int32(len(ds.Touches))
		ds.Activities = append(ds.Activities, created+rng.Int64N(microsPerDay), created+rng.Int64N(20*microsPerDay)+microsPerDay)
		ds.ActivityStart[p+1] = int32(len(ds.Activities))
	}
	ds.OppPeopleStart = make([]int32, opps+1)
	for o := range opps {
		ds.OpportunityIDs.Intern(fmt.Sprintf("O%06d", o))
		created := q + rng.Int64N(span)
		opp := loader.Opportunity{CreatedAt: created, ClosedAt: loader.NoTime, Amount: float64(rng.IntN(100000)), Lead: loader.ID(rng.IntN(leads)), Owner: loader.Label(rng.IntN(50))}
		switch rng.IntN(3) {
		case 1:
			opp.Status, opp.ClosedAt = loader.Won, created+rng.Int64N(60*microsPerDay)
		case 2:
			opp.Status, opp.ClosedAt = loader.Lost, created+rng.Int64N(60*microsPerDay)
		}
		ds.Opportunities = append(ds.Opportunities, opp)
		ds.OppPeople = append(ds.OppPeople, opp.Lead)
		for range rng.IntN(3) {
			ds.OppPeople = append(ds.OppPeople, loader.ID(rng.IntN(leads)))
		}
		ds.OppPeopleStart[o+1] = int32(len(ds.OppPeople))
	}
	return ds
}

func BenchmarkPipelineHealth(b *testing.B) {
	s, r := analyzedScope(b, healthBenchDataset(1_000_000, 100_000))
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"hygiene", func() { s.hygiene() }},
		{"lead_quality", func() { s.leadQuality(r.Campaigns) }},
		{"segments", func() { s.segments(r.Totals.WinRate) }},
		{"trend", func() { s.trend() }},
		{"previous", func() { s.previous(r.Totals) }},
		{"wins", func() { s.wins() }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.run()
			}
		})
	}
}
