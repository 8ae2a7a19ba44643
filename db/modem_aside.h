/* modem_aside.h: messages taken off a modem's SIM that are not texts from a
 * subscriber nor delivery reports (the modem_aside table): kept with their raw
 * PDU and what could be decoded, so the SIM can be emptied without losing them. */
#ifndef TALKA_MODEM_ASIDE_H
#define TALKA_MODEM_ASIDE_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct aside_msg {
    const char *modem;
    const char *kind;        /* submit | data | undecodable | other */
    const char *sender;      /* may be "" */
    const char *pdu;         /* hex, NULL when unknown */
    const char *decoded;     /* JSON text */
    time_t sent_at;
    time_t received_at;
};

/* Stores m once (a message read twice is the same row); *existed says whether it
 * was there already. False on a database error. */
bool aside_add(struct db *db, const struct aside_msg *m, bool *existed);

/* How many messages a modem (NULL: all modems) has set aside; -1 on error. */
int64_t aside_count(struct db *db, const char *modem);

#endif
