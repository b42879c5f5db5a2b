#ifndef ADLAW_CMALLOC_SHIM_H
#define ADLAW_CMALLOC_SHIM_H

// glibc's malloc tuning (`mallopt`), which the Glibc module does not export. Only the command
// line uses it (AdlawCommandLine.prepare); elsewhere the header declares nothing.
#if defined(__GLIBC__) || (defined(__linux__) && __has_include(<malloc.h>))
#include <malloc.h>
#endif

#endif
