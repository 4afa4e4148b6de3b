package loader

import (
	"os"
	"syscall"
	"unsafe"
)

// mapPopulate asks Linux to map a file's pages at once rather than fault
// them in one by one as they are first read.
const mapPopulate = syscall.MAP_POPULATE

// dropPages lets the kernel take back the whole pages of b, a part of a
// mapping read and done with: the process's resident memory shrinks as a
// file is read, and a page read again comes back from the file.
func dropPages(b []byte) {
	if len(b) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start, end := (lo+page-1)&^(page-1), (lo+uintptr(len(b)))&^(page-1)
	if end <= start {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, syscall.MADV_DONTNEED)
}
