package loader

import (
	"reflect"
	"strings"
)

// sfTaskShape is the Task (or Event) object: completed ones are activities.
func sfTaskShape() shape {
	return shape{Name: "Salesforce Task", preset: "salesforce", kind: kindActivities, adapt: sfTasks, fields: []field{
		req("who", "WhoId", "Name ID", "Contact/Lead ID"),
		mark("subject", "Subject"),
		opt("completed", "CompletedDateTime", "Completed Date/Time"),
		opt("created_at", "CreatedDate", "Created Date"),
		opt("event_at", "ActivityDateTime", "Start Date Time"),
		opt("activity_date", "ActivityDate", "Due Date", "Date"),
		opt("type", "Type", "TaskSubtype", "Type__c", "Task Subtype"),
		opt("owner", "OwnerId", "Assigned", "Assigned To"),
		opt("status", "Status"),
		opt("is_closed", "IsClosed", "Closed"),
		opt("occurred_at"),
	}}
}

// sfTasks adapts a Task or Event file to activities: completed ones only,
// at their finest date.
func sfTasks(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(activityRow{})).names
	iLead, iAt := colOf(names, "lead_id"), colOf(names, "occurred_at")
	t := l.adaptRows(src, c, kindActivities, func(rec, out []string, t *table) bool {
		if closed, ok := boolOf(rec, c, "is_closed", t); ok && !closed || !ok && openTaskStatus(c.get(rec, "status")) {
			s.openTasks++
			return false
		}
		out[iLead] = s.personOf(c.get(rec, "who"))
		if c.has("occurred_at") {
			return true
		}
		for _, role := range []string{"completed", "created_at", "event_at"} {
			if v := c.get(rec, role); v != "" {
				out[iAt] = v
				return true
			}
		}
		if v := c.get(rec, "activity_date"); v != "" {
			out[iAt] = v
			s.dateOnly[src.File+": "+t.Raw[c["activity_date"]]] = true
		}
		return true
	})
	t.origin["lead_id"] = "WhoId"
	t.origin["occurred_at"] = "CompletedDateTime/CreatedDate"
	return t, nil
}

// openTaskStatus reports whether a task status says it has not been done.
func openTaskStatus(s string) bool {
	switch strings.ToLower(s) {
	case "not started", "in progress", "open", "waiting on someone else", "deferred":
		return true
	}
	return false
}
