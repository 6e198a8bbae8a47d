#include "CProcess.h"

#include <malloc.h>

int cproc_set_heap_growth_padding(int bytes) { return mallopt(M_TOP_PAD, bytes); }
