/* job.h: one text being handled inside the pipeline's transaction, and the
 * pipeline's own state; shared by the pipeline's files (pipeline.c,
 * pipeline_plant.c, review.c), not by channels. */
#ifndef TALKA_JOB_H
#define TALKA_JOB_H

#include "db/inbound.h"
#include "db/plantings.h"
#include "db/volunteers.h"
#include "gateway/core/app.h"
#include "gateway/core/pipeline_types.h"
#include "gateway/core/replies.h"
#include "gateway/core/rules.h"

struct pipeline {
    struct app *app;
    struct rules rules;
    char key[256];          /* deployment secret: pseudonyms and planting uuids */
    size_t keylen;
    pipeline_staff_fn staff; /* staff commands, registered by the wiring; may be NULL */
};

/* One text being handled, inside the pipeline's transaction. */
struct job {
    struct pipeline *p;
    struct db *db;
    unsigned flags;
    time_t now;
    struct inbound_row row;
    char e164[32];
    struct volunteer vol;
    enum lang lang;
    struct parse_result pr;
    struct pipeline_outcome *out;
};

/* Renders reply key in the job's language into out->reply (reply_due set). */
void job_reply(struct job *j, const char *key, const struct reply_var *vars, int nvars);

/* The points balance of volunteer_id as text into buf; false when it could not be
 * read (the caller fails the job: a reply never shows a guessed figure). */
bool points_text(struct db *db, int64_t volunteer_id, char *buf, size_t len);

/* ", Ilze" when the volunteer has a name, else "" */
void name_part(const struct volunteer *v, char *out, size_t len);

#endif
