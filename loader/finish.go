package loader

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/campaignretro/retro/internal/group"
)

// finish groups touches and activities by person, de-duplicates touches,
// builds people(o), and turns dangling references into notes.
func (l *load) finish() {
	ds := l.ds
	l.sfCampaignTouches()
	l.sfNotes()
	l.hubNotes()
	l.crmNotes()
	n := len(ds.Leads)

	order := NewTouchOrder(ds)

	// Activities are grouped while touches are: they share nothing.
	acts := make(chan struct{})
	go func() {
		defer close(acts)
		if !ds.Files.Activities {
			return
		}
		ds.ActivityStart, ds.Activities = group.By(n, nil, func(emit func(ID, Time)) {
			for _, a := range l.rawActs {
				emit(a.Lead, a.At)
			}
		})
		l.rawActs = nil
		eachPart(ds.ActivityStart, func(lo, hi int) {
			for p := lo; p < hi; p++ {
				slices.Sort(ds.Activities[ds.ActivityStart[p]:ds.ActivityStart[p+1]])
			}
		})
	}()

	if ds.Files.Touches {
		sorted := l.rawTouches
		l.rawTouches = nil
		ds.TouchStart = groupByPerson(sorted, n)
		// Per person: order by (touched_at, campaign_id), file order for
		// ties, then drop repeats of (campaign, instant): the first row wins.
		eachPart(ds.TouchStart, func(lo, hi int) {
			for p := lo; p < hi; p++ {
				order.sortPerson(sorted[ds.TouchStart[p]:ds.TouchStart[p+1]])
			}
		})
		out := sorted[:0]
		start := int32(0)
		for p := 0; p < n; p++ {
			seg := sorted[ds.TouchStart[p]:ds.TouchStart[p+1]]
			ds.TouchStart[p] = start
			for i, t := range seg {
				if i > 0 && t.At == seg[i-1].At && t.Campaign == seg[i-1].Campaign {
					continue
				}
				out = append(out, t)
				start++
			}
		}
		ds.TouchStart[n] = start
		ds.Touches = out[:len(out):len(out)]
	}

	<-acts

	ds.OppPeopleStart = make([]int32, len(ds.Opportunities)+1)
	for o, opp := range ds.Opportunities {
		ds.OppPeopleStart[o] = int32(len(ds.OppPeople))
		first := len(ds.OppPeople)
		if opp.Lead != NoID {
			ds.OppPeople = append(ds.OppPeople, opp.Lead)
		}
		if o < len(l.oppLeads) {
		contacts:
			for _, p := range l.oppLeads[o] {
				for _, q := range ds.OppPeople[first:] {
					if q == p {
						continue contacts
					}
				}
				ds.OppPeople = append(ds.OppPeople, p)
			}
		}
	}
	ds.OppPeopleStart[len(ds.Opportunities)] = int32(len(ds.OppPeople))
	l.oppLeads = nil

	keys := make([]string, 0, len(l.dangling))
	for k := range l.dangling {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts := strings.Split(k, "\x00")
		file, column, shown := parts[0], parts[1], parts[2]
		d := l.dangling[k]
		target := map[string]string{"lead_id": "leads.csv", "campaign_id": "campaigns.csv", "asset_id": "assets.csv", "opportunity_id": "opportunities.csv"}[column]
		if k, ok := map[string]kind{"lead_id": kindLeads, "campaign_id": kindCampaigns, "asset_id": kindAssets, "opportunity_id": kindOpportunities}[column]; ok && len(l.read[k]) > 0 {
			target = strings.Join(l.read[k], " or ")
		}
		what := "kept"
		if column == "opportunity_id" {
			what = "ignored"
		}
		rows := fmt.Sprintf("%d rows name", d[0])
		if d[0] == 1 {
			rows = "1 row names"
		}
		ds.Notes = append(ds.Notes, fmt.Sprintf("%s: %s %s %s that is not in %s (first at line %d); %s %s.", file, rows, article(shown), shown, target, d[1], map[bool]string{true: "it is", false: "they are"}[d[0] == 1], what))
	}
	if n := closedBeforeCreated(ds.Opportunities); n > 0 {
		ds.Notes = append(ds.Notes, fmt.Sprintf("%s closed before %s created (closed_at before created_at), as exports do when records were imported after the deal: their cycle times are negative; check the creation dates.",
			plural(n, "opportunity was", "opportunities were"), map[bool]string{true: "it was", false: "they were"}[n == 1]))
	}
	for k, n := range l.counts {
		k.Count = n
		ds.ProblemCounts = append(ds.ProblemCounts, k)
	}
	sort.Slice(ds.ProblemCounts, func(i, j int) bool {
		a, b := ds.ProblemCounts[i], ds.ProblemCounts[j]
		if a.File != b.File {
			return l.fileOrder(a.File) < l.fileOrder(b.File)
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Skipped && !b.Skipped
	})
	sort.SliceStable(ds.Problems, func(i, j int) bool {
		a, b := ds.Problems[i], ds.Problems[j]
		if a.File != b.File {
			return l.fileOrder(a.File) < l.fileOrder(b.File)
		}
		return a.Line < b.Line
	})
}

// article is the indefinite article before word: "an" before a vowel
// ("an OpportunityId", "an asset_id"), else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// fileOrder is the position of file f among the files read.
func (l *load) fileOrder(f string) int {
	for i, in := range l.ds.Inputs {
		if in.File == f {
			return i
		}
	}
	return len(l.ds.Inputs)
}

// closedBeforeCreated counts the won or lost opportunities whose closed_at
// comes before their created_at.
func closedBeforeCreated(opps []Opportunity) int {
	n := 0
	for _, o := range opps {
		if o.Status != Open && o.ClosedAt != NoTime && o.ClosedAt < o.CreatedAt {
			n++
		}
	}
	return n
}
