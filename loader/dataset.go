package loader

import (
	"fmt"
	"hash/maphash"
	"slices"
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
	// Name and AccountName are the opportunity's and its account's names
	// when the export gives them (0 when not): companies and deals, never
	// a lead or contact.
	Name        Label
	AccountName Label
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

// Interner maps strings to dense ids and back. Its hash table keeps ids
// of up to inlineKey bytes inside the slot (one cache line touched per
// lookup, which matters when ten million touches arrive in random order);
// a longer id is confirmed against Names.
type Interner struct {
	slots []slot // open addressing, linear probing, at most 3/4 full
	seed  maphash.Seed
	Names []string
	// aliases are the names an id was read as before Rename gave it the
	// name it is shown by; Lookup finds both.
	aliases map[string]ID
	// spill, while the interner is frozen (freeze.go), takes the new
	// strings, numbered from spillBase.
	spill     *Interner
	spillBase ID
}

// inlineKey is the longest id held inside a slot.
const inlineKey = 18

type slot struct {
	id  int32 // id + 1; 0 is an empty slot
	n   uint8 // the id's length, or inlineKey + 1 for a longer one
	tag uint8 // 8 more bits of the hash
	key [inlineKey]byte
}

func (in *Interner) hash(s string) uint64 { return maphash.String(in.seed, s) }

// find returns the slot of s, or the empty slot where it belongs.
func (in *Interner) find(s string, h uint64) *slot {
	mask := uint64(len(in.slots) - 1)
	n, tag := uint8(min(len(s), inlineKey+1)), uint8(h>>56)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &in.slots[i]
		if sl.id == 0 {
			return sl
		}
		if sl.n != n || sl.tag != tag {
			continue
		}
		if n <= inlineKey {
			if string(sl.key[:n]) == s {
				return sl
			}
		} else if in.Names[sl.id-1] == s {
			return sl
		}
	}
}

// Intern returns the id of s, adding it if new.
func (in *Interner) Intern(s string) ID {
	if len(in.slots) > 0 {
		h := in.hash(s)
		if sl := in.find(s, h); sl.id != 0 {
			return sl.id - 1
		}
	}
	if in.spill != nil {
		return in.spillBase + in.spill.Intern(s)
	}
	if 4*(len(in.Names)+1) > 3*len(in.slots) {
		in.rehash(max(16, 2*len(in.slots)))
	}
	id := ID(len(in.Names))
	s = strings.Clone(s) // s may point into a whole CSV line; keep only the id
	in.Names = append(in.Names, s)
	in.put(s, id)
	return id
}

// put adds s with id; a name already present keeps its id (the first
// wins).
func (in *Interner) put(s string, id ID) {
	h := in.hash(s)
	sl := in.find(s, h)
	if sl.id != 0 {
		return
	}
	sl.id, sl.n, sl.tag = id+1, uint8(min(len(s), inlineKey+1)), uint8(h>>56)
	copy(sl.key[:], s)
}

// rehash moves the table to size slots (a power of two).
func (in *Interner) rehash(size int) {
	if len(in.slots) == 0 {
		in.seed = maphash.MakeSeed()
	}
	in.slots = make([]slot, size)
	for id, s := range in.Names {
		in.put(s, ID(id))
	}
}

// Grow makes room for n more strings.
func (in *Interner) Grow(n int) {
	if n <= 0 {
		return
	}
	size := 16
	for 3*size < 4*(len(in.Names)+n) {
		size *= 2
	}
	if size > len(in.slots) {
		in.rehash(size)
	}
	in.Names = slices.Grow(in.Names, n)
}

// Lookup returns the id of s, if interned (by its name or an alias).
func (in *Interner) Lookup(s string) (ID, bool) {
	if len(in.slots) > 0 {
		if sl := in.find(s, in.hash(s)); sl.id != 0 {
			return sl.id - 1, true
		}
	}
	if id, ok := in.aliases[s]; ok {
		return id, true
	}
	if in.spill != nil {
		if id, ok := in.spill.Lookup(s); ok {
			return in.spillBase + id, true
		}
	}
	return NoID, false
}

// Rename gives id the name shown, keeping its old name as an alias that
// Lookup still finds. A shown name that is already another id's is left
// to that id.
func (in *Interner) Rename(id ID, shown string) {
	old := in.Names[id]
	if old == shown {
		return
	}
	if in.aliases == nil {
		in.aliases = map[string]ID{}
	}
	in.aliases[old] = id
	in.Names[id] = shown
	// The old name's slot still finds id when the name is held in the
	// slot; a longer one is found through aliases.
	if sl := in.find(shown, in.hash(shown)); sl.id == 0 {
		in.put(shown, id)
	}
}

// Len returns the number of interned strings.
func (in *Interner) Len() int { return len(in.Names) }
