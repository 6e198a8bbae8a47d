#define _GNU_SOURCE
#include "CEditLine.h"
