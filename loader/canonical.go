package loader

import (
	"fmt"
	"strings"
)

// The canonical file names, in the order they are read and listed.
const (
	CampaignsFile     = "campaigns.csv"
	AssetsFile        = "assets.csv"
	LeadsFile         = "leads.csv"
	TouchesFile       = "touches.csv"
	ActivitiesFile    = "activities.csv"
	OpportunitiesFile = "opportunities.csv"
	ContactsFile      = "opportunity_contacts.csv"
)

func parseOrigin(v string) Origin {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return OriginNone
	case "marketing":
		return OriginMarketing
	case "sales":
		return OriginSales
	case "partner":
		return OriginPartner
	}
	return OriginOther
}

func (l *load) noteColumns(file string, header []string, all []string) {
	for _, h := range header {
		for _, c := range all {
			if h == c {
				l.ds.HasColumn[file+"."+c] = true
			}
		}
	}
}

// columnsHook notes the optional columns of a canonical file that the file
// being read carries (for an export, those its adapter could fill).
func (l *load) columnsHook(file string, t any) func([]string) {
	names := columnsOfValue(t)
	return func(h []string) {
		if l.cur != nil && l.cur.adapted {
			var fed []string
			for _, n := range h {
				if _, ok := l.cur.origin[n]; ok {
					fed = append(fed, n)
				}
			}
			h = fed
		}
		l.noteColumns(file, h, names)
	}
}

func (l *load) readCampaigns(t *table, in *Input) error {
	ids := &l.ds.CampaignIDs
	return readSmall(t, l.columnsHook(CampaignsFile, campaignRow{}), func(c *campaignRow, line int) {
		rw := l.row(in, line)
		id := rw.required("campaign_id", c.CampaignID)
		name := rw.text(rw.required("name", c.Name))
		channel := strings.ToLower(rw.text(rw.required("channel", c.Channel)))
		start, end := rw.day("start_date", c.StartDate), rw.day("end_date", c.EndDate)
		cost := 0.0
		if v := strings.TrimSpace(c.Cost); v != "" {
			cost = rw.amount("cost", v, false)
		}
		if !rw.bad && start != NoDay && end != NoDay && end < start {
			rw.skip("end_date", fmt.Sprintf("end_date %s is before start_date %s", FormatDay(end), FormatDay(start)))
		}
		rw.unique("campaign_id", id, ids)
		if rw.bad {
			return
		}
		ids.Intern(id)
		l.ds.Campaigns = append(l.ds.Campaigns, Campaign{Name: name, Channel: channel, Start: start, End: end, Cost: cost, Known: true})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readAssets(t *table, in *Input) error {
	ids := &l.ds.AssetIDs
	return readSmall(t, nil, func(a *assetRow, line int) {
		rw := l.row(in, line)
		id := rw.required("asset_id", a.AssetID)
		typ := strings.ToLower(rw.text(rw.required("asset_type", a.AssetType)))
		rw.unique("asset_id", id, ids)
		if rw.bad {
			return
		}
		ids.Intern(id)
		l.ds.Assets = append(l.ds.Assets, Asset{Name: rw.text(a.Name), Type: typ, Known: true})
	}, (&row{l: l, in: in}).syntax)
}

// leadVals is a lead row checked and typed, but for its labels (their
// texts, trimmed and masked, are interned when the lead is added).
type leadVals struct {
	id                    string
	created, mql, sql, dq Time
	origin                Origin
	// owner, region, industry, source, account, reason
	labels [6]string
}

func (l *load) readLeads(t *table, in *Input) error {
	people := &l.ds.People
	people.Grow(t.estRows)
	if l.ds.Leads == nil {
		l.ds.Leads = make([]Lead, 0, t.estRows)
	}
	// A CRM export without a creation date gives people, none created
	// (SPEC 11); its adapter says so in a note.
	_, fed := t.origin["created_at"]
	noCreated := t.adapted && !fed
	// head checks the id and creation date, rest the other values, in the
	// order their problems are reported (a duplicate id between them).
	head := func(rw *row, v *leadRow) leadVals {
		r := leadVals{id: rw.required("lead_id", v.LeadID), created: NoTime}
		if !noCreated {
			r.created = rw.time("created_at", v.CreatedAt, true)
		}
		return r
	}
	rest := func(rw *row, v *leadRow, r *leadVals) {
		r.mql = rw.time("mql_at", v.MQLAt, false)
		r.sql = rw.time("sql_at", v.SQLAt, false)
		r.dq = rw.time("disqualified_at", v.DisqualifiedAt, false)
		for i, s := range [6]string{v.Owner, v.Region, v.Industry, v.Source, v.AccountID, v.DisqualifyReason} {
			if s != "" {
				r.labels[i] = rw.text(s)
			}
		}
		r.origin = parseOrigin(v.Origin)
	}
	// add adds a lead whose id was just interned.
	add := func(r *leadVals) {
		var labels [6]Label
		for i, s := range r.labels {
			if s != "" {
				labels[i] = l.ds.Labels.Intern(s)
			}
		}
		l.ds.Leads = append(l.ds.Leads, Lead{
			CreatedAt: r.created, MQLAt: r.mql, SQLAt: r.sql, DisqualifiedAt: r.dq,
			Owner: labels[0], Region: labels[1], Industry: labels[2], Source: labels[3], Account: labels[4], Reason: labels[5],
			Origin: r.origin, Known: true,
		})
		l.known = append(l.known, true)
	}
	convert := func(v *leadRow, r *leadVals) bool {
		rw := row{l: l, dry: true}
		*r = head(&rw, v)
		rest(&rw, v, r)
		return !rw.bad
	}
	apply := func(r *leadVals, line int) {
		rw := l.row(in, line)
		if _, added := people.internNew(r.id); !added {
			rw.duplicate("lead_id", r.id)
			return
		}
		add(r)
	}
	// The merger reads the slots of the next ids, and labels (account ids
	// are many), at once: a shuffled file's ids fall anywhere in a table.
	ahead := func(rs []leadVals) (sink uint8) {
		for i := range rs {
			sink ^= people.touch(rs[i].id)
			for _, s := range rs[i].labels {
				if s != "" {
					sink ^= l.ds.Labels.touch(s)
				}
			}
		}
		return sink
	}
	fs := &chunkFuncs[leadRow, leadVals]{convert: convert, ahead: ahead, apply: apply}
	return readLargeChunked(t, l.columnsHook(LeadsFile, leadRow{}), fs, func(v *leadRow, line int) {
		rw := l.row(in, line)
		r := head(&rw, v)
		rw.unique("lead_id", r.id, people)
		if rw.bad {
			return
		}
		rest(&rw, v, &r)
		people.Intern(r.id)
		add(&r)
	}, (&row{l: l, in: in}).syntax)
}

// touchVals is a touch row checked and typed; an id is NoID when it is to
// be looked up by its name.
type touchVals struct {
	leadRef
	at              Time
	campaign, asset ID
	campaignID, aid string
}

// leadRef is a row's lead_id (id) and, once a worker found it, its person
// (lead, else NoID) and whether that person is not in leads.csv (dangles).
type leadRef struct {
	id      string
	lead    ID
	dangles bool
}

// resolveLeads looks the lead ids of a chunk's rows up in the frozen
// people, sixteen at a time (Interner.peekAll); ref gives a row's leadRef.
func resolveLeads[R any](people *Interner, known []bool, ref func(*R) *leadRef) func([]R) uint8 {
	return func(rs []R) uint8 {
		return people.peekAll(len(rs), func(i int) string { return ref(&rs[i]).id }, func(i int, p ID) {
			r := ref(&rs[i])
			r.lead, r.dangles = p, p != NoID && !known[p]
		})
	}
}

// touchValues checks and types a touch row.
func touchValues(rw *row, v *touchRow) touchVals {
	return touchVals{
		leadRef:    leadRef{id: rw.required("lead_id", v.LeadID), lead: NoID},
		campaignID: rw.required("campaign_id", v.CampaignID),
		at:         rw.time("touched_at", v.TouchedAt, true),
		aid:        strings.TrimSpace(v.AssetID),
		campaign:   NoID, asset: NoID,
	}
}

func (l *load) readTouches(tab *table, in *Input) error {
	var lastCampaign string
	var lastCampaignID ID = NoID
	// add adds a checked touch.
	add := func(r *touchVals, line int) {
		t := Touch{At: r.at, Lead: l.personFound(&r.leadRef, in.File, line), Asset: NoID}
		switch c := r.campaign; {
		case c == NoID && r.campaignID == lastCampaign && lastCampaignID != NoID:
			t.Campaign = lastCampaignID
		default:
			if c == NoID {
				c = l.ds.CampaignIDs.Intern(r.campaignID)
				lastCampaign, lastCampaignID = r.campaignID, c
			}
			if int(c) == len(l.ds.Campaigns) {
				l.ds.Campaigns = append(l.ds.Campaigns, Campaign{Start: NoDay, End: NoDay})
			}
			t.Campaign = c
		}
		if !l.ds.Campaigns[t.Campaign].Known && l.ds.Files.Campaigns {
			l.dangle(in.File, "campaign_id", line)
		}
		if r.aid != "" {
			t.Asset = r.asset
			if t.Asset == NoID {
				t.Asset = l.ds.AssetIDs.Intern(r.aid)
			}
			if int(t.Asset) == len(l.ds.Assets) {
				l.ds.Assets = append(l.ds.Assets, Asset{})
			}
			if !l.ds.Assets[t.Asset].Known && l.ds.Files.Assets {
				l.dangle(in.File, "asset_id", line)
			}
		}
		if l.rawTouches == nil {
			if l.touchBuf != nil {
				l.rawTouches, l.touchBuf = <-l.touchBuf, nil
			} else {
				l.rawTouches = make([]Touch, 0, tab.estRows)
			}
		}
		t.row = int32(len(l.rawTouches))
		l.rawTouches = append(l.rawTouches, t)
	}
	ds := l.ds
	frozen := []*Interner{&ds.People, &ds.CampaignIDs, &ds.AssetIDs}
	convert := func(v *touchRow, r *touchVals) bool {
		rw := row{l: l, dry: true}
		*r = touchValues(&rw, v)
		if rw.bad {
			return false
		}
		r.campaign = ds.CampaignIDs.peek(r.campaignID)
		if r.aid != "" {
			r.asset = ds.AssetIDs.peek(r.aid)
		}
		return true
	}
	known := l.known // read-only while the file is read
	resolve := resolveLeads(&ds.People, known, func(r *touchVals) *leadRef { return &r.leadRef })
	apply := func(r *touchVals, line int) {
		l.row(in, line)
		add(r, line)
	}
	release := func() {
		l.forgetPerson()
		lastCampaign, lastCampaignID = "", NoID
	}
	fs := &chunkFuncs[touchRow, touchVals]{frozen: frozen, convert: convert, resolve: resolve, apply: apply, release: release}
	return readLargeChunked(tab, l.columnsHook(TouchesFile, touchRow{}), fs, func(v *touchRow, line int) {
		rw := l.row(in, line)
		r := touchValues(&rw, v)
		if rw.bad {
			return
		}
		add(&r, line)
	}, (&row{l: l, in: in}).syntax)
}

// personFound returns the person of a row's lead_id: the one a worker
// found (noting it when it is not in leads.csv), else looked up by id as a
// sequential read does.
func (l *load) personFound(r *leadRef, file string, line int) ID {
	if r.lead == NoID {
		return l.person(r.id, file, "lead_id", line)
	}
	if r.dangles {
		l.dangle(file, "lead_id", line)
	}
	return r.lead
}

// actVals is an activity row checked and typed.
type actVals struct {
	leadRef
	at Time
}

func actValues(rw *row, v *activityRow) actVals {
	return actVals{leadRef: leadRef{id: rw.required("lead_id", v.LeadID), lead: NoID}, at: rw.time("occurred_at", v.OccurredAt, true)}
}

func (l *load) readActivities(t *table, in *Input) error {
	if l.rawActs == nil {
		l.rawActs = make([]activity, 0, t.estRows)
	}
	add := func(r *actVals, line int) {
		l.rawActs = append(l.rawActs, activity{At: r.at, Lead: l.personFound(&r.leadRef, in.File, line)})
	}
	people := &l.ds.People
	convert := func(v *activityRow, r *actVals) bool {
		rw := row{l: l, dry: true}
		*r = actValues(&rw, v)
		return !rw.bad
	}
	known := l.known // read-only while the file is read
	resolve := resolveLeads(people, known, func(r *actVals) *leadRef { return &r.leadRef })
	apply := func(r *actVals, line int) {
		l.row(in, line)
		add(r, line)
	}
	fs := &chunkFuncs[activityRow, actVals]{frozen: []*Interner{people}, convert: convert, resolve: resolve, apply: apply, release: l.forgetPerson}
	return readLargeChunked(t, nil, fs, func(v *activityRow, line int) {
		rw := l.row(in, line)
		r := actValues(&rw, v)
		if rw.bad {
			return
		}
		add(&r, line)
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readOpportunities(t *table, in *Input) error {
	ids := &l.ds.OpportunityIDs
	return readSmall(t, l.columnsHook(OpportunitiesFile, opportunityRow{}), func(v *opportunityRow, line int) {
		rw := l.row(in, line)
		id := rw.required("opportunity_id", v.OpportunityID)
		created := rw.time("created_at", v.CreatedAt, true)
		amountText := rw.required("amount", v.Amount)
		amount := 0.0
		if !rw.bad {
			amount = rw.amount("amount", amountText, true)
		}
		var status Status
		switch s := strings.ToLower(rw.required("status", v.Status)); s {
		case "open":
			status = Open
		case "won":
			status = Won
		case "lost":
			status = Lost
		case "":
		default:
			rw.skip("status", rw.quote(s)+" is not open, won or lost")
		}
		closedRequired := !rw.bad && status != Open
		var closed Time = NoTime
		if closedRequired && strings.TrimSpace(v.ClosedAt) == "" {
			rw.skip("closed_at", "missing for a "+status.String()+" opportunity")
		} else {
			closed = rw.time("closed_at", v.ClosedAt, closedRequired)
		}
		rw.unique("opportunity_id", id, ids)
		if rw.bad {
			return
		}
		o := Opportunity{
			CreatedAt: created, ClosedAt: closed, Amount: amount, Status: status,
			Lead: NoID, Origin: parseOrigin(v.Origin),
			Owner: rw.label(v.Owner), Account: rw.label(v.AccountID), Stage: rw.label(v.Stage),
			Name: rw.label(v.Name), AccountName: rw.label(v.AccountName),
		}
		if lead := strings.TrimSpace(v.LeadID); lead != "" {
			o.Lead = l.person(lead, in.File, "lead_id", line)
		}
		ids.Intern(id)
		l.ds.Opportunities = append(l.ds.Opportunities, o)
		l.oppAt = append(l.oppAt, fileLine{in.File, line})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readContacts(t *table, in *Input) error {
	for len(l.oppLeads) < len(l.ds.Opportunities) {
		l.oppLeads = append(l.oppLeads, nil)
	}
	return readSmall(t, nil, func(v *contactRow, line int) {
		rw := l.row(in, line)
		opp := rw.required("opportunity_id", v.OpportunityID)
		lead := rw.required("lead_id", v.LeadID)
		if rw.bad {
			return
		}
		o, ok := l.ds.OpportunityIDs.Lookup(opp)
		if !ok {
			l.dangle(in.File, "opportunity_id", line)
			return
		}
		l.oppLeads[o] = append(l.oppLeads[o], l.person(lead, in.File, "lead_id", line))
	}, (&row{l: l, in: in}).syntax)
}
