/* broadcast_progress.c: where a broadcast stands (see broadcast_progress.h). */
#include "gateway/core/broadcast_progress.h"

#include <assert.h>
#include <string.h>

enum broadcast_progress broadcast_progress(const struct send_policy *pol,
                                           const struct broadcast_row *b,
                                           const struct broadcast_counts *c, time_t now,
                                           time_t *until)
{
    *until = 0;
    if (!strcmp(b->state, "cancelled"))
        return BP_CANCELLED;
    if (!strcmp(b->state, "preparing"))
        return BP_PREPARING;
    if (!strcmp(b->state, "scheduled") && b->send_at > now)
        return BP_SCHEDULED;
    /* released (done) with nothing left on its way */
    if (!strcmp(b->state, "done") && !c->queued && !c->sending)
        return BP_DONE;
    return send_in_quiet(pol, now, until) ? BP_PAUSED : BP_SENDING;
}

const char *broadcast_progress_name(enum broadcast_progress p)
{
    static const char *const names[] = {
        [BP_PREPARING] = "preparing", [BP_SCHEDULED] = "scheduled", [BP_SENDING] = "sending",
        [BP_PAUSED] = "paused", [BP_DONE] = "done", [BP_CANCELLED] = "cancelled",
    };
    assert((int)p >= 0 && (int)p < (int)(sizeof names / sizeof names[0]));
    return names[p];
}
