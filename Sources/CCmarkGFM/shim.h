#ifndef ADLAW_CCMARKGFM_SHIM_H
#define ADLAW_CCMARKGFM_SHIM_H

// GitHub-flavoured CommonMark (libcmark-gfm-dev + libcmark-gfm-extensions-dev). Never link
// plain cmark beside it: both export the same symbol names.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#endif
