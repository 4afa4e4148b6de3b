package loader

import (
	"fmt"
	"strings"
	"time"
)

// ID is an interned id: an index into the slice of its kind. NoID marks an
// absent reference.
type ID = int32

// NoID marks an absent id.
const NoID ID = -1

// Label is an interned free-text value (owner, region, industry, ...); 0 is
// the empty value.
type Label = int32

// Origin is who created a record, per SPEC section 11.
type Origin uint8

// Origins. OriginNone means the column was empty or absent.
const (
	OriginNone Origin = iota
	OriginMarketing
	OriginSales
	OriginPartner
	OriginOther
)

// String returns the origin's name as written in the SPEC.
func (o Origin) String() string {
	return [...]string{"", "marketing", "sales", "partner", "other"}[o]
}

// Status is an opportunity's status.
type Status uint8

// Statuses.
const (
	Open Status = iota
	Won
	Lost
)

// String returns the status as written in the SPEC.
func (s Status) String() string { return [...]string{"open", "won", "lost"}[s] }

// Dataset is everything read from one input folder.
type Dataset struct {
	Dir      string
	Location *time.Location
	// Hash identifies the input bytes (file names and contents), so that two
	// reports' data can be told apart.
	Hash string

	// Files tells which of the canonical files were present.
	Files Files
	// Inputs has one entry per file read, in canonical file order.
	Inputs []Input
	// ProblemCounts counts every problem by file, column and kind (skipped
	// row or blanked value), also those past the listing's limit.
	ProblemCounts []ProblemCount
	// Problems lists every bad row and bad value, in file then line order.
	Problems []Problem
	// Notes are dataset-wide remarks (dangling references, duplicates).
	Notes []string
	// Detected says, per file read, what it was taken for and how it is
	// written, e.g. "Lead.csv: Salesforce Lead (comma-delimited, UTF-8)".
	Detected []string
	// Adapted is true when some file was rewritten from a CRM export shape.
	Adapted bool
	// Coverage says, for exports from a CRM (HubSpot), which report
	// sections the files can and cannot feed.
	Coverage []string

	// People holds lead ids: leads.csv first, then ids met elsewhere.
	People Interner
	Leads  []Lead // indexed by person ID; Known is false for ids not in leads.csv

	CampaignIDs Interner
	Campaigns   []Campaign // indexed by campaign ID

	AssetIDs Interner
	Assets   []Asset // indexed by asset ID

	// Touches are de-duplicated on (lead, campaign, instant) and grouped by
	// lead: the touches of person p are Touches[TouchStart[p]:TouchStart[p+1]],
	// ordered by (touched_at, campaign_id).
	Touches    []Touch
	TouchStart []int32

	// Activities are grouped by lead like touches, ordered by occurred_at.
	Activities    []Time
	ActivityStart []int32

	OpportunityIDs Interner
	Opportunities  []Opportunity // file order
	// OppPeople lists people(o): OppPeople[OppPeopleStart[o]:OppPeopleStart[o+1]],
	// the primary lead first, then contacts in file order, without repeats.
	OppPeople      []ID
	OppPeopleStart []int32

	// Labels interns owners, regions, industries, sources, accounts, reasons, stages.
	Labels Interner

	// Paths is the folder's aggregated path file (SPEC 16), when it holds
	// one: the rest of the dataset is then empty.
	Paths *PathFile

	// HasColumn tells which optional columns the files carried, keyed "file.column".
	HasColumn map[string]bool
}

// Files records which canonical files were present in the folder.
type Files struct {
	Campaigns, Assets, Leads, Touches, Activities, Opportunities, OpportunityContacts bool
}

// Input summarises one file: rows read (bad ones included), rows skipped,
// and values blanked.
type Input struct {
	File    string `json:"file"`
	Rows    int    `json:"rows"`
	Skipped int    `json:"skipped"`
	Blanked int    `json:"blanked"`
	// Masked counts the email addresses and phone numbers masked in the
	// file's text (see docs/metrics.md, data quality).
	Masked int `json:"masked"`
	// Replaced counts the lines whose invalid UTF-8 bytes were replaced
	// by U+FFFD.
	Replaced int `json:"replaced"`
}

// Problem is one bad row or bad value, located by file, line and column.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Problem string `json:"problem"`
	// Skipped is true when the whole row was dropped, false when only the
	// value was blanked.
	Skipped bool `json:"skipped"`
}

// ProblemCount is how many rows of a file were skipped (or values blanked)
// for a problem in one column.
type ProblemCount struct {
	File    string `json:"file"`
	Column  string `json:"column"`
	Skipped bool   `json:"skipped"`
	Count   int    `json:"count"`
}

// String formats the problem as file:line: column: problem.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Column, p.Problem)
}

// Lead is one person of leads.csv (or an id referenced elsewhere, Known false).
type Lead struct {
	CreatedAt      Time
	MQLAt          Time
	SQLAt          Time
	DisqualifiedAt Time
	Owner          Label
	Region         Label
	Industry       Label
	Source         Label
	Account        Label
	Reason         Label
	Origin         Origin
	Known          bool
}

// Campaign is one row of campaigns.csv (or an id referenced by touches only).
type Campaign struct {
	Name    string
	Channel string
	Start   Day
	End     Day
	Cost    float64
	Known   bool
}

// Asset is one row of assets.csv (or an id referenced by touches only).
type Asset struct {
	Name  string
	Type  string
	Known bool
}

// Touch is one marketing interaction of a lead with a campaign.
type Touch struct {
	At       Time
	Lead     ID
	Campaign ID
	Asset    ID
	row      int32 // position in the file, to keep file order among ties
}

// Opportunity is one row of opportunities.csv.
type Opportunity struct {
	CreatedAt Time
	ClosedAt  Time
	Amount    float64
	Lead      ID // primary person, NoID if none
	Owner     Label
	Account   Label
	Stage     Label
	Status    Status
	Origin    Origin
}

// PersonTouches returns the touches of person p, ordered.
func (d *Dataset) PersonTouches(p ID) []Touch {
	if d.TouchStart == nil {
		return nil
	}
	return d.Touches[d.TouchStart[p]:d.TouchStart[p+1]]
}

// PersonActivities returns the activity times of person p, ascending.
func (d *Dataset) PersonActivities(p ID) []Time {
	if d.ActivityStart == nil {
		return nil
	}
	return d.Activities[d.ActivityStart[p]:d.ActivityStart[p+1]]
}

// People returns people(o) for opportunity o.
func (d *Dataset) PeopleOf(o int) []ID {
	return d.OppPeople[d.OppPeopleStart[o]:d.OppPeopleStart[o+1]]
}

// Interner maps strings to dense ids and back.
type Interner struct {
	ids   map[string]ID
	Names []string
}

// Intern returns the id of s, adding it if new.
func (in *Interner) Intern(s string) ID {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = make(map[string]ID)
	}
	id := ID(len(in.Names))
	s = strings.Clone(s) // s may point into a whole CSV line; keep only the id
	in.ids[s] = id
	in.Names = append(in.Names, s)
	return id
}

// Grow makes room for n more strings.
func (in *Interner) Grow(n int) {
	if in.ids == nil && n > 0 {
		in.ids = make(map[string]ID, n)
		in.Names = make([]string, 0, n)
	}
}

// Lookup returns the id of s, if interned.
func (in *Interner) Lookup(s string) (ID, bool) {
	id, ok := in.ids[s]
	return id, ok
}

// Len returns the number of interned strings.
func (in *Interner) Len() int { return len(in.Names) }
