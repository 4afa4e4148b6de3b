package loader

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestXLSXCell(t *testing.T) {
	// 46204 is 2026-07-01 (46204 days after 1899-12-30); .395833... is
	// 9:30 (9.5/24), .3958449... is 9:30:01 (34201/86400).
	tests := []struct {
		stored, shown, want string
		date1904            bool
	}{
		{"46204", "07-01-26", "2026-07-01", false},                          // built-in m/d/yy
		{"46204.395833333336", "7/1/26 9:30", "2026-07-01 09:30:00", false}, // built-in m/d/yy h:mm
		{"46204.39584490741", "2026-07-01 09:30:01", "2026-07-01 09:30:01", false},
		{"46204.395833333336", "01.07.2026 09:30", "2026-07-01 09:30:00", false}, // dotted, day first
		{"46204", "13/07/2026", "2026-07-01", false},                             // day first (the shown day does not matter)
		{"46204", "1-Jul-26", "2026-07-01", false},
		{"46204", "July 1, 2026", "2026-07-01", false},
		{"44742", "7/1/26", "2026-07-01", true},           // the 1904 date system: 1462 days fewer
		{"46204.5", "46204.5", "46204.5", false},          // a plain number
		{"12500", "$12,500.00", "12500", false},           // an amount
		{"0.25", "25%", "0.25", false},                    // a percentage
		{"46204", "46,204", "46204", false},               // grouped digits
		{"1", "TRUE", "1", false},                         // a boolean
		{"Closed Won", "Closed Won", "Closed Won", false}, // text
		{"2026-07-01", "2026-07-01", "2026-07-01", false}, // a date stored as text
		{"0.5", "12:00", "0.5", false},                    // a time of day alone
	}
	for _, tc := range tests {
		if got := xlsxCell(tc.stored, tc.shown, tc.date1904); got != tc.want {
			t.Errorf("xlsxCell(%q, %q, %v) = %q, want %q", tc.stored, tc.shown, tc.date1904, got, tc.want)
		}
	}
}

// sheetRows is a worksheet to write: rows of cell values (string,
// float64, bool, time.Time, or a dated value with its number format).
type sheetRows struct {
	name string
	rows [][]any
}

// dated is a time written as a spreadsheet date with a number format: a
// built-in format id, or a custom format code.
type dated struct {
	t      time.Time
	fmtID  int
	custom string
}

// writeXLSX writes a workbook with the given sheets, in order.
func writeXLSX(t *testing.T, path string, sheets ...sheetRows) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	styles := map[dated]int{}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if d, ok := v.(dated); ok {
					key := dated{fmtID: d.fmtID, custom: d.custom}
					if _, ok := styles[key]; !ok {
						st := &excelize.Style{NumFmt: d.fmtID}
						if d.custom != "" {
							st.CustomNumFmt = &d.custom
						}
						id, err := f.NewStyle(st)
						if err != nil {
							t.Fatal(err)
						}
						styles[key] = id
					}
					// A spreadsheet date counts days from 1899-12-30.
					v = float64(d.t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))) / float64(24*time.Hour)
					f.SetCellStyle(s.name, cell, cell, styles[key])
				}
				if v == nil {
					continue
				}
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestXLSX reads a HubSpot contacts export and a canonical campaigns file
// saved as XLSX: the contacts on the second sheet, named by the mapping,
// below a title line; dates as spreadsheet dates in four number formats
// and as text; costs in a currency format.
func TestXLSX(t *testing.T) {
	dir := t.TempDir()
	at := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	money := "$#,##0.00"
	writeXLSX(t, filepath.Join(dir, "contacts.xlsx"),
		sheetRows{"Summary", [][]any{{"Exported from HubSpot"}}},
		sheetRows{"Contacts", [][]any{
			{"All contacts"}, // a title line
			{},
			{"Record ID", "Email", "Create Date", "Became a Marketing Qualified Lead Date", "Original Source", "Country/Region"},
			{101.0, "a@example.com", dated{t: at("2026-07-01 09:30:01"), custom: "yyyy-mm-dd hh:mm:ss"}, dated{t: at("2026-07-02 00:00:00"), fmtID: 14}, "Organic Search", "US"},
			{},
			{102.0, "b@example.com", dated{t: at("2026-07-03 15:04:00"), fmtID: 22}, dated{t: at("2026-07-04 10:00:00"), custom: "dd.mm.yyyy hh:mm"}, "Offline Sources", "DE"},
			{103.0, "c@example.com", "2026-07-05 08:00", dated{t: at("2026-07-06 00:00:00"), custom: "d-mmm-yy"}, "Referrals", nil},
			{104.0, "d@example.com", "tomorrow", nil, nil, nil},
		}})
	writeXLSX(t, filepath.Join(dir, "campaigns.xlsx"), sheetRows{"Campaigns", [][]any{
		{"campaign_id", "name", "channel", "start_date", "end_date", "cost"},
		{"C1", "Launch", "webinar", dated{t: at("2026-07-01 00:00:00"), fmtID: 14}, dated{t: at("2026-07-31 00:00:00"), fmtID: 14}},
	}})
	// The campaign's cost is a currency-formatted number.
	f, err := excelize.OpenFile(filepath.Join(dir, "campaigns.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &money})
	f.SetCellValue("Campaigns", "F2", 12500.5)
	f.SetCellStyle("Campaigns", "F2", "F2", st)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	opts := DefaultOptions()
	opts.MaxBadRows = 1
	opts.Mapping = &Mapping{Files: map[string]*FileMapping{"contacts.xlsx": {Sheet: "Contacts"}}}
	ds, err := Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "campaigns.xlsx: canonical campaigns (XLSX, sheet \"Campaigns\")\ncontacts.xlsx: HubSpot contacts (XLSX, sheet \"Contacts\")"
	if got := strings.Join(ds.Detected, "\n"); got != want {
		t.Errorf("detected:\n%s\nwant:\n%s", got, want)
	}
	// Row 8 of the sheet is contact 104: the empty row 5 and the title
	// lines keep their numbers.
	if len(ds.Problems) != 1 || ds.Problems[0].String() != `contacts.xlsx:8: Create Date: "tomorrow" is not a date (expected ISO 8601 such as 2026-07-01 or 2026-07-01T09:30:00Z, or a date such as 11/22/2026 3:04 PM)` {
		t.Errorf("problems = %v", ds.Problems)
	}
	micros := func(s string) Time { return at(s).UnixMicro() }
	for i, w := range []struct{ created, mql Time }{
		{micros("2026-07-01 09:30:01"), micros("2026-07-02 00:00:00")},
		{micros("2026-07-03 15:04:00"), micros("2026-07-04 10:00:00")},
		{micros("2026-07-05 08:00:00"), micros("2026-07-06 00:00:00")},
	} {
		if l := ds.Leads[i]; l.CreatedAt != w.created || l.MQLAt != w.mql {
			t.Errorf("contact %s: created %d mql %d, want %d %d", ds.People.Names[i], l.CreatedAt, l.MQLAt, w.created, w.mql)
		}
	}
	if got := strings.Join(ds.People.Names, " "); got != "101 102 103" {
		t.Errorf("people = %s", got)
	}
	c := ds.Campaigns[0]
	if c.Cost != 12500.5 || FormatDay(c.Start) != "2026-07-01" || FormatDay(c.End) != "2026-07-31" {
		t.Errorf("campaign = %+v", c)
	}
	if ds.Inputs[1].Rows != 4 {
		t.Errorf("inputs = %+v", ds.Inputs)
	}

	// --sheet names the sheet when the mapping does not; a sheet that is
	// not there is an error naming the sheets.
	opts.Mapping, opts.Sheet = nil, "Contacts"
	if _, err := Load(dir, opts); err == nil || !strings.Contains(err.Error(), `campaigns.xlsx: no sheet named "Contacts" (the sheets are "Campaigns")`) {
		t.Errorf("a missing sheet: %v", err)
	}
}
