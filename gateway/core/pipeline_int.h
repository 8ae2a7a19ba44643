/* pipeline_int.h: what the pipeline's files share (not for channels). */
#ifndef TALKA_PIPELINE_INT_H
#define TALKA_PIPELINE_INT_H

#include "db/inbound.h"
#include "db/plantings.h"
#include "db/volunteers.h"
#include "gateway/core/pipeline.h"
#include "gateway/core/replies.h"
#include "gateway/core/rules.h"

struct pipeline {
    struct app *app;
    struct rules rules;
    char key[256];          /* deployment secret: pseudonyms and planting uuids */
    size_t keylen;
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

/* "ozols 12 gab., liepa 3 gab." / "дуб 12 шт." / "12 pedunculate oak" */
void format_items(enum lang lang, const struct parse_item *items, int n, char *out, size_t len);
void format_plantings(const struct lexicon *lex, enum lang lang, const struct planting *pl, int n,
                      char *out, size_t len);
const char *species_name(const struct species *s, enum lang lang);
const char *place_name(const struct place *pl, enum lang lang);

bool handle_plant(struct job *j);
bool handle_cancel(struct job *j);
bool handle_delete(struct job *j);

/* ", Ilze" when the volunteer has a name, else "" */
void name_part(const struct volunteer *v, char *out, size_t len);

#endif
