/* migrate.h: numbered schema migrations, embedded from db/migrations/NNN_name.sql
 * (see mk/embed-sql.sh). PRAGMA user_version holds the applied number. */
#ifndef TALKA_MIGRATE_H
#define TALKA_MIGRATE_H

struct migration {
    int version;
    const char *name;
    const char *sql;
};

/* Ends with { 0, 0, 0 }. */
extern const struct migration migrations[];

#endif
