package loader

import "syscall"

// mapPopulate asks Linux to map a file's pages at once rather than fault
// them in one by one as they are first read.
const mapPopulate = syscall.MAP_POPULATE
