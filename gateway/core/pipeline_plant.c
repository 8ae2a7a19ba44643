/* pipeline_plant.c: the pipeline's planting commands: a report (one planting per
 * species, points, totals, moderation), ATCELT (cancel the last report) and
 * DZĒST (erase the volunteer's personal data). */
#include "gateway/core/pipeline_plant.h"

#include "gateway/base/localtime.h"
#include "gateway/base/phone.h"
#include "gateway/core/credit.h"
#include "gateway/core/names.h"

#include "db/audit.h"
#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/pseudonym.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

/* A uuid that is the same whenever this report is handled, unique per deployment. */
static void planting_uuid(const struct pipeline *p, int64_t inbound_id, int item, char out[37])
{
    unsigned char h[32];
    char msg[64];
    snprintf(msg, sizeof msg, "planting:%lld:%d", (long long)inbound_id, item);
    digest_sha256(p->key, p->keylen, msg, strlen(msg), h);
    h[6] = (unsigned char)((h[6] & 0x0F) | 0x80); /* version 8: custom, name-based */
    h[8] = (unsigned char)((h[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
             h[13], h[14], h[15]);
}

/* Tells staff numbers that a report waits for review. */
static void alert_staff(struct job *j, int review_no, const char *items, const char *place)
{
    const char *list = j->p->rules.staff_numbers;
    if (!*list)
        return;
    char text[320];
    int len = snprintf(text, sizeof text, "talka: parbaudei nr. %d: %s, %s. Apstiprinat: talka review approve %d",
                     review_no, items, place, review_no);
    if (len < 0 || (size_t)len >= sizeof text) /* a long list of species: the place is enough */
        snprintf(text, sizeof text, "talka: parbaudei nr. %d: %.120s. Apstiprinat: talka review approve %d",
                 review_no, place, review_no);
    char folded[320];
    sms_fold_latvian(text, folded, sizeof folded);
    char nums[32][32];
    int n = phone_list(list, nums, 32);
    for (int i = 0; i < n; i++)
        outbox_enqueue(j->db, nums[i], folded, PRIO_STAFF, "alert", 0, 0, j->now);
}

bool handle_plant(struct job *j)
{
    struct parse_result *pr = &j->pr;
    struct pipeline_outcome *out = j->out;
    char pts[24], total[24], name[160], items[400], trees[24], review[16];

    enum db_status same = inbound_recent_same(j->db, j->e164, j->row.text, j->row.len,
                                              j->row.received_at - j->p->rules.duplicate_window,
                                              j->row.id);
    if (same == DB_ERROR)
        return false;
    if (same == DB_FOUND) {
        snprintf(out->outcome, sizeof out->outcome, "duplicate");
        snprintf(pts, sizeof pts, "%lld", (long long)points_total(j->db, j->vol.id));
        struct reply_var v[] = { { "points", pts } };
        job_reply(j, "duplicate", v, 1);
        return true;
    }

    bool pending = false;
    long ntrees = 0;
    int review_no = 0;
    for (int i = 0; i < pr->nitems; i++)
        if (pr->items[i].count > j->p->rules.review_threshold)
            pending = true;
    if (pending)
        review_no = plantings_next_review_no(j->db);
    const struct place *pl = pr->place;
    for (int i = 0; i < pr->nitems; i++) {
        struct planting p;
        memset(&p, 0, sizeof p);
        planting_uuid(j->p, j->row.id, i, p.uuid);
        p.volunteer_id = j->vol.id;
        p.inbound_id = j->row.id;
        p.item_no = i;
        snprintf(p.species, sizeof p.species, "%s", pr->items[i].species->id);
        p.count = pr->items[i].count;
        snprintf(p.place, sizeof p.place, "%s", pl->name);
        snprintf(p.place_type, sizeof p.place_type, "%s", pl->type);
        snprintf(p.municipality, sizeof p.municipality, "%s", pl->municipality);
        if (pr->date[0])
            snprintf(p.planted_on, sizeof p.planted_on, "%s", pr->date);
        else
            local_date(j->row.received_at, p.planted_on);
        p.reported_at = j->row.received_at;
        snprintf(p.channel, sizeof p.channel, "%s", j->row.channel);
        /* a report is reviewed whole: one doubtful count holds all its items */
        snprintf(p.status, sizeof p.status, "%s", pending ? "pending_review" : "accepted");
        p.review_no = pending && i == 0 ? review_no : 0;
        if (!planting_insert(j->db, &p))
            return false;
        ntrees += p.count;
        if (!pending && !credit_planting(j->db, &j->p->rules, pr->items[i].species, &p, j->now))
            return false;
        out->nplantings++;
    }
    if (!pending && !credit_first_report(j->db, &j->p->rules, j->vol.id, j->now))
        return false;

    format_items(j->lang, pr->items, pr->nitems, items, sizeof items);
    snprintf(pts, sizeof pts, "%lld", (long long)points_total(j->db, j->vol.id));
    out->municipality_total = (long)totals_get(j->db, pl->municipality);
    snprintf(total, sizeof total, "%ld", out->municipality_total);
    snprintf(trees, sizeof trees, "%ld", ntrees);
    snprintf(review, sizeof review, "%d", review_no);
    name_part(&j->vol, name, sizeof name);
    struct reply_var v[] = {
        { "items", items }, { "place", place_name(pl, j->lang) }, { "points", pts },
        { "municipality", pl->municipality }, { "total", total }, { "name", name },
        { "trees", trees }, { "review_no", review },
    };
    if (pending) {
        snprintf(out->outcome, sizeof out->outcome, "pending_review");
        job_reply(j, "pending", v, 8);
        alert_staff(j, review_no, items, pl->name);
    } else {
        snprintf(out->outcome, sizeof out->outcome, "planted");
        job_reply(j, "planted", v, 8);
    }
    return true;
}

bool handle_cancel(struct job *j)
{
    struct planting pl[PARSE_MAX_ITEMS];
    /* the window runs back from when this ATCELT was received */
    int n = plantings_last_report(j->db, j->vol.id, j->row.received_at - j->p->rules.cancel_window, pl,
                                  PARSE_MAX_ITEMS);
    if (n == 0) {
        snprintf(j->out->outcome, sizeof j->out->outcome, "cancel_none");
        job_reply(j, "cancel_none", NULL, 0);
        return true;
    }
    for (int i = 0; i < n; i++) {
        bool was_accepted = !strcmp(pl[i].status, "accepted");
        if (!planting_set_status(j->db, pl[i].id, "cancelled", "ATCELT", j->now))
            return false;
        if (was_accepted) {
            int64_t given = points_of_planting(j->db, pl[i].id);
            if ((given && !points_add(j->db, j->vol.id, pl[i].id, -given, "cancel", j->now)) ||
                !totals_add(j->db, pl[i].municipality, -pl[i].count))
                return false;
        }
    }
    char items[400], pts[24];
    format_plantings(j->p->app->lex, j->lang, pl, n, items, sizeof items);
    snprintf(pts, sizeof pts, "%lld", (long long)points_total(j->db, j->vol.id));
    const struct place *place = lexicon_place_by_name(j->p->app->lex, pl[0].place);
    struct reply_var v[] = { { "items", items }, { "points", pts },
                             { "place", place ? place_name(place, j->lang) : pl[0].place } };
    snprintf(j->out->outcome, sizeof j->out->outcome, "cancelled");
    job_reply(j, "cancelled", v, 3);
    return true;
}

bool handle_delete(struct job *j)
{
    char mac[65], pseudo[40], subject[48];
    pseudonym_hmac(j->p->key, j->p->keylen, j->vol.number, mac);
    snprintf(pseudo, sizeof pseudo, "erased:%.24s", mac);
    snprintf(j->out->outcome, sizeof j->out->outcome, "deleted");
    job_reply(j, "deleted", NULL, 0);
    /* the one last reply keeps the number until it is sent (outbox_mark_sent scrubs it) */
    int64_t keep = 0;
    if (!(j->flags & PIPE_NO_SMS_REPLY)) {
        keep = outbox_enqueue(j->db, j->e164, j->out->reply, PRIO_REPLY, "final", j->row.id, 0, j->now);
        if (!keep)
            return false;
        j->out->outbound_id = keep;
    }
    if (!volunteer_erase(j->db, &j->vol, pseudo, keep, j->now))
        return false;
    snprintf(subject, sizeof subject, "volunteer#%lld", (long long)j->vol.id);
    if (!audit(j->db, j->now, "volunteer", "erase", subject, "personal data erased on request (DZEST)"))
        return false;
    log_info("volunteer %lld erased on request", (long long)j->vol.id);
    snprintf(j->vol.number, sizeof j->vol.number, "%s", pseudo);
    j->vol.name[0] = '\0';
    return true;
}
