package loader

import (
	"sort"
	"strings"
	"time"
)

// OpportunityHistory: one row per change of an opportunity's stage, dated
// by the row's CreatedDate. With it in the folder, a won or lost
// opportunity is closed when it entered its final closed stage (the first
// row of the last run of rows at a stage of its status), not at CloseDate,
// which reps set by hand and often leave at the expected date. An
// opportunity the history does not show closing keeps CloseDate.

// stageChange is one row of the history.
type stageChange struct {
	at    Time
	stage string
	row   int
}

func sfHistoryShape() shape {
	return shape{Name: "Salesforce OpportunityHistory", preset: "salesforce", kind: kindOpportunities, lookup: sfHistory, fields: []field{
		req("opportunity_id", "OpportunityId", "Opportunity ID"),
		req("stage", "StageName", "Stage", "To Stage"),
		req("changed_at", "CreatedDate", "Created Date", "Last Modified", "Edit Date"),
		mark("history", "ForecastCategory", "Probability", "ExpectedRevenue", "OpportunityHistoryKey", "SystemModstamp", "From Stage", "To Stage"),
	}}
}

// sfHistory reads the stage changes of each opportunity.
func sfHistory(l *load, t *table, c cols, in *Input) (string, error) {
	s := l.sf()
	s.historyFile = t.File
	err := t.records(func(rec []string, line int) {
		in.Rows++
		id, stage, at := c.get(rec, "opportunity_id"), c.get(rec, "stage"), c.get(rec, "changed_at")
		tm, _, perr := parseTimeAny(at, l.opts.Location, l.opts.DateOrder)
		if id == "" || stage == "" || perr != nil {
			in.Skipped++
			l.problem(in.File, line, strings.TrimSpace(t.Raw[c["changed_at"]]), "a stage change without an opportunity, a stage or a date", true)
			return
		}
		s.history[id] = append(s.history[id], stageChange{at: tm, stage: stage, row: line})
	}, l.lookupSyntax(in))
	for _, ch := range s.history {
		sort.SliceStable(ch, func(i, j int) bool { return ch[i].at < ch[j].at })
	}
	return "the dates opportunities entered their closed stage", err
}

// stageStatus is the status a stage name implies: won, lost, or open.
// "Closed Won", HubSpot's internal "closedwon", and a label with its
// pipeline ("Closed won (Partner pipeline)") are won.
func stageStatus(stage string) string {
	name, _, _ := strings.Cut(stage, " (")
	switch strings.ToLower(strings.ReplaceAll(name, " ", "")) {
	case "closedwon", "won":
		return "won"
	case "closedlost", "lost":
		return "lost"
	}
	return "open"
}

// closedFromHistory returns when opportunity id entered its final closed
// stage of status, as text for the canonical reader; "" when the history
// does not show it.
func (s *sfState) closedFromHistory(id, status string) string {
	ch := s.history[id]
	i := len(ch) - 1
	for i >= 0 && stageStatus(ch[i].stage) != status {
		i--
	}
	if i < 0 {
		return ""
	}
	for i > 0 && stageStatus(ch[i-1].stage) == status {
		i--
	}
	s.fromHistory++
	return FormatTime(ch[i].at, time.UTC)
}
