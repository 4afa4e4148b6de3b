package loader

import "testing"

// TestOpportunityNames reads the names of opportunities and their accounts
// from each source: the canonical columns, a Salesforce Opportunity's Name
// with Account.csv (a person account left unnamed), a Salesforce report
// export's Opportunity Name and Account Name, a HubSpot deals export's
// Deal Name and Associated Company. Emails and phone numbers in them are masked; a
// row without a name has none.
func TestOpportunityNames(t *testing.T) {
	tests := []struct {
		name, file, csv string
		also            map[string]string // other files of the folder
		want            [][2]string       // name, account name per opportunity
	}{
		{"canonical", "opportunities.csv",
			"opportunity_id,created_at,amount,status,closed_at,account_id,name,account_name\n" +
				"o1,2026-01-05,100,won,2026-02-01,a1,Acme - renewal (ann@acme.example),Acme Corp\n" +
				"o2,2026-01-06,200,open,,a2,,\n" +
				"o3,2026-01-07,300,lost,2026-02-02,a3,Call +1 415 555 0100,  Globex  \n",
			nil,
			[][2]string{{"Acme - renewal ([email 1])", "Acme Corp"}, {"", ""}, {"Call [phone 1]", "Globex"}}},
		{"canonical without the columns", "opportunities.csv",
			"opportunity_id,created_at,amount,status,closed_at,account_id\n" +
				"o1,2026-01-05,100,won,2026-02-01,a1\n",
			nil,
			[][2]string{{"", ""}}},
		// Account.csv names account 001A; 001P is a person account, left
		// unnamed; 001Z is not in it.
		{"salesforce with Account.csv", "Opportunity.csv",
			"Id,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate\n" +
				"006A,001A,Big deal,Closed Won,5000,2026-02-01,true,true,2026-01-05\n" +
				"006B,001P,Jo's renewal,Closed Won,100,2026-02-01,true,true,2026-01-06\n" +
				"006C,001Z,,Prospecting,100,2026-03-01,false,false,2026-01-06\n",
			map[string]string{"Account.csv": "Id,Name,Industry,IsPersonAccount\n001A,Initech,Software,false\n001P,Jo Person,,true\n"},
			[][2]string{{"Big deal", "Initech"}, {"Jo's renewal", ""}, {"", ""}}},
		{"salesforce report", "Opportunity.csv",
			"Opportunity ID,Opportunity Name,Account Name,Account ID,Stage,Amount,Close Date,Created Date,Closed,Won\n" +
				"006A,Big deal,Initech,001A,Closed Won,5000,2026-02-01,2026-01-05,true,true\n" +
				"006B,Small deal,,001B,Prospecting,100,2026-03-01,2026-01-06,false,false\n",
			nil,
			[][2]string{{"Big deal", "Initech"}, {"Small deal", ""}}},
		{"hubspot deals", "deals.csv",
			"Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Is Closed Won,Associated Company IDs,Associated Company\n" +
				"501,Lovelace - 500 seats,Closed Won,12500,2026-02-01,2026-01-05,true,9001;9002,\"Lovelace, Inc.;Babbage Ltd\"\n" +
				"502,Tables,Appointment Scheduled,800,2026-03-01,2026-01-06,false,,\n",
			// The deals' own Associated Company wins over companies.csv.
			map[string]string{"companies.csv": "Record ID,Company name,Company Domain Name\n9001,Lovelace (old name),lovelace.example\n"},
			[][2]string{{"Lovelace - 500 seats", "Lovelace, Inc."}, {"Tables", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{tt.file: tt.csv}
			for f, body := range tt.also {
				files[f] = body
			}
			ds, err := Load(writeFiles(t, files), DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Opportunities) != len(tt.want) {
				t.Fatalf("opportunities = %+v, problems %v", ds.Opportunities, ds.Problems)
			}
			for i, want := range tt.want {
				o := ds.Opportunities[i]
				if got := [2]string{ds.Labels.Names[o.Name], ds.Labels.Names[o.AccountName]}; got != want {
					t.Errorf("opportunity %d: name, account name = %q, want %q", i+1, got, want)
				}
			}
		})
	}
}
