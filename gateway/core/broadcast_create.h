/* broadcast_create.h: creating a broadcast, shared by `talka broadcast create`
 * and the staff command ZIŅA: resolve the segment, render and measure every copy
 * (recipients, segments, ETA), refuse copies over 2 segments unless forced, then
 * store it — recipients added in short chunks. */
#ifndef TALKA_BROADCAST_CREATE_H
#define TALKA_BROADCAST_CREATE_H

#include "db/db.h"
#include "gateway/base/lang.h"
#include "gateway/core/broadcast_eta.h"
#include "gateway/core/broadcast_render.h"
#include "gateway/core/broadcast_segment.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct broadcast_request {
    const char *segment;     /* as given */
    const char *text;        /* Latvian, and for everyone without a text in their language */
    const char *text_ru;     /* may be NULL: Russian-speaking volunteers get text */
    const char *text_en;     /* may be NULL */
    const char *name;        /* may be NULL */
    time_t send_at;          /* 0: now */
    bool force;              /* allow copies over 2 segments */
    const char *actor;       /* cli:<user>, sms:staff#N */
};

struct broadcast_plan {
    struct segment seg;
    struct broadcast_stats stats;
    struct broadcast_stats by_lang[LANG_COUNT];  /* copies per text: [0] Latvian (and fallbacks), ru, en */
    long opted_out;          /* file numbers of volunteers who opted out */
    time_t start;            /* max(now, send_at) */
    long eta_s;              /* from start */
    long per_min;            /* parts a minute over all modems */
};

enum { PLAN_OK = 0, PLAN_REFUSED = 1, PLAN_BAD = 2 };

/* Resolves and measures. PLAN_BAD: bad segment or text (err says why); PLAN_REFUSED:
 * copies over 2 segments without force, or a database error (err says which). */
int broadcast_plan(struct db *db, const struct lexicon *lex, const struct send_policy *pol,
                   const struct broadcast_request *req, time_t now, struct broadcast_plan *plan,
                   char *err, size_t errlen);
void broadcast_plan_free(struct broadcast_plan *plan);

/* Stores the planned broadcast. fill_now: add the recipients here (in chunks, each
 * its own transaction; the caller holds none); otherwise the broadcast service adds
 * them (only for segments other than file:, callable inside a transaction).
 * Returns the id, or 0 with a message in err. */
int64_t broadcast_commit(struct db *db, const struct broadcast_request *req,
                         struct broadcast_plan *plan, bool fill_now, time_t now, char *err,
                         size_t errlen);

/* "about 3 h 20 min at 20 parts/min over 2 modems" into out. */
void broadcast_plan_eta_text(const struct send_policy *pol, const struct broadcast_plan *plan,
                             char *out, size_t len);

#endif
