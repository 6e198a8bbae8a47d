#define _GNU_SOURCE
#include "CProcess.h"
