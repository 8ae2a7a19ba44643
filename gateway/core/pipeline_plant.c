/* pipeline_plant.c: the pipeline's planting commands: a report (one planting per
 * species, points, totals, moderation), ATCELT (cancel the last report) and
 * DZĒST (erase the volunteer's personal data). */
#include "gateway/core/pipeline_plant.h"

#include "gateway/base/localtime.h"
#include "gateway/base/phone.h"
#include "gateway/core/credit.h"
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"

#include "db/audit.h"
#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/pseudonym.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Tells staff numbers that a report waits for review, each in their language,
 * with the SMS command that approves it (the word PIN, never the PIN). */
static bool alert_staff(struct job *j, int review_no, long ntrees)
{
    const struct staff_numbers *staff = &j->p->rules.staff;
    char no[16], trees[48];
    snprintf(no, sizeof no, "%d", review_no);
    for (int i = 0; i < staff->n; i++) {
        const char *num = staff->num[i];
        struct volunteer v;
        enum db_status known = volunteer_find(j->db, num, &v);
        if (DB_FAILED(known))
            return false;
        enum lang lang = known == DB_FOUND ? lang_from_code(v.lang) : LANG_LV;
        trees_phrase(lang, ntrees, trees, sizeof trees);
        char items[400], text[640];
        format_items(lang, j->pr.items, j->pr.nitems, items, sizeof items);
        struct reply_var vars[] = { { "review_no", no }, { "items", items }, { "trees", trees },
                                    { "place", place_name(j->pr.place, lang) } };
        struct sms_info info;
        replies_render(j->p->app->replies, lang, "staff_alert", vars, 4, text, sizeof text, &info);
        if (!outbox_enqueue(j->db, num, text, PRIO_STAFF, "alert", 0, 0, j->now))
            return false;
    }
    return true;
}

static int item_cmp(const void *a, const void *b)
{
    const struct parse_item *x = a, *y = b;
    int c = strcmp(x->species->id, y->species->id);
    return c ? c : (x->count > y->count) - (x->count < y->count);
}

/* "species=count,..." sorted, as plantings_recent_same() compares them */
static void items_key(const struct parse_result *pr, char *out, size_t len)
{
    struct parse_item it[PARSE_MAX_ITEMS];
    memcpy(it, pr->items, sizeof it[0] * (size_t)pr->nitems);
    qsort(it, (size_t)pr->nitems, sizeof it[0], item_cmp);
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < pr->nitems && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s=%ld", i ? "," : "", it[i].species->id,
                              it[i].count);
}

/* Item i of the job's report as a planting row: accepted, or held for review
 * (pending) under review_no on its first item. */
static void planting_of(struct job *j, int i, bool pending, int review_no, struct planting *p)
{
    const struct parse_result *pr = &j->pr;
    memset(p, 0, sizeof *p);
    planting_uuid(j->p, j->row.id, i, p->uuid);
    p->volunteer_id = j->vol.id;
    p->inbound_id = j->row.id;
    p->item_no = i;
    snprintf(p->species, sizeof p->species, "%s", pr->items[i].species->id);
    p->count = pr->items[i].count;
    const struct place *pl = pr->items[i].place ? pr->items[i].place : pr->place;
    snprintf(p->place, sizeof p->place, "%s", pl->name);
    snprintf(p->place_type, sizeof p->place_type, "%s", pl->type);
    snprintf(p->municipality, sizeof p->municipality, "%s", pl->municipality);
    if (pr->date[0])
        snprintf(p->planted_on, sizeof p->planted_on, "%s", pr->date);
    else
        local_date(j->row.received_at, p->planted_on);
    p->reported_at = j->row.received_at;
    snprintf(p->channel, sizeof p->channel, "%s", j->row.channel);
    /* a report is reviewed whole: one doubtful count holds all its items */
    snprintf(p->status, sizeof p->status, "%s", pending ? "pending_review" : "accepted");
    p->review_no = pending && i == 0 ? review_no : 0;
}

/* Two reports in one text: do its items name places other than the first? */
static bool several_places(const struct parse_result *pr)
{
    for (int i = 0; i < pr->nitems; i++)
        if (pr->items[i].place && pr->items[i].place != pr->place)
            return true;
    return false;
}

/* The place the duplicate rule compares: the greatest name among the items'
 * places, as plantings_recent_same() reads max(place) of a stored report. */
static const char *duplicate_place(const struct parse_result *pr)
{
    const char *best = pr->place->name;
    for (int i = 0; i < pr->nitems; i++)
        if (pr->items[i].place && strcmp(pr->items[i].place->name, best) > 0)
            best = pr->items[i].place->name;
    return best;
}

/* "ozols 3 gab., Bauska; liepa 2 gab., Iecava": each place with its items. */
static void items_by_place(enum lang lang, const struct parse_result *pr, char *out, size_t len)
{
    out[0] = '\0';
    for (int i = 0; i < pr->nitems; i++) {
        const struct place *pl = pr->items[i].place ? pr->items[i].place : pr->place;
        bool first = true;
        for (int k = 0; k < i && first; k++)
            first = (pr->items[k].place ? pr->items[k].place : pr->place) != pl;
        if (!first)
            continue;
        struct parse_item same[PARSE_MAX_ITEMS];
        int n = 0;
        for (int k = i; k < pr->nitems; k++)
            if ((pr->items[k].place ? pr->items[k].place : pr->place) == pl)
                same[n++] = pr->items[k];
        char items[300];
        format_items(lang, same, n, items, sizeof items);
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s, %s", used ? "; " : "", items, place_name(pl, lang));
    }
}

bool handle_plant(struct job *j)
{
    struct parse_result *pr = &j->pr;
    struct pipeline_outcome *out = j->out;
    char pts[24], total[48], name[160], items[400], trees[48], review[16];

    /* the same report again: the same items at the same place, however written */
    char key[512];
    items_key(pr, key, sizeof key);
    enum db_status same = plantings_recent_same(j->db, j->vol.id,
                                                j->row.received_at - j->p->rules.duplicate_window,
                                                j->row.id, key, duplicate_place(pr));
    if (DB_FAILED(same))
        return false;
    if (same == DB_FOUND) {
        snprintf(out->outcome, sizeof out->outcome, "duplicate");
        if (!points_text(j->db, j->vol.id, pts, sizeof pts))
            return false;
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
    if (pending && plantings_next_review_no(j->db, &review_no) != DB_FOUND)
        return false;
    const struct place *pl = pr->place;
    for (int i = 0; i < pr->nitems; i++) {
        struct planting p;
        planting_of(j, i, pending, review_no, &p);
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
    int64_t mtotal = 0;
    if (!points_text(j->db, j->vol.id, pts, sizeof pts) ||
        totals_get(j->db, pl->municipality, &mtotal) != DB_FOUND)
        return false;
    out->municipality_total = (long)mtotal;
    trees_phrase(j->lang, out->municipality_total, total, sizeof total);
    trees_phrase(j->lang, ntrees, trees, sizeof trees);
    snprintf(review, sizeof review, "%d", review_no);
    name_part(&j->vol, name, sizeof name);
    struct reply_var v[] = {
        { "items", items }, { "place", place_name(pl, j->lang) }, { "points", pts },
        { "municipality", municipality_name(j->p->app->lex, pl->municipality, j->lang) },
        { "total", total }, { "name", name },
        { "trees", trees }, { "review_no", review },
    };
    bool multi = several_places(pr);
    if (multi)                          /* one reply for both reports, the points once */
        items_by_place(j->lang, pr, items, sizeof items);
    if (pending) {
        snprintf(out->outcome, sizeof out->outcome, "pending_review");
        job_reply(j, multi ? "pending_short" : "pending", v, 8);
        if (!alert_staff(j, review_no, ntrees))
            return false;
    } else {
        snprintf(out->outcome, sizeof out->outcome, "planted");
        job_reply(j, multi ? "planted_multi" : "planted", v, 8);
    }
    return true;
}

bool handle_cancel(struct job *j)
{
    struct planting pl[PARSE_MAX_ITEMS];
    /* the window runs back from when this ATCELT was received */
    int n = plantings_last_report(j->db, j->vol.id, j->row.received_at - j->p->rules.cancel_window, pl,
                                  PARSE_MAX_ITEMS);
    if (n < 0)
        return false;
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
            int64_t given = 0;
            if (points_of_planting(j->db, pl[i].id, &given) != DB_FOUND ||
                (given && !points_add(j->db, j->vol.id, pl[i].id, -given, "cancel", j->now)) ||
                !totals_add(j->db, pl[i].municipality, -pl[i].count))
                return false;
        }
    }
    if (!credit_withdraw_first_report(j->db, j->vol.id, j->now))
        return false;
    char items[400], pts[24];
    format_plantings(j->p->app->lex, j->lang, pl, n, items, sizeof items);
    if (!points_text(j->db, j->vol.id, pts, sizeof pts))
        return false;
    const struct place *place = lexicon_place_by_name(j->p->app->lex, pl[0].place);
    struct reply_var v[] = { { "items", items }, { "points", pts },
                             { "place", place ? place_name(place, j->lang) : pl[0].place } };
    snprintf(j->out->outcome, sizeof j->out->outcome, "cancelled");
    job_reply(j, "cancelled", v, 3);
    return true;
}

#define DELETE_CONFIRM_WINDOW 600  /* DZĒST JĀ within 10 minutes of DZĒST */

bool delete_waiting(struct job *j, bool *waits)
{
    int64_t asked = 0;
    if (inbound_count_outcome(j->db, j->vol.id, "delete_asked",
                              j->row.received_at - DELETE_CONFIRM_WINDOW, j->row.id,
                              &asked) != DB_FOUND)
        return false;
    *waits = asked > 0;
    return true;
}

bool handle_delete(struct job *j)
{
    /* erasure cannot be undone: DZĒST asks, only DZĒST JĀ soon after erases */
    int64_t asked = 0;
    if (j->pr.confirmed &&
        inbound_count_outcome(j->db, j->vol.id, "delete_asked",
                              j->row.received_at - DELETE_CONFIRM_WINDOW, j->row.id,
                              &asked) != DB_FOUND)
        return false;
    if (!j->pr.confirmed || asked == 0) {
        snprintf(j->out->outcome, sizeof j->out->outcome, "delete_asked");
        job_reply(j, "delete_ask", NULL, 0);
        return true;
    }
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
