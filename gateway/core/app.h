/* app.h: what a subcommand opens: the config, the lexicon (species and places),
 * the reply templates and the database, with clear messages on failure. */
#ifndef TALKA_APP_H
#define TALKA_APP_H

#include "db/db.h"
#include "gateway/base/config.h"
#include "parsers/parse.h"

struct replies;

/* The config file: -c FILE, $TALKA_CONFIG, or config/talka.ini. */
extern const char *app_config_path;

enum {
    APP_LEXICON = 1,   /* species and places lists */
    APP_DB      = 2,   /* the database, migrated */
    APP_REPLIES = 4,   /* reply templates */
    APP_ALL     = 7,
    APP_DB_AS_IS = 8,  /* the existing database as it is: never created, never migrated */
};

struct app {
    struct config *cfg;
    struct lexicon *_Atomic lex;   /* swapped whole when words are taught (teach.h) */
    struct replies *replies;
    struct db *db;
    struct parse_options popts;
    char db_path[4096];
    int pending;       /* APP_DB_AS_IS: migrations this binary would apply */
};

/* Opens what flags ask for. Logs what went wrong (log_error) and returns 2 on a
 * configuration error, 1 when the database cannot be used; 0 on success. */
int app_open(struct app *a, unsigned flags);
void app_close(struct app *a);

/* Opens another connection to the same database (for a thread of its own). */
struct db *app_db_connect(const struct app *a, char *err, size_t errlen);

#endif
