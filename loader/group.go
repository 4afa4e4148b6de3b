package loader

import (
	"runtime"
	"slices"
	"sort"
	"sync"
)

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
	sub := func(first, last int) { // buckets [first, last)
		lo := 0
		if first > 0 {
			lo = end[first-1]
		}
		for _, hi := range end[first:last] {
			if hi-lo > 1 {
				radixByPerson(ts[lo:hi], shift-8)
			}
			lo = hi
		}
	}
	// The buckets are independent: large ones are sorted on every core.
	if len(ts) < 1<<16 {
		sub(0, 256)
		return
	}
	eachPart(append([]int32{0}, toInt32(end[:])...), func(lo, hi int) { sub(lo, hi) })
}

func toInt32(s []int) []int32 {
	out := make([]int32, len(s))
	for i, v := range s {
		out[i] = int32(v)
	}
	return out
}

// eachPart calls f on every core with parts [lo, hi) of the groups of
// start (group g holds start[g]:start[g+1]), of about equal size in items,
// and returns when all are done.
func eachPart(start []int32, f func(lo, hi int)) {
	groups := len(start) - 1
	parts := runtime.GOMAXPROCS(0)
	total := int(start[groups] - start[0])
	if parts == 1 || total < 1<<12 {
		f(0, groups)
		return
	}
	var wg sync.WaitGroup
	lo := 0
	for k := 1; k <= parts; k++ {
		hi := groups
		if k < parts {
			// the first group whose start reaches k/parts of the items
			target := start[0] + int32(total*k/parts)
			hi = max(lo, sort.Search(groups, func(g int) bool { return start[g] >= target }))
		}
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(lo, hi)
		lo = hi
	}
	wg.Wait()
}
