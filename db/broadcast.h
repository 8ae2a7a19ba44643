/* broadcast.h: the broadcast tables (005_broadcast): broadcasts, their recipients
 * (each at most once), the segment conditions as SQL, filling recipients in short
 * chunks, reading pending ones for release, and progress counts. */
#ifndef TALKA_DB_BROADCAST_H
#define TALKA_DB_BROADCAST_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct broadcast_row {
    int64_t id;
    char name[128];
    char segment[512];
    char seg_kind[16];      /* all | municipality | active | inactive | species | file */
    char seg_value[256];    /* municipality, species id, or epoch seconds */
    char seg_munis[2048];   /* filters (021): JSON array of municipalities, "" none */
    char seg_lang[4];       /* "" any */
    int64_t seg_since;      /* 0: none */
    char text[1600];        /* Latvian: everyone without a text in their language */
    char text_ru[1600];     /* "" when none */
    char text_en[1600];
    char state[16];         /* preparing | scheduled | done | cancelled */
    time_t send_at, created_at, finished_at, cancelled_at;
    int64_t fill_cursor;
    bool fill_by_service;
    long recipients, parts;
    int max_segments;
    char created_by[64];
};

/* What a template needs per recipient (bits for `need`). */
enum { BC_NEED_POINTS = 2, BC_NEED_MTOTAL = 4 };

/* One recipient as read for rendering. */
struct bc_recipient {
    int64_t rid;            /* broadcast_recipients.id (0 in a preview) */
    int64_t volunteer_id;   /* 0 for a file number that is no volunteer */
    const char *number;     /* E.164 */
    const char *name;       /* "" when none */
    const char *lang;       /* "lv" | "ru" | "en" ("lv" for a number that is no volunteer) */
    long long points;
    long long municipality_total;
    bool opted_out, erased;
};

/* The template for a recipient in lang: text_ru / text_en when set, else text. */
const char *broadcast_text_for(const struct broadcast_row *b, const char *lang);

/* A segment as the queries take it: the kind's condition AND every filter given. */
struct bc_segment {
    const char *kind;       /* all | municipality | active | inactive | species */
    const char *value;      /* municipality, species id, or epoch seconds */
    const char *munis;      /* JSON array: any of these municipalities; NULL: no filter */
    const char *lang;       /* "lv" | "ru" | "en"; NULL: any */
    int64_t since;          /* reported a planting at or after; 0: no filter */
};

/* Return false to stop the walk. */
typedef bool (*bc_each_fn)(void *ctx, const struct bc_recipient *r);

int64_t broadcast_insert(struct db *db, const struct broadcast_row *b);
/* DB_FOUND (b filled), DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status broadcast_get(struct db *db, int64_t id, struct broadcast_row *b);
/* The most recent broadcasts first; up to max rows into out. Returns how many,
 * -1 when the read failed. */
int broadcast_recent(struct db *db, struct broadcast_row *out, int max);
/* Ids of broadcasts in state (preparing or scheduled), oldest first; how many,
 * -1 when the read failed. */
int broadcast_ids_in_state(struct db *db, const char *state, int64_t *ids, int max);
bool broadcast_set_state(struct db *db, int64_t id, const char *state, time_t now);
bool broadcast_set_estimate(struct db *db, int64_t id, long recipients, long parts, int max_segments);

/* Walks the volunteers a segment selects (not opted out, not erased), in id order,
 * with what `need` asks for. mun_for_total: the municipality whose total
 * {municipality_total} shows (NULL: each volunteer's own). False when the read
 * failed (fn may have seen some rows); fn returning false is no failure. */
bool broadcast_walk_segment(struct db *db, const struct bc_segment *seg, unsigned need,
                            const char *mun_for_total, bc_each_fn fn, void *ctx);

/* How many volunteers the segment selects now, per language (by[LANG_LV..LANG_EN]
 * of gateway/base/lang.h, 3 of them): the recipients a broadcast created now would
 * have. False when the read failed. */
bool broadcast_count_segment(struct db *db, const struct bc_segment *seg, long by[3]);

/* The volunteer with this number (not erased), read as for a segment walk:
 * DB_FOUND (r's strings point into buf), DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status broadcast_lookup_number(struct db *db, const char *number, unsigned need,
                             struct bc_recipient *r, char *buf, size_t buflen);

/* Adds the next chunk of volunteers (ids up to fill_cursor + span) of a SQL segment
 * in its own short transaction; sets *finished (and the state to `then`) when the
 * last volunteer has been considered. Returns rows added, -1 on error. */
int broadcast_fill_chunk(struct db *db, int64_t id, int64_t span, const char *then, bool *finished);

/* Adds one recipient (file segments), inside the caller's transaction. A repeat is
 * ignored. volunteer_id 0: number only. */
bool broadcast_add_recipient(struct db *db, int64_t id, int64_t volunteer_id, const char *number);

/* Up to limit pending recipients of a broadcast, each read with what need asks
 * for. Returns how many were read, -1 when the read failed. */
int broadcast_walk_pending(struct db *db, int64_t id, int limit, unsigned need,
                           const char *mun_for_total, bc_each_fn fn, void *ctx);
bool broadcast_mark_released(struct db *db, int64_t rid, int64_t outbound_id, time_t now);
bool broadcast_mark_skipped(struct db *db, int64_t rid, const char *reason);

struct broadcast_counts {
    long pending, released, skipped;                          /* recipients */
    long queued, sending, sent, failed, delivered, cancelled; /* outbound copies */
    long parts_left;        /* parts of copies not yet sent, pending ones estimated */
};
/* False when a read failed (c then holds what was read so far). */
bool broadcast_counts(struct db *db, int64_t id, struct broadcast_counts *c);

/* Cancels: nothing more is released; queued copies are cancelled. */
bool broadcast_cancel(struct db *db, int64_t id, time_t now);

/* Queued broadcast copies in the outbound queue (all broadcasts); -1 when the
 * read failed. */
long broadcast_backlog(struct db *db);
/* Moves queued broadcast copies due before `until` to `until`. Returns how many. */
int broadcast_defer_queued(struct db *db, time_t until);

#endif
