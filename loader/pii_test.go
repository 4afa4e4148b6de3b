package loader

import (
	"strings"
	"testing"
)

// TestMaskPII checks the masking rule of pii.go: emails and phone numbers
// are masked, dates, amounts, thousands and ids that only look numeric stay.
func TestMaskPII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ann Private (ann@example.com) asked to be removed", "Ann Private ([email]) asked to be removed"},
		{"ann.private+crm@mail.example.co.uk", "[email]"},
		{"call +1 415 555 0100 today", "call [phone] today"},
		{"(415) 555-0100", "[phone]"},
		{"415-555-0100", "[phone]"},
		{"415.555.0100", "[phone]"},
		{"+4915112345678", "[phone]"},
		{"06 12 34 56 78", "[phone]"},
		{"+44 20 7946 0958, or ops@example.com", "[phone], or [email]"},
		// Not personal data.
		{"2026-07-01", "2026-07-01"},
		{"2026-07-01 09:30:00", "2026-07-01 09:30:00"},
		{"01.07.2026", "01.07.2026"},
		{"1 000 000 leads", "1 000 000 leads"},
		{"12500.50", "12500.50"},
		{"1234567", "1234567"},
		{"CMP-2026-0001-15", "CMP-2026-0001-15"},
		{"Webinar 2026 1500", "Webinar 2026 1500"},
		{"192.168.100.200", "192.168.100.200"},
		{"no @ here 12", "no @ here 12"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := maskPII(tc.in); got != tc.want {
			t.Errorf("maskPII(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMaskedInLoad: free text and ids in problem lines are masked where the
// loader reads them, numbered per distinct value, and counted per file.
func TestMaskedInLoad(t *testing.T) {
	ds, err := Load(writeFiles(t, map[string]string{
		"leads.csv": "lead_id,created_at,owner,disqualify_reason,source\n" +
			"L1,2026-07-01,rep@example.com,Ann Private (ann@example.com) asked to be removed,Web\n" +
			"L2,2026-07-01,other.rep@example.com,call +1 415 555 0100,Web\n" +
			"L3,2026-07-01,rep@example.com,,Event 2026-07-01\n" +
			"bob@example.com,2026-07-02,,,\n" +
			"bob@example.com,2026-07-03,,,\n",
		"campaigns.csv": "campaign_id,name,channel\nC1,Webinar with (415) 555-0100,webinar\n",
	}), lenient())
	if err != nil {
		t.Fatal(err)
	}
	labels := strings.Join(ds.Labels.Names, "|")
	for _, want := range []string{"[email 1]", "[email 3]", "Ann Private ([email 2]) asked to be removed", "call [phone 2]", "Event 2026-07-01"} {
		if !strings.Contains(labels, want) {
			t.Errorf("labels %q lack %q", labels, want)
		}
	}
	if ds.Campaigns[0].Name != "Webinar with [phone 1]" {
		t.Errorf("campaign name %q", ds.Campaigns[0].Name)
	}
	for _, p := range ds.Problems {
		if strings.Contains(p.String(), "bob@") {
			t.Errorf("problem line shows an email: %s", p)
		}
	}
	if len(ds.Problems) != 1 || ds.Problems[0].Problem != `duplicate id "[email 4]"; the first row is kept` {
		t.Errorf("problems = %v", ds.Problems)
	}
	masked := map[string]int{}
	for _, in := range ds.Inputs {
		masked[in.File] = in.Masked
	}
	// leads: 3 owners, 2 reasons, 1 duplicate id shown; campaigns: 1 name.
	if masked["leads.csv"] != 6 || masked["campaigns.csv"] != 1 {
		t.Errorf("masked = %v, want leads.csv 6, campaigns.csv 1", masked)
	}
}

// TestMaskedIDs: campaign and opportunity ids that are emails or phone
// numbers are shown masked, and still join the files.
func TestMaskedIDs(t *testing.T) {
	ds, err := Load(writeFiles(t, map[string]string{
		"leads.csv":         "lead_id,created_at\nL1,2026-07-01\n",
		"campaigns.csv":     "campaign_id,name,channel\nann@example.com,Webinar,webinar\nC2,Ebook,email\n",
		"touches.csv":       "lead_id,campaign_id,touched_at\nL1,ann@example.com,2026-07-02\nL1,C2,2026-07-02\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status\n+1 415 555 0100,2026-07-03,5,open\n",
	}), lenient())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ds.CampaignIDs.Names, "|") + "|" + strings.Join(ds.OpportunityIDs.Names, "|"); got != "[email 1]|C2|[phone 1]" {
		t.Errorf("ids shown as %q", got)
	}
	if ts := ds.PersonTouches(0); len(ts) != 2 || !ds.Campaigns[ts[0].Campaign].Known || !ds.Campaigns[ts[1].Campaign].Known {
		t.Errorf("touches no longer join their campaigns: %+v", ts)
	}
	if c, ok := ds.CampaignIDs.Lookup("[email 1]"); !ok || c != 0 {
		t.Errorf("the shown id does not look up its campaign")
	}
	if len(ds.Notes) != 0 {
		t.Errorf("notes = %v", ds.Notes)
	}
}

// TestMaskedHeader: a missing-column error lists the header it found,
// masked.
func TestMaskedHeader(t *testing.T) {
	_, err := Load(writeFiles(t, map[string]string{"leads.csv": "lead_id,ann@example.com\nL1,x\n"}), lenient())
	if err == nil || strings.Contains(err.Error(), "ann@") || !strings.Contains(err.Error(), `"[email]"`) {
		t.Errorf("err = %v", err)
	}
}
