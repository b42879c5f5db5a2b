#ifndef ADLAW_CZLIBINFLATE_SHIM_H
#define ADLAW_CZLIBINFLATE_SHIM_H

// zlib, for inflating Office parts from their own compressed bytes (OOXMLPackage). Declared
// here rather than borrowed from ZIPFoundation's internal CZlib module, which this package
// does not depend on by name and which could change under it.
#include <zlib.h>

#endif
