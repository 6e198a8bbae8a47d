#ifndef CEDITLINE_H
#define CEDITLINE_H
#include <stdio.h>
#include <histedit.h>
// Non-variadic wrappers over libedit's el_set/el_get/history (Swift cannot call variadics).
#endif
