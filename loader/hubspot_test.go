package loader

import (
	"strings"
	"testing"
	"time"
)

// TestHubSpotFixture loads testdata/hubspot: hand-made HubSpot exports
// with the real header spellings (a contacts export with the classic
// "Became a ... Date" columns, an older semicolon-delimited Windows-1252
// one with "Contact ID" and the lifecycle pipeline's "Date entered ..."
// columns, a deals export with Associated Contact IDs) and a companies
// export, which names the deals' companies.
func TestHubSpotFixture(t *testing.T) {
	for _, preset := range []string{"auto", "hubspot"} {
		t.Run(preset, func(t *testing.T) {
			opts := DefaultOptions()
			opts.MaxBadRows = 5
			opts.Preset = preset
			ds, err := Load("testdata/hubspot", opts)
			if err != nil {
				t.Fatal(err)
			}
			checkHubSpotFixture(t, ds)
		})
	}
}

func checkHubSpotFixture(t *testing.T, ds *Dataset) {
	t.Helper()
	wantDetected := []string{
		"companies.csv: HubSpot companies, the names of 1 company (comma-delimited, UTF-8)",
		"contacts-emea.csv: HubSpot contacts (semicolon-delimited, Windows-1252)",
		"contacts.csv: HubSpot contacts (comma-delimited, UTF-8)",
		"deals.csv: HubSpot deals, and its Associated Contact IDs as opportunity contacts (comma-delimited, UTF-8)",
	}
	if got := strings.Join(ds.Detected, "\n"); got != strings.Join(wantDetected, "\n") {
		t.Errorf("detected:\n%s\nwant:\n%s", got, strings.Join(wantDetected, "\n"))
	}
	var problems []string
	for _, p := range ds.Problems {
		problems = append(problems, p.String())
	}
	want := []string{
		`contacts.csv:5: Create Date: "not a date" is not a date (expected ISO 8601 such as 2026-07-01 or 2026-07-01T09:30:00Z, or a date such as 11/22/2026 3:04 PM)`,
		`contacts.csv:6: Became a Marketing Qualified Lead Date: "soon" is not a date (expected ISO 8601 such as 2026-07-01 or 2026-07-01T09:30:00Z, or a date such as 11/22/2026 3:04 PM); the value is ignored`,
		`deals.csv:5: Amount: empty amount, read as 0`,
		`deals.csv:7: Record ID: duplicate id "501"; the first row is kept`,
	}
	if got := strings.Join(problems, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// People: the EMEA file first (file name order), contact 104 is bad,
	// and 999 is named by deal 503 only.
	if got := strings.Join(ds.People.Names, " "); got != "201 202 101 102 103 105 999" {
		t.Fatalf("people = %s", got)
	}
	at := func(s string) Time {
		tm, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMicro()
	}
	label := func(l Label) string { return ds.Labels.Names[l] }
	for _, tc := range []struct {
		p                         int
		created, mql, sql         Time
		origin                    Origin
		region, industry, account string
	}{
		// "Date entered "Marketing Qualified Lead (...)"" read; Windows-1252 decoded.
		{0, at("2026-08-01 10:00"), at("2026-08-02 09:00"), NoTime, OriginMarketing, "Österreich", "Maschinenbau", ""},
		// Referrals is an online source: marketing.
		{1, at("2026-08-03 10:00"), NoTime, NoTime, OriginMarketing, "Danmark", "", ""},
		{2, at("2026-07-01 09:30"), at("2026-07-02 10:00"), at("2026-07-05 14:15"), OriginMarketing, "United States", "Software", "9001"},
		// Offline Sources created in the CRM (CRM_UI) is sales.
		{3, at("2026-07-03 11:00"), NoTime, NoTime, OriginSales, "Germany", "Retail", ""},
		// A US report date; an import is other; no country: the state;
		// the first of two company ids.
		{4, at("2026-07-10 15:04"), NoTime, NoTime, OriginOther, "TX", "", "9002"},
		// mql "soon" was blanked.
		{5, at("2026-07-12 08:00"), NoTime, NoTime, OriginMarketing, "Korea, Republic of", "Software", ""},
	} {
		l := ds.Leads[tc.p]
		if l.CreatedAt != tc.created || l.MQLAt != tc.mql || l.SQLAt != tc.sql || l.Origin != tc.origin ||
			label(l.Region) != tc.region || label(l.Industry) != tc.industry || label(l.Account) != tc.account {
			t.Errorf("contact %s = %+v (region %q industry %q account %q)", ds.People.Names[tc.p], l, label(l.Region), label(l.Industry), label(l.Account))
		}
	}
	if label(ds.Leads[2].Owner) != "Maria Jones" || label(ds.Leads[2].Source) != "Organic Search" {
		t.Errorf("contact 101 owner %q source %q", label(ds.Leads[2].Owner), label(ds.Leads[2].Source))
	}
	// Deals: 501 won, 502 open, 503 lost (a date-only close), 504 has no
	// amount, 505 open, the second 501 is a duplicate: its contact 105 is
	// not added to the first.
	for _, tc := range []struct {
		id     string
		status Status
		closed Time
		amount float64
		people string
		names  [2]string // Deal Name; the name companies.csv gives its company (9001 only)
	}{
		{"501", Won, at("2026-08-15 16:20"), 12500, "101 102", [2]string{"Lovelace Inc - 500 seats", "Lovelace Inc"}},
		{"502", Open, NoTime, 8000.50, "102", [2]string{"Tables GmbH", ""}},
		{"503", Lost, at("2026-08-31 00:00"), 3000, "103 999", [2]string{"Young Ltd", ""}},
		{"505", Open, NoTime, 500, "201", [2]string{"Müller AG", ""}},
	} {
		o, ok := ds.OpportunityIDs.Lookup(tc.id)
		if !ok {
			t.Errorf("deal %s not read", tc.id)
			continue
		}
		opp := ds.Opportunities[o]
		var people []string
		for _, p := range ds.PeopleOf(int(o)) {
			people = append(people, ds.People.Names[p])
		}
		if opp.Status != tc.status || opp.ClosedAt != tc.closed || opp.Amount != tc.amount || strings.Join(people, " ") != tc.people || ds.People.Names[opp.Lead] != strings.Fields(tc.people)[0] {
			t.Errorf("deal %s = %+v, people %v", tc.id, opp, people)
		}
		if got := [2]string{ds.Labels.Names[opp.Name], ds.Labels.Names[opp.AccountName]}; got != tc.names {
			t.Errorf("deal %s: name, account name = %q, want %q", tc.id, got, tc.names)
		}
	}
	if len(ds.Opportunities) != 5 || !ds.Files.OpportunityContacts { // deal 5 has no amount: read as 0
		t.Errorf("%d opportunities, contacts file %v", len(ds.Opportunities), ds.Files.OpportunityContacts)
	}
	if got := len(ds.Inputs); got != 4 {
		t.Errorf("inputs = %+v", ds.Inputs)
	}
	notes := strings.Join(ds.Notes, "\n")
	for _, n := range []string{
		`HubSpot: 1 contact at the lifecycle stage Marketing Qualified Lead has no date for entering it, so it counts in no period's MQLs.`,
		`deals.csv: Deal Stage: deals at the stages "Appointment Scheduled", "Contract Sent", "Qualified To Buy" are taken as open`,
		`deals.csv: Close Date is a date without a time`,
		`deals.csv: 1 row names`,
	} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
	coverage := strings.Join(ds.Coverage, "\n")
	for _, c := range []string{
		"totals: leads created, MQLs and SQLs from contacts-emea.csv, contacts.csv; opportunities, pipeline, wins, losses and revenue from deals.csv; responders need campaign touches",
		"campaigns: not fed: needs a campaign list and campaign touches (campaigns.csv and touches.csv): HubSpot contacts and deals do not carry campaign responses",
		"latency: not fed:",
		"attribution: not fed:",
		"sourcing: from deals.csv, with origins from the contacts' Original Source",
		"lead_quality: not fed:",
		"segments: from contacts-emea.csv, contacts.csv (region and industry)",
	} {
		if !strings.Contains(coverage, c) {
			t.Errorf("coverage lacks %q:\n%s", c, coverage)
		}
	}
}

// TestHubSpotDealStatus: the status of a deal from Is Closed Won, Is Deal
// Closed? and the stage name, with its pipeline or as the API writes it.
func TestHubSpotDealStatus(t *testing.T) {
	const head = "Record ID,Deal Name,Create Date,Amount,Close Date,Deal Stage,Is Closed Won,Is Deal Closed?\n"
	dir := writeFiles(t, map[string]string{
		"contacts.csv": "Record ID,Email,Create Date\n1,a@example.com,2026-07-01\n",
		"deals.csv": head +
			"1,a,2026-07-01,1,2026-07-09,closedwon,,\n" + // the API's stage name
			"2,b,2026-07-01,1,2026-07-09,Closed lost (Partner pipeline),,\n" + // a label with its pipeline
			"3,c,2026-07-01,1,2026-07-09,Lost - no budget,false,true\n" + // closed, not won: lost
			"4,d,2026-07-01,1,2026-07-09,Contract sent,false,false\n" + // open
			"5,e,2026-07-01,1,2026-07-09,Custom,true,\n", // won
	})
	ds, err := Load(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range ds.Opportunities {
		got = append(got, o.Status.String())
	}
	if strings.Join(got, " ") != "won lost lost open won" || len(ds.Problems) > 0 {
		t.Errorf("statuses = %v, problems %v", got, ds.Problems)
	}
	if ds.Files.OpportunityContacts {
		t.Error("a deals export without Associated Contact IDs feeds opportunity contacts")
	}
}
