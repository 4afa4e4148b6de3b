//go:build unix && !linux

package loader

// mapPopulate: only Linux maps a file's pages ahead (see mmap_linux.go).
const mapPopulate = 0

// dropPages does nothing here (see mmap_linux.go).
func dropPages(b []byte) {}
