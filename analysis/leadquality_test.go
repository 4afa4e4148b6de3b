package analysis

import (
	"reflect"
	"testing"
)

// leadQualityLeads, with P = 2026-Q3:
//
//	D1 budget, dq 07-05 00:00: touches C2 07-01, C1 07-05 00:00 (at dq: counts), C3 07-06 (after) -> C1
//	D2 timing, dq 07-10: touch C1 06-01 (before P still counts)                                  -> C1
//	D3 budget, dq 08-01: no touch                                                                -> (none)
//	D4 no reason, dq 08-02: touch C2 07-01                                                       -> C2
//	D5 timing, dq 08-03: touch C1 07-01                                                          -> C1
//	D6 budget, dq 06-30: before P, not counted
//	D7 competitor, dq 09-01: C1 and C2 at the same instant, C2 is last in campaign_id order      -> C2
const (
	leadQualityLeads = `lead_id,created_at,mql_at,sql_at,disqualified_at,disqualify_reason
		D1,2026-01-01,2026-07-06,2026-07-07,2026-07-05T00:00:00,budget
		D2,2026-01-01,,,2026-07-10,timing
		D3,2026-01-01,,,2026-08-01,budget
		D4,2026-01-01,,,2026-08-02,
		D5,2026-01-01,2026-07-02,,2026-08-03,timing
		D6,2026-01-01,,,2026-06-30,budget
		D7,2026-01-01,,,2026-09-01,competitor`
	leadQualityTouches = `lead_id,campaign_id,touched_at
		D1,C2,2026-07-01
		D1,C1,2026-07-05T00:00:00
		D1,C3,2026-07-06
		D2,C1,2026-06-01
		D4,C2,2026-07-01
		D5,C1,2026-07-01
		D7,C2,2026-08-01T00:00:00
		D7,C1,2026-08-01T00:00:00`
	leadQualityCampaigns = `campaign_id,name,channel
		C1,Spring webinar,webinar
		C2,Trade show,event
		C3,Newsletter,email`
)

func TestLeadQuality(t *testing.T) {
	r := hygieneReport(t, "2026-Q3", "", map[string]string{
		"leads.csv": leadQualityLeads, "touches.csv": leadQualityTouches, "campaigns.csv": leadQualityCampaigns,
	})
	q := r.LeadQuality
	if q.Disqualified != 6 {
		t.Errorf("disqualified = %d, want 6 (D1..D5, D7)", q.Disqualified)
	}
	// budget 2 (D1, D3) and timing 2 (D2, D5) tie: by reason. Then the
	// ones: "(none)" sorts before "competitor" ('(' < 'c').
	wantReasons := []ReasonCount{{"budget", 2}, {"timing", 2}, {"(none)", 1}, {"competitor", 1}}
	if !reflect.DeepEqual(q.Reasons, wantReasons) {
		t.Errorf("reasons = %+v, want %+v", q.Reasons, wantReasons)
	}

	// C1's funnel in P: responders D1 (07-05), D5 (07-01), D7 (08-01); mqls
	// D1 (07-06 >= 07-05) and D5 (07-02 >= 07-01); sqls D1: sql_rate 1/2.
	// C2: responders D1 (07-01), D4, D7; mqls D1 (07-06 >= 07-01), sqls D1:
	// sql_rate 1/1. C3 has a funnel row but no disqualified lead: no row.
	want := []LeadQualityCampaign{
		{CampaignID: "(none)", Disqualified: 1, Reasons: []ReasonCount{{"budget", 1}}},
		{CampaignID: "C1", Name: "Spring webinar", Disqualified: 3, Reasons: []ReasonCount{{"timing", 2}, {"budget", 1}},
			MQLs: 2, SQLRate: fptr(0.5), SQLRateCI: wilson(1, 2)},
		{CampaignID: "C2", Name: "Trade show", Disqualified: 2, Reasons: []ReasonCount{{"(none)", 1}, {"competitor", 1}},
			MQLs: 1, SQLRate: fptr(1), SQLRateCI: wilson(1, 1)},
	}
	if !reflect.DeepEqual(q.ByCampaign, want) {
		t.Errorf("by_campaign =\n%+v\nwant\n%+v", q.ByCampaign, want)
	}
}

func TestLeadQualityWithoutTouches(t *testing.T) {
	q := hygieneReport(t, "2026-Q3", "", map[string]string{"leads.csv": leadQualityLeads}).LeadQuality
	if q.Disqualified != 6 || len(q.Reasons) != 4 || q.ByCampaign != nil {
		t.Errorf("lead_quality = %+v, want 6 disqualified, 4 reasons, by_campaign null", q)
	}
}
