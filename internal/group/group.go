// Package group gathers items by a small integer key with a counting sort:
// count the items of each key, prefix-sum the counts into segment starts,
// scatter the items into their segments. Items keep their order within a
// key, and the scatter reads its input once, in order, so it stays fast on
// input in any order (no cache-hostile in-place permutation).
package group

// By groups the items that each emits: each is called twice (a counting
// pass and a scatter pass) and must emit the same (key, item) pairs in the
// same order both times, with keys in [0, groups). The items of key k are
// out[start[k]:start[k+1]], in emission order. out reuses buf when it is
// large enough.
func By[T any](groups int, buf []T, each func(emit func(key int32, item T))) (start []int32, out []T) {
	start = make([]int32, groups+1)
	each(func(k int32, _ T) { start[k+1]++ })
	for g := 1; g <= groups; g++ {
		start[g] += start[g-1]
	}
	total := int(start[groups])
	if cap(buf) >= total {
		out = buf[:total]
	} else {
		out = make([]T, total)
	}
	next := make([]int32, groups)
	copy(next, start[:groups])
	each(func(k int32, item T) {
		out[next[k]] = item
		next[k]++
	})
	return start, out
}
