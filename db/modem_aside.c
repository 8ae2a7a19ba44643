/* modem_aside.c: the modem_aside table (see modem_aside.h). */
#include "db/modem_aside.h"

#include <stdio.h>
#include <string.h>

/* FNV-1a over the PDU (or, without one, over what was decoded) */
static void fingerprint(const struct aside_msg *m, char *out, size_t len)
{
    const char *s = m->pdu && *m->pdu ? m->pdu : m->decoded;
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = s; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    snprintf(out, len, "%s/%016llx", m->pdu && *m->pdu ? "pdu" : "dec", (unsigned long long)h);
}

bool aside_add(struct db *db, const struct aside_msg *m, bool *existed)
{
    static const char sql[] =
        "INSERT INTO modem_aside (modem, kind, sender, pdu, decoded, sent_at, received_at,"
        " fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (modem, fingerprint) DO NOTHING";
    char fp[48];
    fingerprint(m, fp, sizeof fp);
    if (!db_run(db, sql, "tttttiit", m->modem, m->kind, m->sender, m->pdu, m->decoded,
                (int64_t)m->sent_at, (int64_t)m->received_at, fp))
        return false;
    if (existed)
        *existed = db_changes(db) == 0;
    return true;
}

int64_t aside_count(struct db *db, const char *modem)
{
    int64_t n = 0;
    enum db_status s = modem
        ? db_int(db, &n, "SELECT count(*) FROM modem_aside WHERE modem = ?", "t", modem)
        : db_int(db, &n, "SELECT count(*) FROM modem_aside", "");
    return s == DB_FOUND ? n : -1;
}
