/* requests.h: everyday requests in plain words (requests.c): "nesūtiet man vairs
 * ziņas" (stop), "delete my data" (the erasure question), "kā pierakstīties?"
 * (help), "Paldies!" (thanks), and "Mans vārds ir …" (the name). */
#ifndef TALKA_PARSERS_REQUESTS_H
#define TALKA_PARSERS_REQUESTS_H

#include "parsers/reading.h"

/* The command the words of c from token i mean as an everyday request: CMD_STOP,
 * CMD_DELETE (asks, never confirms), CMD_HELP, CMD_THANKS (thanks or goodbye, with
 * at most a signed name: text is the original, or NULL), or CMD_UNKNOWN when they
 * are none. The caller checks first that the text holds no count. */
enum command pz_everyday_request(const struct reading *c, int i, const char *text);

/* "Mans vārds ir", "Меня зовут", "My name is" (and "Es esmu Ilze", "I am John"
 * when only a capitalised name of one to three words follows) at token i of c
 * (text is the original): the token the name starts at (tk->n when the phrase
 * ends the text), or -1 when no such phrase starts there. */
int pz_name_phrase(const struct reading *c, int i, const char *text);

#endif
