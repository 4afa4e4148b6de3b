package humanize

import "testing"

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Count(0), "0"}, {Count(999), "999"}, {Count(1000), "1,000"}, {Count(-1234567), "-1,234,567"},
		{Money(1234.5), "$1,235"}, {Money(-0.4), "$0"}, {Money(-12.5), "-$13"},
		{MoneyShort(950), "$950"}, {MoneyShort(12_345), "$12k"}, {MoneyShort(1_250_000), "$1.3M"}, {MoneyShort(2_000_000), "$2M"}, {MoneyShort(3.2e9), "$3.2B"},
		{Percent(0), "0%"}, {Percent(0.3125), "31%"}, {Percent(0.042), "4.2%"}, {Percent(0.0035), "0.35%"}, {Percent(1), "100%"},
		{SignedPercent(0.12), "+12%"}, {SignedPercent(-0.035), "-3.5%"},
		{Multiple(2.96), "3x"}, {Multiple(2.44), "2.4x"},
		{Duration(0.5), "30 s"}, {Duration(4), "4 min"}, {Duration(150), "2.5 h"}, {Duration(4320), "3 days"},
		{Duration(-79.68 * 1440), "-79.7 days"}, {Duration(-4), "-4 min"},
		{Plural(1, "deal", "deals"), "1 deal"}, {Plural(1200, "deal", "deals"), "1,200 deals"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}
