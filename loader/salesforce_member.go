package loader

import (
	"reflect"
	"strings"
)

// sfMemberShape is the CampaignMember object: responded members are
// touches, unless --all-members.
func sfMemberShape() shape {
	return shape{Name: "Salesforce CampaignMember", preset: "salesforce", kind: kindTouches, adapt: sfMembers, fields: []field{
		req("campaign_id", "CampaignId", "Campaign ID"),
		mark("member", "LeadId", "ContactId", "LeadOrContactId", "Lead ID", "Contact ID"),
		req("responded", "HasResponded", "Responded"),
		opt("lead", "LeadId", "Lead ID"),
		opt("contact", "ContactId", "Contact ID"),
		opt("lead_or_contact", "LeadOrContactId"),
		opt("first_responded", "FirstRespondedDate", "First Responded Date"),
		opt("created_at", "CreatedDate", "Created Date", "Member First Associated Date"),
		opt("touched_at"),
	}}
}

// sfMembers adapts a CampaignMember file to touches: the member's lead or
// contact is the person, the response the instant.
func sfMembers(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(touchRow{})).names
	iLead, iAt := colOf(names, "lead_id"), colOf(names, "touched_at")
	t := l.adaptRows(src, c, kindTouches, func(rec, out []string, t *table) bool {
		responded, _ := boolOf(rec, c, "responded", t)
		if !responded && !l.opts.AllMembers {
			s.unresponded++
			return false
		}
		id := c.get(rec, "lead")
		if id == "" {
			id = c.get(rec, "contact")
		}
		if id == "" {
			id = c.get(rec, "lead_or_contact")
		}
		out[iLead] = s.personOf(id)
		if c.has("touched_at") {
			return true
		}
		// The response date is a date: the finer CreatedDate is used when it
		// falls on that day (or when the member has not responded).
		created, first := c.get(rec, "created_at"), c.get(rec, "first_responded")
		out[iAt] = created
		if responded && first != "" && (created == "" || !sameDay(created, first, l)) {
			out[iAt] = first
			s.dateOnly[src.File+": "+t.Raw[c["first_responded"]]] = true
		}
		return true
	})
	t.origin["lead_id"] = "LeadId/ContactId"
	if c.has("created_at") {
		t.origin["touched_at"] = strings.TrimSpace(src.Raw[c["created_at"]])
	} else if c.has("first_responded") {
		t.origin["touched_at"] = strings.TrimSpace(src.Raw[c["first_responded"]])
	}
	return t, nil
}

// sameDay reports whether timestamp a falls on date b (both as written).
func sameDay(a, b string, l *load) bool {
	ta, _, err1 := parseTimeAny(a, l.opts.Location, l.opts.DateOrder)
	tb, _, err2 := parseTimeAny(b, l.opts.Location, l.opts.DateOrder)
	return err1 == nil && err2 == nil && DayOf(ta, l.opts.Location) == DayOf(tb, l.opts.Location)
}
