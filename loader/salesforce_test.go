package loader

import (
	"strings"
	"testing"
	"time"
)

// TestSalesforceFixture loads testdata/salesforce: hand-made Salesforce
// exports with the real header spellings, a semicolon-delimited
// Windows-1252 Contact.csv, and a bad value of each kind.
func TestSalesforceFixture(t *testing.T) {
	opts := DefaultOptions()
	opts.MaxBadRows = 5
	ds, err := Load("testdata/salesforce", opts)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range ds.Problems {
		problems = append(problems, p.String())
	}
	want := []string{
		`Campaign.csv:3: ActualCost: "1.234,50 EUR" is not a number (it reads as an amount with a decimal comma: use --decimal-comma if the file is written that way); the value is ignored`,
		`Lead.csv:4: IsConverted: "maybe" is not true or false; the value is ignored`,
		`Lead.csv:5: CreatedDate: "31/07/2026" is not a date in month/day/year order (it would be in day/month/year order: use --date-order dmy if the file is written that way)`,
		`CampaignMember.csv:5: CreatedDate: missing required value`,
		`Opportunity.csv:4: IsWon: "maybe" is not true or false`,
	}
	if got := strings.Join(problems, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// People: three leads (L4 is bad), and contact 2; contact 1 is lead 1.
	if got := strings.Join(ds.People.Names, " "); got != "00Q000000000001AAA 00Q000000000002AAA 00Q000000000003AAA 003000000000002AAA" {
		t.Errorf("people = %s", got)
	}
	p2 := ds.Leads[3]
	if ds.Labels.Names[p2.Region] != "Österreich" || p2.Origin != OriginMarketing || ds.Labels.Names[p2.Source] != "Trade Show" {
		t.Errorf("contact 2 = region %q origin %v", ds.Labels.Names[p2.Region], p2.Origin)
	}
	// Lead 2 has no country: its state is the region; Cold Call is sales.
	if l := ds.Leads[1]; ds.Labels.Names[l.Region] != "VA" || l.Origin != OriginSales {
		t.Errorf("lead 2 = region %q origin %v", ds.Labels.Names[l.Region], l.Origin)
	}
	// Lead 3's 07/03/2026 3:04 PM is month first.
	if got, want := ds.Leads[2].CreatedAt, time.Date(2026, 7, 3, 15, 4, 0, 0, time.UTC).UnixMicro(); got != want {
		t.Errorf("lead 3 created_at = %d, want %d", got, want)
	}
	// Touches: member 1 (lead 1 at its CreatedDate, the response being the
	// same day), member 3 (contact 2 on 2026-08-11: it responded after it
	// was added, so the date-only FirstRespondedDate is used).
	if len(ds.Touches) != 2 {
		t.Fatalf("touches = %v", ds.Touches)
	}
	if got, want := ds.Touches[0].At, time.Date(2026, 7, 2, 11, 0, 0, 0, time.UTC).UnixMicro(); got != want || ds.People.Names[ds.Touches[0].Lead] != "00Q000000000001AAA" {
		t.Errorf("touch 1 = %+v", ds.Touches[0])
	}
	if got, want := ds.Touches[1].At, time.Date(2026, 8, 11, 0, 0, 0, 0, time.UTC).UnixMicro(); got != want {
		t.Errorf("touch 2 at %d, want %d", got, want)
	}
	// Campaign costs: $4,500.00 read; the decimal-comma one blanked to 0.
	if ds.Campaigns[0].Cost != 4500 || ds.Campaigns[0].Channel != "webinar" || ds.Campaigns[1].Cost != 0 {
		t.Errorf("campaigns = %+v", ds.Campaigns)
	}
	// Opportunities: 1 won (closed 8/15/2026 at midnight, primary lead 1 by
	// ConvertedOpportunityId), 2 open with contact 2 by its contact role;
	// 3 is skipped.
	if len(ds.Opportunities) != 2 {
		t.Fatalf("opportunities = %+v", ds.Opportunities)
	}
	o := ds.Opportunities[0]
	if o.Status != Won || o.Amount != 12500 || o.ClosedAt != time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC).UnixMicro() || ds.People.Names[o.Lead] != "00Q000000000001AAA" || o.Origin != OriginMarketing {
		t.Errorf("opportunity 1 = %+v", o)
	}
	// Its name is the Opportunity's Name; its account's, Account.csv's Name
	// of its AccountId.
	if got := [2]string{ds.Labels.Names[o.Name], ds.Labels.Names[o.AccountName]}; got != [2]string{"Farmers Coop. - 500 units", "Farmers Coop."} {
		t.Errorf("opportunity 1: name, account name = %q", got)
	}
	if got := ds.PeopleOf(1); len(got) != 1 || ds.People.Names[got[0]] != "003000000000002AAA" {
		t.Errorf("people of opportunity 2 = %v", got)
	}
	// Activities: the completed call (CompletedDateTime) and email (CreatedDate).
	if len(ds.Activities) != 2 {
		t.Errorf("activities = %v", ds.Activities)
	}
	notes := strings.Join(ds.Notes, "\n")
	for _, n := range []string{
		"OpportunityContactRole.csv: 1 row names an OpportunityId that is not in Opportunity.csv (first at line 3); it is ignored.",
		"Salesforce: 1 contact is a converted lead and is counted once, as the lead.",
		"Salesforce: 1 campaign member has not responded and is not a touch (--all-members counts it).",
		"Salesforce: 1 task is not completed and is not a follow-up.",
	} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		header, preset, want, closest string
	}{
		{"lead_id,created_at,mql_at", "auto", "canonical leads", ""},
		{"opportunity_id,created_at,amount,status,lead_id,closed_at", "auto", "canonical opportunities", ""},
		{"opportunity_id,lead_id", "auto", "canonical opportunity contacts", ""},
		{"Id,Name,Type,StartDate,EndDate,ActualCost", "auto", "Salesforce Campaign", ""},
		{"Id,Name,Type,Industry,BillingCity", "auto", "Salesforce Account", ""},
		{"Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate", "auto", "", "Salesforce Opportunity"}, // OpportunityHistory
		{"Id,LastName,Company,Status,IsConverted", "auto", "Salesforce Lead", ""},                         // no CreatedDate: people, none created (SPEC 11)
		{"Id,LastName,Company,Status", "auto", "Salesforce Lead", ""},
		{"Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,Country", "auto", "", "CRM leads"},
		{"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value", "auto", "CRM opportunities", ""},
		{"mql_id,seller_id,won_date,business_segment,declared_monthly_revenue", "auto", "", "CRM opportunities"},
		{"mql_id,first_contact_date,landing_page_id,origin", "auto", "CRM leads", ""},
		{"account,sector,year_established,revenue,employees,office_location", "auto", "CRM accounts", ""},
		{"Opportunity ID,Opportunity Name,Created Date,Close Date,Amount,Stage,Contact ID", "auto", "Salesforce Opportunity", ""},
		{"lead_id,created_at", "salesforce", "", ""},
	}
	for _, tc := range tests {
		h := normalizedHeader(strings.Split(tc.header, ","))
		best, closest := detect(h, tc.preset, nil, "")
		got, gotClosest := "", ""
		if best != nil {
			got = best.shape.Name
		}
		if closest != nil && best == nil {
			gotClosest = closest.shape.Name
		}
		if got != tc.want || gotClosest != tc.closest {
			t.Errorf("detect(%s, %s) = %q (closest %q), want %q (closest %q)", tc.header, tc.preset, got, gotClosest, tc.want, tc.closest)
		}
	}
}

func TestSalesforceID18(t *testing.T) {
	// The checksum of each five characters: bit i for an upper-case
	// letter at i, as an index into A..Z0..5. "00Q5e": Q at 2 -> 4 -> E;
	// "00000" -> A; "AbCdE": A, C, E at 0, 2, 4 -> 1+4+16 = 21 -> V.
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"00Q5e00000AbCdEEAV", true},
		{"0035e00000XyZaBAAV", true},
		{"0065e00000Opp01AAB", true}, // O at 0 -> 1 -> B
		{"00Q5e00000AbCdEEAA", false},
		{"00Q5e00000AbCdE", false},
		{"00Q5e00000AbCd-EAV", false},
		{"00Q000000000001AAA", false}, // Q at 2 gives E, not A
	} {
		if got := sfID18(tc.id); got != tc.want {
			t.Errorf("sfID18(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

// TestSalesforceIDLengths: Data Loader files write 18-character ids, a
// report export their 15-character form; mixed in one folder, both are
// read as 15 and name the same records. Alone, 18-character ids stay.
func TestSalesforceIDLengths(t *testing.T) {
	lead := "Id,Company,IsConverted,ConvertedContactId,ConvertedOpportunityId,CreatedDate,OwnerId\n" +
		"00Q5e00000AbCdEEAV,Acme,true,0035e00000XyZaBAAV,,2026-07-01T09:00:00.000+0000,0055e00000Own01AAB\n"
	files := map[string]string{
		"Lead.csv": lead,
		// A report export: labels, 15-character ids, US dates.
		"Opportunities report.csv": "Opportunity ID,Opportunity Name,Created Date,Close Date,Amount,Stage,Contact ID,Opportunity Owner\n" +
			"0065e00000Opp01,Acme deal,7/2/2026,7/20/2026,\"$1,000.00\",Closed Won,0035e00000XyZaB,0055e00000Own01\n" +
			"0065e00000Opp02,Other deal,7/2/2026,7/20/2026,500,Closed Lost,0035e00000xyZaB,0055e00000Own01\n",
	}
	ds, err := Load(writeFiles(t, files), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// One person: the lead, whose converted contact stands on deal 1; the
	// contact of deal 2 differs in letter case: another record.
	if got := strings.Join(ds.People.Names, " "); got != "00Q5e00000AbCdE 0035e00000xyZaB" {
		t.Errorf("people = %s", got)
	}
	if o := ds.Opportunities[0]; ds.People.Names[o.Lead] != "00Q5e00000AbCdE" || ds.Labels.Names[o.Owner] != ds.Labels.Names[ds.Leads[0].Owner] || ds.Labels.Names[o.Owner] != "0055e00000Own01" {
		t.Errorf("opportunity 1 = %+v (owner %q)", o, ds.Labels.Names[o.Owner])
	}
	notes := strings.Join(ds.Notes, "\n")
	if !strings.Contains(notes, "Salesforce: record ids have 15 characters in Opportunities report.csv and 18 in Lead.csv; an 18-character id is read as its first 15, which name the same record.") {
		t.Errorf("notes:\n%s", notes)
	}

	ds, err = Load(writeFiles(t, map[string]string{"Lead.csv": lead}), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.People.Names[0]; got != "00Q5e00000AbCdEEAV" || len(ds.Notes) != 0 {
		t.Errorf("alone: person %s, notes %v", got, ds.Notes)
	}
}
