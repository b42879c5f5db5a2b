#ifndef ADLAW_CUCHARDET_SHIM_H
#define ADLAW_CUCHARDET_SHIM_H

// Character-set detection (libuchardet-dev), used only for files that are not UTF-8.
#include <uchardet/uchardet.h>

#endif
