/* overview.h: the figures of the dashboard's overview page: the running totals
 * (tree_totals, species_totals of 008_web), what waits for review, volunteers,
 * texts, and the accepted trees per report time for the per-day bars. */
#ifndef TALKA_DB_OVERVIEW_H
#define TALKA_DB_OVERVIEW_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* One figure: its value when ok, else the read failed (show a dash). */
struct figure {
    int64_t v;
    bool ok;
};

struct overview_totals {
    struct figure accepted;      /* trees accepted, the running total */
    struct figure waiting;       /* trees in reports waiting for review */
    struct figure volunteers;    /* volunteers not erased */
    struct figure texts_today;   /* texts received since day_start */
};

/* Reads every figure; each says by itself whether it was read. */
void overview_totals(struct db *db, int64_t day_start, struct overview_totals *out);

/* A name (a municipality, a species id) and its trees. */
struct tree_count {
    const char *name;
    int64_t trees;
};
/* Municipalities with trees, most first, to row (a nonzero return stops):
 * DB_DONE or a failure. */
enum db_status overview_municipalities(struct db *db,
                                       int (*row)(const struct tree_count *, void *), void *arg);
/* The same for species (name is the species id). */
enum db_status overview_species(struct db *db, int (*row)(const struct tree_count *, void *),
                                void *arg);

/* Accepted plantings reported at or after since, as (reported_at, trees), in
 * no particular order: DB_DONE or a failure. */
enum db_status overview_accepted_since(struct db *db, int64_t since,
                                       int (*row)(int64_t reported_at, int64_t trees, void *),
                                       void *arg);

#endif
