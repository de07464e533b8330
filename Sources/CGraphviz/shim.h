#ifndef FUNDFLOW_CGRAPHVIZ_SHIM_H
#define FUNDFLOW_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Swift 6 rejects mutable C globals such as Agdirected as not concurrency-safe: read them here.
static inline Agdesc_t ff_agdirected(void) { return Agdirected; }
static inline Agdesc_t ff_agstrictdirected(void) { return Agstrictdirected; }

// aghead and agtail are macros: give Swift functions.
static inline Agnode_t *ff_aghead(Agedge_t *e) { return aghead(e); }
static inline Agnode_t *ff_agtail(Agedge_t *e) { return agtail(e); }

#endif
