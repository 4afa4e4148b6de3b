package main

import (
	"math"
	"testing"

	"github.com/campaignretro/retro/analysis"
	"github.com/campaignretro/retro/loader"
)

// TestScaleVelocityChannelsAccounts checks, on generated data of
// RETRO_SCALE leads, invariants of SPEC 12, 13 and 15 that hold at any
// size: a channel row lies between its largest campaign row and the sum of
// them (distinct people and deals), its new leads are the sum of its
// campaigns', its credit is attribution's; stage and account counts nest.
func TestScaleVelocityChannelsAccounts(t *testing.T) {
	dir := scaleData(t)
	ds, err := loader.Load(dir, loader.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := analysis.ParsePeriod("2026-Q3")
	opts := analysis.DefaultOptions()
	opts.Period = &p
	r, err := analysis.Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Channels) == 0 || r.Accounts == nil || r.Velocity == nil {
		t.Fatalf("channels %d, accounts %v, velocity %v at scale", len(r.Channels), r.Accounts != nil, r.Velocity != nil)
	}
	type sums struct{ responders, newLeads, opps, maxResponders, maxOpps int }
	byChannel := map[string]*sums{}
	for _, c := range r.Campaigns {
		s := byChannel[c.Channel]
		if s == nil {
			s = &sums{}
			byChannel[c.Channel] = s
		}
		s.responders += c.Responders
		s.newLeads += c.NewLeads
		s.opps += c.Opportunities
		s.maxResponders = max(s.maxResponders, c.Responders)
		s.maxOpps = max(s.maxOpps, c.Opportunities)
	}
	for _, ch := range r.Channels {
		s := byChannel[ch.Channel]
		if ch.Responders < s.maxResponders || ch.Responders > s.responders || ch.Opportunities < s.maxOpps || ch.Opportunities > s.opps {
			t.Errorf("channel %s: responders %d, opportunities %d outside [%d, %d] and [%d, %d]", ch.Channel, ch.Responders, ch.Opportunities, s.maxResponders, s.responders, s.maxOpps, s.opps)
		}
		if ch.NewLeads != s.newLeads {
			t.Errorf("channel %s: new leads %d, campaigns' %d", ch.Channel, ch.NewLeads, s.newLeads)
		}
		if ch.MQLs > ch.Responders || ch.SQLs > ch.MQLs || ch.Won+ch.Lost > ch.Opportunities {
			t.Errorf("channel %s: counts do not nest: %+v", ch.Channel, ch)
		}
		if want := r.Attribution.Revenue.Channels[r.Settings.Model][ch.Channel]; ch.AttributedRevenue != want {
			t.Errorf("channel %s: attributed revenue %v, attribution %v", ch.Channel, ch.AttributedRevenue, want)
		}
	}
	for _, st := range r.Velocity.Stages {
		if st.Converted > st.Entered || st.Entered == 0 {
			t.Errorf("stage %s: %d converted of %d entered", st.Stage, st.Converted, st.Entered)
		}
		for _, q := range []*float64{st.MedianDays, st.P75Days, st.P90Days} {
			if q != nil && (*q < 0 || math.IsNaN(*q)) {
				t.Errorf("stage %s: quantile %v", st.Stage, *q)
			}
		}
	}
	opps := 0
	for _, g := range r.Velocity.ByOrigin {
		opps += g.Opportunities
		if g.Won > g.Closed || g.Closed > g.Opportunities {
			t.Errorf("origin %s: counts do not nest: %+v", g.Origin, g)
		}
	}
	if opps != *r.Totals.OpportunitiesCreated {
		t.Errorf("by_origin opportunities %d, created %d", opps, *r.Totals.OpportunitiesCreated)
	}
	at := r.Accounts.Totals
	if at.AccountsWon > at.AccountsWithOpportunity || at.AccountsWithOpportunity > at.AccountsEngaged || at.AccountsEngaged > at.Accounts {
		t.Errorf("account totals do not nest: %+v", at)
	}
	for _, c := range r.Accounts.ByCampaign {
		if c.AccountsWithOpportunity > c.AccountsEngaged || c.AccountsEngaged > at.AccountsEngaged {
			t.Errorf("account row %s does not nest: %+v", c.CampaignID, c)
		}
	}
}
