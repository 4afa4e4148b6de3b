package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// notesHave fails the test for each wanted note missing from ds.Notes.
func notesHave(t *testing.T, ds *Dataset, want ...string) {
	t.Helper()
	notes := strings.Join(ds.Notes, "\n")
	for _, n := range want {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
}

// TestSalesforceOrg reads a Salesforce org's export as it comes: User.csv
// names the owners, leads and contacts without CreatedDate give people,
// OpportunityHistory gives the closing dates, a Primary Campaign Source
// gives a touch, tasks not completed are counted, and a blank amount is 0.
func TestSalesforceOrg(t *testing.T) {
	ds, err := Load("testdata/salesforce-org", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"User.csv: Salesforce User, the names of 2 owners (comma-delimited, UTF-8)",
		"OpportunityHistory.csv: Salesforce OpportunityHistory, the dates opportunities entered their closed stage (comma-delimited, UTF-8)",
		"Account.csv: Salesforce Account, the names of 1 account (comma-delimited, UTF-8)",
		"Campaign.csv: Salesforce Campaign (comma-delimited, UTF-8)",
		"Lead.csv: Salesforce Lead (comma-delimited, UTF-8)",
		"Contact.csv: Salesforce Contact (comma-delimited, UTF-8)",
		"CampaignMember.csv: Salesforce CampaignMember (comma-delimited, UTF-8)",
		"Task.csv: Salesforce Task (comma-delimited, UTF-8)",
		"Opportunity.csv: Salesforce Opportunity (comma-delimited, UTF-8)",
	}
	if got := strings.Join(ds.Detected, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("detected:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// People: the two leads (none created), contact 2; contact 1 is lead 1.
	if got := strings.Join(ds.People.Names, " "); got != "00Q000000000001AAA 00Q000000000002AAA 003000000000002AAA" {
		t.Errorf("people = %s", got)
	}
	for i, l := range ds.Leads {
		if l.CreatedAt != NoTime || !l.Known {
			t.Errorf("lead %d: created %d known %v, want none created", i, l.CreatedAt, l.Known)
		}
	}
	if got := ds.Labels.Names[ds.Leads[0].Owner]; got != "Ana Rep" {
		t.Errorf("lead owner = %q, want the user's name", got)
	}
	at := func(s string) Time {
		tm, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMicro()
	}
	// Opportunity 1: won when the history shows it (03/05/26 10:00 AM),
	// not at CloseDate; opportunity 2: lost when it last entered Closed
	// Lost (03/07/26 9:00 PM), its blank amount read as 0.
	if len(ds.Opportunities) != 3 {
		t.Fatalf("opportunities = %+v", ds.Opportunities)
	}
	o1, o2 := ds.Opportunities[0], ds.Opportunities[1]
	if o1.Status != Won || o1.ClosedAt != at("2026-03-05 10:00") || ds.Labels.Names[o1.Owner] != "Ana Rep" {
		t.Errorf("opportunity 1 = %+v", o1)
	}
	if o2.Status != Lost || o2.ClosedAt != at("2026-03-07 21:00") || o2.Amount != 0 || ds.Labels.Names[o2.Owner] != "Ben Closer" {
		t.Errorf("opportunity 2 = %+v", o2)
	}
	// Names: each opportunity's Name; the account's from Account.csv,
	// which names account 1 only (account 2's opportunities get none).
	for i, want := range [][2]string{{"Farmers deal", "Farmers Coop."}, {"Edge deal", ""}, {"Edge add-on", ""}} {
		o := ds.Opportunities[i]
		if got := [2]string{ds.Labels.Names[o.Name], ds.Labels.Names[o.AccountName]}; got != want {
			t.Errorf("opportunity %d: name, account name = %q, want %q", i+1, got, want)
		}
	}
	// Touches: lead 1's response on the webinar (its Primary Campaign
	// Source too: no second touch); contact 2 did not respond to the trade
	// show, so opportunity 2's Primary Campaign Source adds a touch at its
	// creation.
	if len(ds.Touches) != 2 {
		t.Fatalf("touches = %+v", ds.Touches)
	}
	var added *Touch
	for i := range ds.Touches {
		if ds.People.Names[ds.Touches[i].Lead] == "003000000000002AAA" {
			added = &ds.Touches[i]
		}
	}
	if added == nil || added.At != at("2026-02-24 00:00") || ds.CampaignIDs.Names[added.Campaign] != "701000000000002AAA" {
		t.Errorf("touch from the Primary Campaign Source = %+v", added)
	}
	notesHave(t, ds,
		"Opportunity.csv: 1 opportunity names a Primary Campaign Source (CampaignId) on which its primary person has no campaign response",
		"OpportunityHistory.csv: 2 opportunities are closed when they entered their closed stage",
		"Salesforce: 2 tasks are not completed and are not follow-ups.",
		"Lead.csv: no CreatedDate column, so no lead is counted as created from it",
	)
	if len(ds.Problems) != 1 || ds.Problems[0].String() != "Opportunity.csv:3: Amount: empty amount, read as 0" {
		t.Errorf("problems = %v", ds.Problems)
	}
}

// TestCRMPipeline reads an opportunities-only folder with plain-word
// headers: the pipeline file is opportunities, the account list, product
// list, team list and data dictionary are skipped with one note each.
func TestCRMPipeline(t *testing.T) {
	ds, err := Load("testdata/crm-pipeline", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ds.Detected, "\n"); got != "sales_pipeline.csv: CRM opportunities (comma-delimited, UTF-8)" {
		t.Errorf("detected:\n%s", got)
	}
	// P4 is prospecting, never engaged: left out. P3 is open, no amount.
	if len(ds.Opportunities) != 4 {
		t.Fatalf("opportunities = %+v", ds.Opportunities)
	}
	want := []Status{Won, Lost, Open, Won}
	for i, o := range ds.Opportunities {
		if o.Status != want[i] {
			t.Errorf("opportunity %d: %v, want %v", i, o.Status, want[i])
		}
	}
	if o := ds.Opportunities[0]; o.Amount != 1054 || ds.Labels.Names[o.Owner] != "Rep One" || ds.Labels.Names[o.Account] != "Acme Retail" || FormatDay(DayOf(o.ClosedAt, time.UTC)) != "2017-02-01" {
		t.Errorf("opportunity 1 = %+v", o)
	}
	if ds.Files.Leads {
		t.Error("a folder without leads says it has leads")
	}
	notesHave(t, ds,
		"accounts.csv: CRM accounts (no section of the report reads accounts' attributes); the file is skipped.",
		"data_dictionary.csv: a data dictionary (it describes columns, it holds no records); the file is skipped.",
		"products.csv: not a known export; the file is skipped",
		"sales_teams.csv: not a known export; the file is skipped",
		"sales_pipeline.csv: deal_stage: 1 open deal has no creation date and is not counted",
	)
	if len(ds.Notes) != 5 {
		t.Errorf("%d notes, want one per skipped file and the deal left out:\n%s", len(ds.Notes), strings.Join(ds.Notes, "\n"))
	}
}

// TestFunnelFolder: a file of MQLs is read as leads (the MQL date is the
// creation date); the closed deals lack a creation date, so they are
// skipped with the exact fix; with it, they are won opportunities.
func TestFunnelFolder(t *testing.T) {
	ds, err := Load("testdata/funnel", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Leads) != 3 || ds.Leads[0].MQLAt != ds.Leads[0].CreatedAt || ds.Leads[0].Origin != OriginMarketing || ds.Leads[2].Origin != OriginOther {
		t.Errorf("leads = %+v", ds.Leads)
	}
	notesHave(t, ds, "closed_deals.csv: read as CRM opportunities, but no column gives the date each record was created (created_at), so the file is skipped. Fix: `retro mapping --print testdata/funnel > mapping.yaml`, then under closed_deals.csv name that column (columns: {created_at: COLUMN})")

	ds, err = loadWithMapping(t, map[string]string{
		"mqls.csv":         readTestdata(t, "funnel/mqls.csv"),
		"closed_deals.csv": readTestdata(t, "funnel/closed_deals.csv"),
	}, "files:\n  closed_deals.csv:\n    columns: {created_at: won_date}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Opportunities) != 2 {
		t.Fatalf("opportunities = %+v", ds.Opportunities)
	}
	if o := ds.Opportunities[1]; o.Status != Won || o.CreatedAt != o.ClosedAt || o.Amount != 1500 || ds.People.Names[o.Lead] != "m3" || ds.OpportunityIDs.Names[1] != "m3" {
		t.Errorf("opportunity 2 = %+v", o)
	}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLeadsWithoutDates: a leads file with no date of any kind is the
// one thing the folder truly lacks: the error names it and the fix, and
// the data dictionaries beside it (one an XLSX whose table starts at B3)
// are skipped, never fatal.
func TestLeadsWithoutDates(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"Leads.csv", "leads_data_dictionary.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(readTestdata(t, "leads-no-dates/"+f)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeXLSX(t, filepath.Join(dir, "Leads Data Dictionary.xlsx"), sheetRows{"Sheet1", [][]any{
		{}, {},
		{nil, "Variables", "Description"},
		{nil, "Prospect ID", "A unique ID with which the customer is identified."},
	}})
	_, err := Load(dir, DefaultOptions())
	if err == nil {
		t.Fatal("a folder with no dated leads loaded")
	}
	want := "Leads.csv: read as CRM leads, but no column gives the date each record was created (created_at), so the file is skipped. Fix: `retro mapping --print " + dir + " > mapping.yaml`, then under Leads.csv name that column (columns: {created_at: COLUMN}) or, when every record came in one period, give one date (fixed: {created_at: YYYY-MM-DD})."
	if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "dictionary") {
		t.Errorf("error:\n%v\nwant the one line:\n%s", err, want)
	}

	// The XLSX table at B3 is found: its header is Variables, Description.
	tab, c, err := openTable("d.xlsx", filepath.Join(dir, "Leads Data Dictionary.xlsx"), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := strings.Join(tab.Raw, "|"); got != "|Variables|Description" {
		t.Errorf("header = %q", got)
	}
	rec, line, err := tab.next()
	if err != nil || line != 4 || rec[1] != "Prospect ID" {
		t.Errorf("first record = %q at line %d (%v)", rec, line, err)
	}

	// With a date for every lead, the folder loads; the dictionaries are
	// notes.
	ds, err := loadWithMapping(t, map[string]string{"Leads.csv": readTestdata(t, "leads-no-dates/Leads.csv"), "dict.csv": readTestdata(t, "leads-no-dates/leads_data_dictionary.csv")},
		"files:\n  Leads.csv:\n    shape: CRM leads\n    fixed: {created_at: 2019-03-31}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Leads) != 3 || FormatDay(DayOf(ds.Leads[0].CreatedAt, time.UTC)) != "2019-03-31" || ds.Labels.Names[ds.Leads[1].Source] != "Organic Search" || ds.Leads[0].Origin != OriginMarketing {
		t.Errorf("leads = %+v", ds.Leads)
	}
	notesHave(t, ds, "dict.csv: a data dictionary")
}

// TestDiagnosisShared: retro and retro mapping --print take each file for
// the same thing.
func TestDiagnosisShared(t *testing.T) {
	for _, dir := range []string{"testdata/salesforce-org", "testdata/crm-pipeline", "testdata/funnel", "testdata/hubspot", "testdata/salesforce"} {
		opts := DefaultOptions()
		opts.MaxBadRows = 10
		ds, err := Load(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := PrintMapping(&b, dir, opts); err != nil {
			t.Fatal(err)
		}
		// Passed back unchanged, the printed mapping reads the folder the
		// same way.
		mf := filepath.Join(t.TempDir(), "mapping.yaml")
		if err := os.WriteFile(mf, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := ReadMapping(mf)
		if err != nil {
			t.Fatalf("%s: the printed mapping: %v", dir, err)
		}
		mopts := opts
		mopts.Mapping = m
		again, err := Load(dir, mopts)
		if err != nil {
			t.Fatalf("%s: with the printed mapping: %v", dir, err)
		}
		for _, pair := range [][2]any{{ds.Detected, again.Detected}, {ds.Notes, again.Notes}, {ds.Opportunities, again.Opportunities}, {ds.Leads, again.Leads}, {ds.Touches, again.Touches}} {
			if a, b := fmt.Sprint(pair[0]), fmt.Sprint(pair[1]); a != b {
				t.Errorf("%s: with the printed mapping:\n%s\nwithout:\n%s", dir, b, a)
			}
		}
		for _, d := range ds.Detected {
			name, rest, _ := strings.Cut(d, ": ")
			shape, _, _ := strings.Cut(rest, " (")
			shape, _, _ = strings.Cut(shape, ", ")
			if !strings.Contains(b.String(), "  "+yamlScalar(name)+":\n") || !strings.Contains(b.String(), "shape: "+yamlScalar(shape)+"\n") {
				t.Errorf("%s: retro reads %s as %s; the printed mapping:\n%s", dir, name, shape, b.String())
			}
		}
	}
}

// TestHubSpotLabels: old and new HubSpot column labels alike.
func TestHubSpotLabels(t *testing.T) {
	tests := []struct {
		header, want string
		roles        []string
	}{
		{"Record ID,First Name,Last Name,Email,Create Date,Lifecycle Stage,Became a Marketing Qualified Lead Date,Original Source", "HubSpot contacts", []string{"created_at", "mql_at", "source", "lifecycle_stage"}},
		{"Record ID,First name,Last name,Email,Create date,Lifecycle stage,Date entered \"Marketing Qualified Lead (Lifecycle Stage Pipeline)\",Original Traffic Source", "HubSpot contacts", []string{"created_at", "mql_at", "source", "lifecycle_stage"}},
		{"Contact ID,Email,Created Date,Date entered Marketing Qualified Lead,Date entered Sales Qualified Lead", "HubSpot contacts", []string{"created_at", "mql_at", "sql_at"}},
		{"Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date", "HubSpot deals", []string{"stage", "amount", "close_date", "created_at"}},
		{"Record ID,Deal name,Deal stage,Amount,Amount in company currency,Currency,Close date,Create date,Is closed won", "HubSpot deals", []string{"stage", "amount", "amount_converted", "currency", "close_date", "created_at", "is_won"}},
	}
	for _, tc := range tests {
		best, _ := detect(normalizedHeader(strings.Split(tc.header, ",")), "auto", nil, "")
		if best == nil || best.shape.Name != tc.want {
			t.Errorf("%s: detected %v, want %s", tc.header, best, tc.want)
			continue
		}
		for _, r := range tc.roles {
			if !best.cols.has(r) {
				t.Errorf("%s: %s not found", tc.header, r)
			}
		}
	}
}

// TestCurrencies: SPEC 11's currency rules on Salesforce and HubSpot deals.
func TestCurrencies(t *testing.T) {
	sf := "Id,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate,CurrencyIsoCode\n" +
		"006A,One,Closed Won,100,2026-07-10,true,true,2026-07-01,EUR\n" +
		"006B,Two,Closed Won,200,2026-07-10,true,true,2026-07-01,USD\n" +
		"006C,Three,Closed Won,300,2026-07-10,true,true,2026-07-01,\n"
	load := func(files map[string]string, rates map[string]float64) (*Dataset, error) {
		opts := DefaultOptions()
		opts.Rates = rates
		return Load(writeFiles(t, files), opts)
	}
	// Mixed, nothing to convert with: the run fails naming the currencies.
	if _, err := load(map[string]string{"Opportunity.csv": sf}, nil); err == nil || !strings.Contains(err.Error(), "Opportunity.csv: amounts in several currencies (EUR, USD) and no converted amount: give --rates FILE") {
		t.Errorf("mixed currencies: %v", err)
	}
	// With rates: EUR at 1.1; USD and empty are the report currency.
	ds, err := load(map[string]string{"Opportunity.csv": sf}, map[string]float64{"EUR": 1.1})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{110.00000000000001, 200, 300} {
		if got := ds.Opportunities[i].Amount; got != want {
			t.Errorf("opportunity %d amount %v, want %v", i, got, want)
		}
	}
	// A converted amount is used as it is.
	conv := "Id,Name,StageName,Amount,Amount (converted),CloseDate,IsClosed,IsWon,CreatedDate,CurrencyIsoCode\n" +
		"006A,One,Closed Won,100,108.5,2026-07-10,true,true,2026-07-01,EUR\n" +
		"006B,Two,Closed Won,200,200,2026-07-10,true,true,2026-07-01,USD\n"
	if ds, err = load(map[string]string{"Opportunity.csv": conv}, nil); err != nil || ds.Opportunities[0].Amount != 108.5 {
		t.Errorf("converted amount: %v %+v", err, ds)
	}
	// One currency other than the report's: read as it is, with a note.
	hub := "Record ID,Deal Name,Deal Stage,Amount,Currency,Close Date,Create Date\n" +
		"1,One,Closed Won,100,EUR,2026-07-10,2026-07-01\n"
	if ds, err = load(map[string]string{"deals.csv": hub}, nil); err != nil || ds.Opportunities[0].Amount != 100 {
		t.Fatalf("one currency: %v", err)
	}
	notesHave(t, ds, "deals.csv: amounts are in EUR, not the report currency USD; they are read as they are")
	// A currency missing from --rates skips the row.
	if ds, err = load(map[string]string{"deals.csv": hub + "2,Two,Closed Won,5,GBP,2026-07-10,2026-07-01\n"}, map[string]float64{"EUR": 2}); err == nil {
		t.Errorf("a currency missing from --rates was read: %+v", ds.Opportunities)
	} else if !strings.Contains(err.Error(), `Currency: "GBP" is not in --rates`) {
		t.Errorf("error = %v", err)
	}
}

func TestReadRates(t *testing.T) {
	dir := writeFiles(t, map[string]string{"rates.csv": "currency,rate\neur,1.08\nGBP, 1.27\n", "bad.csv": "EUR,x\nGBP,-1\n"})
	r, err := ReadRates(filepath.Join(dir, "rates.csv"))
	if err != nil || r["EUR"] != 1.08 || r["GBP"] != 1.27 || len(r) != 2 {
		t.Errorf("rates = %v, %v", r, err)
	}
	if _, err := ReadRates(filepath.Join(dir, "bad.csv")); err == nil || !strings.Contains(err.Error(), `"-1" is not a rate above 0`) {
		t.Errorf("bad rates: %v", err)
	}
}

// TestCanonicalCurrency: a canonical opportunities file with a currency
// column follows the same rules.
func TestCanonicalCurrency(t *testing.T) {
	files := map[string]string{"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,currency\n" +
		"O1,2026-07-01,100,won,2026-07-09,EUR\nO2,2026-07-01,50,open,,\n"}
	if _, err := Load(writeFiles(t, files), DefaultOptions()); err == nil || !strings.Contains(err.Error(), "amounts in several currencies (EUR, USD)") {
		t.Errorf("mixed: %v", err)
	}
	opts := DefaultOptions()
	opts.Rates = map[string]float64{"EUR": 2}
	ds, err := Load(writeFiles(t, files), opts)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Opportunities[0].Amount != 200 || ds.Opportunities[1].Amount != 50 {
		t.Errorf("amounts = %v, %v", ds.Opportunities[0].Amount, ds.Opportunities[1].Amount)
	}
}
