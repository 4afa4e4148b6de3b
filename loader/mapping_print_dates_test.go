package loader

import (
	"strings"
	"testing"
)

func TestDateHeader(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"CloseDate", true},
		{"Opp Creation Date_Simulated", true},
		{"first_contact_date", true},
		{"created_at", true},
		{"Created", true},
		{"Added_Date__c", true},
		{"Birthdate", true},
		{"Dates", true},
		{"Receive More Updates About Our Courses", false},
		{"Update me on Supply Chain Content", false},
		{"Get updates on DM Content", false},
		{"Candidate", false},
		{"Lead Source", false},
		{"at", false},
		{"Total Time Spent on Website", false},
	}
	for _, tt := range tests {
		if got := dateHeader(tt.header); got != tt.want {
			t.Errorf("dateHeader(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestWriteOtherDatesSkipsUpdates(t *testing.T) {
	var b strings.Builder
	writeOtherDates(&b, []string{"Prospect ID", "Receive More Updates About Our Courses", "Opp Creation Date_Simulated", "LastModifiedById"}, cols{})
	want := "      # other date columns, unused: \"Opp Creation Date_Simulated\"\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
