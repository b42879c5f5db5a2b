#ifndef ADLAW_CGUMBO_SHIM_H
#define ADLAW_CGUMBO_SHIM_H

// The HTML5 parser (libgumbo-dev): text nodes and attribute values carry byte offsets.
#include <gumbo.h>

// The default options are a C global; a function keeps Swift 6 concurrency checking quiet.
static inline GumboOptions adlaw_gumbo_default_options(void) { return kGumboDefaultOptions; }

#endif
