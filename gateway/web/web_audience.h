/* web_audience.h: who a reminder goes to, on the Atgādinājumi page: the controls
 * (municipalities from the places list, several at once; a language; reported
 * since a date; the segment language as an advanced field), the segment spec
 * they make (every one of them AND-ed, gateway/core/broadcast_segment.h), the
 * live count of recipients, and an audience said in the page's language. */
#ifndef TALKA_WEB_AUDIENCE_H
#define TALKA_WEB_AUDIENCE_H

#include "db/broadcast.h"
#include "gateway/core/broadcast_segment.h"
#include "gateway/web/web_request.h"

#include <stdbool.h>
#include <stddef.h>

/* The audience fieldset, with the form's values kept. */
void audience_controls(struct web_req *rq);
/* Hidden fields carrying the audience to the next form. */
void audience_hidden(struct web_req *rq);

/* The spec the controls name; false with a message in the page's language. */
bool audience_spec_of(struct web_req *rq, char *spec, size_t len, char *err, size_t errlen);
/* segment_parse's refusal in the page's language. */
void audience_error(const struct web_req *rq, const struct segment *s, char *err, size_t errlen);

/* A stored broadcast's audience in the page's language, escaped into the page. */
void audience_say(struct web_req *rq, const struct broadcast_row *b);

/* The recipients the form's audience names now, as JSON for the live count:
 * {"recipients":N,"lv":N,"ru":N,"en":N} or {"error":"..."} (new reference). */
struct json_t;
struct json_t *audience_count(struct web_req *rq);

#endif
