// The scan is header-only (static inline, so Swift inlines it); this file gives the target a
// translation unit to build.
#include "byte_scan.h"
