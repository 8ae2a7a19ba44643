/* outbox.h: the outbound queue. Replies (priority 0) go before staff notices (10)
 * and broadcasts (50); a row is claimed by one transport at a time, retried with
 * backoff, and updated by delivery reports. */
#ifndef TALKA_OUTBOX_H
#define TALKA_OUTBOX_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

enum { PRIO_REPLY = 0, PRIO_STAFF = 10, PRIO_BROADCAST = 50 };

struct outbox_msg {
    int64_t id;
    char recipient[32];
    char text[1600];
    char encoding[8];
    int segments;
    int priority;
    int attempts;
    char kind[16];
    int64_t broadcast_id;
};

/* Queues text (its encoding and segments measured here). inbound_id / broadcast_id
 * may be 0. Returns the new id, or 0 on error. Call inside the caller's
 * transaction when it must commit together with other rows. */
int64_t outbox_enqueue(struct db *db, const char *recipient, const char *text, int priority,
                       const char *kind, int64_t inbound_id, int64_t broadcast_id, time_t now);

/* Claims the next due message (lowest priority number, then oldest) for transport:
 * queued -> sending. max_priority limits what may be taken (e.g. PRIO_STAFF during
 * quiet hours). False when nothing is due. */
bool outbox_claim(struct db *db, const char *transport, time_t now, int max_priority,
                  struct outbox_msg *m);

/* Claims up to max due messages at once (one statement; the same choice as
 * outbox_claim, returned in no particular order) into m[0 .. n-1]. Returns n (0:
 * nothing due), -1 on a database error: then nothing was claimed (in its own
 * transaction; inside the caller's, the caller must roll back). */
int outbox_claim_many(struct db *db, const char *transport, time_t now, int max_priority,
                      struct outbox_msg *m, int max);

/* The network accepted it; ref is its message reference (may be NULL). */
bool outbox_mark_sent(struct db *db, int64_t id, const char *ref, time_t now);

/* Sending failed: back to queued with next_try_at = retry_at, or failed for good
 * when retry_at is 0. */
bool outbox_mark_failed(struct db *db, int64_t id, const char *error, time_t retry_at, time_t now);

/* A delivery report for (transport, ref): delivered or failed. False if no row matched. */
bool outbox_mark_delivered(struct db *db, const char *transport, const char *ref, bool delivered,
                           time_t now);

/* A delivery report from a transport whose reports can overtake the record of
 * the send (Kannel's dlr-url racing smsbox's answer), in one transaction: 1 applied
 * to the sent row, 0 kept in early_reports until modem_sent_record records the
 * send, -1 a database error. */
int outbox_report_or_keep(struct db *db, const char *transport, const char *ref, bool delivered,
                          time_t now);

/* Rows left in 'sending' by a crash go back to the queue (at start-up). */
int outbox_requeue_stale(struct db *db);

/* Counts by state, for status output; -1 when the read failed. */
int64_t outbox_count(struct db *db, const char *state);

/* Replies (kind 'reply') to recipient created after since into *n: DB_FOUND, or
 * DB_BUSY/DB_ERROR (*n untouched). */
enum db_status outbox_replies_since(struct db *db, const char *recipient, time_t since,
                                    int64_t *n);
/* Parts sent through transport since `since` into *parts, as above. */
enum db_status outbox_parts_sent_since(struct db *db, const char *transport, time_t since,
                                       int64_t *parts);
/* Whether a copy of one of talka's broadcasts (broadcast_id set) is queued at
 * priority and due by now: DB_FOUND, DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status outbox_broadcast_due(struct db *db, int priority, time_t now);

#endif
