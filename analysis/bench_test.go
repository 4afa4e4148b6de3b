package analysis

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/campaignretro/retro/internal/gen"
	"github.com/campaignretro/retro/loader"
)

var (
	benchOnce sync.Once
	benchDS   *loader.Dataset
	benchErr  error
)

// benchDataset loads the generated 100,000-lead data set once.
func benchDataset(b *testing.B) *loader.Dataset {
	benchOnce.Do(func() {
		dir, err := gen.Cached(100_000)
		if err != nil {
			benchErr = err
			return
		}
		benchDS, benchErr = loader.Load(dir, loader.DefaultOptions())
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDS
}

func benchScope(b *testing.B) (*scope, *Report) { return analyzedScope(b, benchDataset(b)) }

// analyzedScope returns the scope of ds in 2026-Q3 and its whole report.
func analyzedScope(b *testing.B, ds *loader.Dataset) (*scope, *Report) {
	p, _ := ParsePeriod("2026-Q3")
	opts := DefaultOptions()
	opts.Period = &p
	r, err := Analyze(ds, opts)
	if err != nil {
		b.Fatal(err)
	}
	s, err := newScope(ds, opts)
	if err != nil {
		b.Fatal(err)
	}
	return s, r
}

// BenchmarkAnalyze is the whole analysis of the 100,000-lead data set.
func BenchmarkAnalyze(b *testing.B) {
	ds := benchDataset(b)
	p, _ := ParsePeriod("2026-Q3")
	opts := DefaultOptions()
	opts.Period = &p
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyze(ds, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSection times each section on its own.
func BenchmarkSection(b *testing.B) {
	s, r := benchScope(b)
	sections := []struct {
		name string
		run  func()
	}{
		{"totals", func() { s.totals() }},
		{"campaigns", func() { s.campaigns(func() *Attribution { return r.Attribution }) }},
		{"attribution", func() { s.attribution() }},
		{"latency", func() { s.latency() }},
		{"asset types", func() { s.assetTypes() }},
		{"health", func() {
			s.hygiene()
			s.leadQuality(r.Campaigns)
			s.segments(r.Totals.WinRate)
			s.trend()
			s.previous(r.Totals)
			s.wins()
		}},
		{"channels", func() { s.channels(func() *Attribution { return r.Attribution }) }},
		{"accounts", func() { s.accounts() }},
		{"velocity", func() { s.velocity() }},
	}
	for _, sec := range sections {
		b.Run(sec.name, func(b *testing.B) {
			for b.Loop() {
				sec.run()
			}
		})
	}
}

// BenchmarkMarkov solves the removal effects of 500 campaigns over a
// million paths (100,000 converting).
func BenchmarkMarkov(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 5))
	const campaigns = 500
	path := func() []loader.ID {
		p := make([]loader.ID, 1+rng.IntN(8))
		for i := range p {
			p[i] = loader.ID(rng.IntN(campaigns))
		}
		return p
	}
	journeys := make([]journey, 100_000)
	for i := range journeys {
		for _, c := range path() {
			journeys[i].touches = append(journeys[i].touches, journeyTouch{Campaign: c})
		}
	}
	non := make([][]loader.ID, 900_000)
	for i := range non {
		non[i] = path()
	}
	b.ResetTimer()
	for b.Loop() {
		markovCredit(journeys, non, campaigns, 1e6)
	}
}
