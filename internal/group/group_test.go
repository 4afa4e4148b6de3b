package group

import (
	"slices"
	"testing"
)

func TestBy(t *testing.T) {
	tests := []struct {
		name      string
		keys      []int32
		groups    int
		wantStart []int32
		wantOut   []int // item = position in keys
	}{
		{"empty", nil, 2, []int32{0, 0, 0}, []int{}},
		{"one group", []int32{0, 0, 0}, 1, []int32{0, 3}, []int{0, 1, 2}},
		{"shuffled, order kept within a key", []int32{2, 0, 2, 1, 0}, 3, []int32{0, 2, 3, 5}, []int{1, 4, 3, 0, 2}},
		{"an empty group in the middle", []int32{2, 0}, 3, []int32{0, 1, 1, 2}, []int{1, 0}},
	}
	for _, tc := range tests {
		each := func(emit func(int32, int)) {
			for i, k := range tc.keys {
				emit(k, i)
			}
		}
		start, out := By(tc.groups, nil, each)
		if !slices.Equal(start, tc.wantStart) || !slices.Equal(out, tc.wantOut) {
			t.Errorf("%s: start %v out %v, want %v %v", tc.name, start, out, tc.wantStart, tc.wantOut)
		}
	}
}

// TestByReusesBuffer: a large enough buffer is written in place.
func TestByReusesBuffer(t *testing.T) {
	buf := make([]string, 4)
	_, out := By(2, buf, func(emit func(int32, string)) { emit(1, "b"); emit(0, "a") })
	if &out[0] != &buf[0] || !slices.Equal(out, []string{"a", "b"}) {
		t.Errorf("out %v does not reuse the buffer", out)
	}
}
