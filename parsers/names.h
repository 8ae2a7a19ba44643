/* names.h: the names of the public enums (names.c), as the JSON and replies
 * spell them. */
#ifndef TALKA_PARSERS_NAMES_H
#define TALKA_PARSERS_NAMES_H

#include "gateway/base/lang.h"   /* lang_code */
#include "parsers/parse.h"

const char *command_name(enum command c);  /* "plant", "points", ... */

#endif
