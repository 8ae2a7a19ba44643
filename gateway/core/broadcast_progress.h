/* broadcast_progress.h: where a broadcast stands, as staff are told it (by the
 * CLI, the dashboard and the staff console's ZIŅA STATUSS), decided in one
 * place (broadcast_progress.c) from its stored state, its outbound copies and
 * the send policy's quiet hours. */
#ifndef TALKA_BROADCAST_PROGRESS_H
#define TALKA_BROADCAST_PROGRESS_H

#include "db/broadcast.h"
#include "gateway/core/send_policy.h"

#include <time.h>

enum broadcast_progress {
    BP_PREPARING = 0,  /* recipients being added */
    BP_SCHEDULED,      /* waiting for its send_at */
    BP_SENDING,        /* copies released or on their way */
    BP_PAUSED,         /* would be sending, but quiet hours hold it until *until */
    BP_DONE,           /* every copy sent or given up on */
    BP_CANCELLED,
};

/* b's progress at now; *until is set for BP_PAUSED (the end of quiet hours). */
enum broadcast_progress broadcast_progress(const struct send_policy *pol,
                                           const struct broadcast_row *b,
                                           const struct broadcast_counts *c, time_t now,
                                           time_t *until);

/* "preparing", "scheduled", "sending", "paused", "done", "cancelled". */
const char *broadcast_progress_name(enum broadcast_progress p);

#endif
