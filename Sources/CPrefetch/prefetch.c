// A C target is built from its sources: the header's inline function is the whole of this one.
#include "CPrefetch.h"
