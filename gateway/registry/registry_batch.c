/* registry_batch.c: building and applying registry batches (see registry_batch.h). */
#include "gateway/registry/registry_batch.h"

#include "db/registry_queue.h"
#include "gateway/base/localtime.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/pseudonym.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <jansson.h>
#include <openssl/rand.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void registry_uuid(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) {
        for (size_t i = 0; i < sizeof b; i++)
            b[i] = (unsigned char)rand();
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

static bool is_erased(const char *number)
{
    return !number[0] || !strncmp(number, "erased:", 7);
}

void registry_pseudonym(const struct registry_config *rc, const struct registry_row *row,
                        char out[65])
{
    if (row->prior_uuid[0]) {
        snprintf(out, 65, "%s", row->prior_uuid);
        return;
    }
    if (is_erased(row->number) && row->prior_volunteer[0]) {
        snprintf(out, 65, "%s", row->prior_volunteer);
        return;
    }
    char msg[128];
    if (row->number[0])
        snprintf(msg, sizeof msg, "%s", row->number);
    else
        snprintf(msg, sizeof msg, "volunteer:%lld", (long long)row->volunteer_id);
    pseudonym_hmac(rc->secret, strlen(rc->secret), msg, out);
}

char *registry_record_json(const struct lexicon *lex,
                           const struct registry_row *row, const char *pseudonym)
{
    const struct species *sp = lex ? lexicon_species_by_id(lex, row->species) : NULL;
    const struct place *pl = lex ? lexicon_place_by_name(lex, row->place) : NULL;
    char planted[16], reported[32];
    if (row->planted_on[0]) {
        snprintf(planted, sizeof planted, "%s", row->planted_on);
    } else {
        local_date((time_t)row->reported_at, planted);
    }
    clock_rfc3339((time_t)row->reported_at, reported, sizeof reported);
    const char *channel = strcmp(row->channel, "ussd") == 0 ? "ussd" : "sms";

    json_t *place = json_pack("{s:s, s:s}", "name", row->place, "municipality",
                              row->municipality);
    json_t *species = json_pack("{s:s}", "id", row->species);
    json_t *rec = json_pack("{s:s, s:s, s:s}", "id", row->uuid, "op", row->op, "volunteer",
                            pseudonym);
    if (!place || !species || !rec) {
        json_decref(place);
        json_decref(species);
        json_decref(rec);
        return NULL;
    }
    json_object_set_new(species, "latin", sp ? json_string(sp->latin) : json_null());
    json_object_set_new(place, "atvk", pl && pl->atvk && pl->atvk[0] ? json_string(pl->atvk)
                                                                    : json_null());
    json_object_set_new(place, "lat", pl && pl->has_coords ? json_real(pl->lat) : json_null());
    json_object_set_new(place, "lon", pl && pl->has_coords ? json_real(pl->lon) : json_null());
    json_object_set_new(rec, "species", species);
    json_object_set_new(rec, "count", json_integer(row->count));
    json_object_set_new(rec, "planted_on", json_string(planted));
    json_object_set_new(rec, "reported_at", json_string(reported));
    json_object_set_new(rec, "channel", json_string(channel));
    json_object_set_new(rec, "place", place);
    char *s = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
    json_decref(rec);
    return s;
}

int registry_batch_make(struct db *db, const struct lexicon *lex,
                        const struct registry_config *rc, time_t now, char batch_id[40])
{
    struct registry_row *rows = calloc((size_t)rc->batch_size, sizeof *rows);
    if (!rows)
        return -1;
    if (!db_begin(db)) {
        free(rows);
        return -1;
    }
    int n = registry_waiting(db, rc->batch_size, rows);
    int fixed = 0;
    bool ok = n >= 0;
    if (ok && n > 0) {
        char id[37];
        registry_uuid(id);
        snprintf(batch_id, 40, "%s", id);
        ok = registry_batch_insert(db, batch_id, now);
    }
    for (int i = 0; ok && i < n; i++) {
        const struct registry_row *r = &rows[i];
        if (!r->planting_exists) {
            log_warn("registry: planting %s is gone; its %s record is dropped", r->uuid, r->op);
            ok = registry_record_drop(db, r->rec_id);
            continue;
        }
        char pseud[65];
        registry_pseudonym(rc, r, pseud);
        char *json = registry_record_json(lex, r, pseud);
        ok = json && registry_record_fix(db, r->rec_id, batch_id, pseud, json);
        free(json);
        fixed++;
    }
    if (ok && n > 0 && fixed == 0)
        ok = registry_batch_delete(db, batch_id);
    free(rows);
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        return -1;
    }
    return fixed;
}

struct body_ctx {
    json_t *records;
    bool bad;
};

static void add_record(void *arg, const char *uuid, const char *op, const char *record_json)
{
    struct body_ctx *c = arg;
    json_error_t e;
    json_t *r = record_json ? json_loads(record_json, 0, &e) : NULL;
    if (!r) {
        log_error("registry: stored record %s (%s) is not JSON", uuid, op);
        c->bad = true;
        return;
    }
    json_array_append_new(c->records, r);
}

char *registry_batch_body(struct db *db, const struct registry_config *rc, const char *batch_id,
                          time_t now, size_t *len, int *nrecords)
{
    char sent[32];
    clock_rfc3339(now, sent, sizeof sent);
    struct body_ctx c = { json_array(), false };
    if (!c.records)
        return NULL;
    if (!registry_batch_records(db, batch_id, add_record, &c) || c.bad) {
        json_decref(c.records);
        return NULL;
    }
    if (nrecords)
        *nrecords = (int)json_array_size(c.records);
    json_t *root = json_pack("{s:s, s:s, s:s, s:o}", "batch_id", batch_id, "gateway_id",
                             rc->gateway_id, "sent_at", sent, "records", c.records);
    if (!root)
        return NULL;
    char *s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
    json_decref(root);
    if (s && len)
        *len = strlen(s);
    return s;
}

bool registry_batch_apply(struct db *db, const char *batch_id, const char *answer, time_t now,
                          struct registry_applied *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = answer ? json_loads(answer, 0, &je) : NULL;
    json_t *results = root ? json_object_get(root, "results") : NULL;
    if (!json_is_array(results)) {
        snprintf(err, errlen, "the answer has no \"results\" list");
        json_decref(root);
        return false;
    }
    if (!db_begin(db)) {
        snprintf(err, errlen, "database busy");
        json_decref(root);
        return false;
    }
    bool ok = true;
    size_t i;
    json_t *it;
    json_array_foreach(results, i, it) {
        const char *id = json_string_value(json_object_get(it, "id"));
        const char *status = json_string_value(json_object_get(it, "status"));
        const char *op = json_string_value(json_object_get(it, "op"));
        json_t *jr = json_object_get(it, "reason");
        const char *reason = json_string_value(jr);
        char rbuf[512] = "";
        if (!reason && jr && !json_is_null(jr)) {
            char *d = json_dumps(jr, JSON_COMPACT | JSON_ENCODE_ANY);
            snprintf(rbuf, sizeof rbuf, "%s", d ? d : "");
            free(d);
            reason = rbuf;
        }
        if (!id || !status ||
            (strcmp(status, "accepted") && strcmp(status, "duplicate") && strcmp(status, "rejected"))) {
            out->unknown++;
            continue;
        }
        if (!registry_record_result(db, batch_id, id, op, status, reason, now)) {
            /* not in this batch, or already final (a repeated result) */
            out->unknown++;
            continue;
        }
        if (!strcmp(status, "accepted"))
            out->accepted++;
        else if (!strcmp(status, "duplicate"))
            out->duplicate++;
        else {
            out->rejected++;
            log_error("registry rejected record %s: %s", id, reason ? reason : "(no reason)");
        }
    }
    json_decref(root);
    int64_t unnamed = 0;
    ok = ok && registry_batch_unanswered(db, batch_id, &unnamed) == DB_FOUND;
    out->unnamed = (int)unnamed;
    if (ok && out->unnamed == 0)
        out->closed = registry_batch_close_if_done(db, batch_id, now);
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        snprintf(err, errlen, "database error while saving results");
        return false;
    }
    return true;
}
