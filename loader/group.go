package loader

import "slices"

// groupByPerson orders touches by person in place and returns where each
// of the n people's touches start (start[p]:start[p+1]); the order within
// a person is left to the caller (Touch.row keeps file order). It is an
// in-place most-significant-digit radix sort on the person id, a byte at a
// time: each pass moves items between at most 256 buckets, whose write
// heads advance sequentially, so it stays cache-friendly on rows in any
// order, and it needs no second copy of ten million touches.
func groupByPerson(touches []Touch, n int) []int32 {
	shift := 0
	for (n-1)>>shift > 255 {
		shift += 8
	}
	radixByPerson(touches, shift)
	start := make([]int32, n+1)
	for _, t := range touches {
		start[t.Lead+1]++
	}
	for p := 1; p <= n; p++ {
		start[p] += start[p-1]
	}
	return start
}

// radixByPerson sorts ts by Lead, looking at the bits from shift up (the
// higher ones are equal within ts).
func radixByPerson(ts []Touch, shift int) {
	if len(ts) <= 32 {
		slices.SortFunc(ts, func(a, b Touch) int { return int(a.Lead - b.Lead) })
		return
	}
	var count [256]int
	for i := range ts {
		count[ts[i].Lead>>shift&255]++
	}
	var head, end [256]int
	sum := 0
	for d, c := range count {
		head[d] = sum
		sum += c
		end[d] = sum
	}
	for d := range 256 {
		for head[d] < end[d] {
			t := ts[head[d]]
			for k := int(t.Lead >> shift & 255); k != d; k = int(t.Lead >> shift & 255) {
				t, ts[head[k]] = ts[head[k]], t
				head[k]++
			}
			ts[head[d]] = t
			head[d]++
		}
	}
	if shift == 0 {
		return
	}
	lo := 0
	for _, hi := range end {
		if hi-lo > 1 {
			radixByPerson(ts[lo:hi], shift-8)
		}
		lo = hi
	}
}
