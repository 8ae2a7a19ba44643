/* askback.h: ask back instead of refusing (askback.c). A report with one part
 * only guessed (the parser's confirm: a species or place beyond the silent typo
 * distance, a range, a place in several municipalities), a first report with
 * a count above [rules] ask_first_count, or a report missing one part is kept
 * as a question; JĀ / NĒ / a digit / a name / a count / the missing part within
 * 30 minutes answers it (docs/sms-language.md, "Conversation"). Part of the pipeline: runs inside its
 * transaction on the job being handled. */
#ifndef TALKA_ASKBACK_H
#define TALKA_ASKBACK_H

#include "gateway/core/job.h"

#include <stdbool.h>

/* How long a question waits for its answer. */
#define ASKBACK_SECONDS (30 * 60)

/* Before the command: an answer to the question waiting (JĀ, NĒ, a digit, a
 * name of a choice, a count for a range, the missing part of a half-report) is
 * handled here (*done set); a report ends a question still waiting. False on a
 * database error. */
bool askback_before(struct job *j, bool *done);

/* Does a question wait for the volunteer's answer (not yet out of time)? False
 * on a database error. */
bool askback_live(struct job *j, bool *live);

/* A report the parser wants confirmed (j->pr.confirm), or a first report with a
 * count above [rules] ask_first_count (*asked tells): stored as a question and
 * answered with it. False on a database error. */
bool askback_maybe_ask(struct job *j, bool *asked);

#endif
