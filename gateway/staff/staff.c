/* staff.c: staff commands by SMS, the pipeline's staff hook (staff.h), run
 * inside its transaction before the public language:
 *   ZIŅA PIN VISI|PLACE TEXT   queue a broadcast (reply: recipients, segments, ETA)
 *   ZIŅA PIN STATUSS           progress of the latest broadcasts
 *   APSTIPRINĀT PIN N          approve pending report N
 * Only from [staff] numbers with the PIN of [staff] pin_file. From any other number
 * a staff keyword returns false, so the sender gets the ordinary reply; a staff
 * number with a wrong PIN is told "wrong PIN (N tries left)", and 5 wrong PINs lock
 * it for an hour. Refusals are written to the audit log (by volunteer id, never the
 * number). Replies are wholly in the staff member's language (replies.ini staff_*).
 * The PIN is masked in the stored text and never logged. A database error while
 * checking fails closed: nothing is answered and the pipeline rolls back. */
#include "gateway/staff/staff.h"

#include "db/audit.h"
#include "db/broadcast.h"
#include "db/lockout.h"
#include "db/staff_pin.h"
#include "db/volunteers.h"
#include "gateway/core/broadcast_create.h"
#include "gateway/base/log.h"
#include "gateway/base/localtime.h"
#include "gateway/base/phone.h"
#include "gateway/base/staff_numbers.h"
#include "gateway/core/broadcast_progress.h"
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"
#include "gateway/core/replies.h"
#include "gateway/core/review.h"
#include "parsers/lookup.h"
#include "parsers/places.h"

#include <ctype.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 64

enum staff_cmd { STAFF_NONE = 0, STAFF_MESSAGE, STAFF_APPROVE };

struct words {
    int n;
    size_t start[MAX_WORDS], len[MAX_WORDS];
};

static void split(const char *text, size_t len, struct words *w)
{
    w->n = 0;
    size_t i = 0;
    while (i < len && w->n < MAX_WORDS) {
        while (i < len && isspace((unsigned char)text[i]))
            i++;
        if (i >= len)
            break;
        w->start[w->n] = i;
        while (i < len && !isspace((unsigned char)text[i]) && text[i] != '\0')
            i++;
        w->len[w->n] = i - w->start[w->n];
        w->n++;
        if (i < len && text[i] == '\0')
            break;
    }
}

/* The word folded to ASCII upper case, for keyword comparison. */
static void word_key(const char *text, const struct words *w, int k, char *out, size_t outlen)
{
    char raw[64];
    size_t l = w->len[k] < sizeof raw - 1 ? w->len[k] : sizeof raw - 1;
    memcpy(raw, text + w->start[k], l);
    raw[l] = '\0';
    sms_fold_latvian(raw, out, outlen);
    for (char *c = out; *c; c++)
        *c = (char)toupper((unsigned char)*c);
}

static enum staff_cmd command_of(const char *text, const struct words *w)
{
    if (w->n < 2)
        return STAFF_NONE;
    char key[64];
    word_key(text, w, 0, key, sizeof key);
    if (!strcmp(key, "ZINA"))
        return STAFF_MESSAGE;
    if (!strcmp(key, "APSTIPRINAT"))
        return STAFF_APPROVE;
    return STAFF_NONE;
}

/* The stored text with the PIN (word 1) replaced by ****. */
static bool mask_pin(struct db *db, int64_t inbound_id, const char *text, size_t len,
                     const struct words *w)
{
    size_t pin_at = w->start[1], pin_len = w->len[1];
    char *masked = malloc(len + 8);
    if (!masked)
        return false;
    memcpy(masked, text, pin_at);
    memcpy(masked + pin_at, "****", 4);
    memcpy(masked + pin_at + 4, text + pin_at + pin_len, len - pin_at - pin_len);
    size_t mlen = len - pin_len + 4;
    bool ok = staff_pin_mask_stored(db, inbound_id, masked, mlen);
    free(masked);
    return ok;
}

static void denied(struct db *db, time_t now, int64_t vid, const char *action, const char *why)
{
    char actor[48];
    snprintf(actor, sizeof actor, "sms:volunteer#%lld", (long long)vid);
    audit(db, now, actor, action, "staff-command", why);
    log_warn("staff command refused (volunteer %lld): %s", (long long)vid, why);
}

/* A check could not be made: nothing is answered, the pipeline rolls back. */
static bool fail_closed(struct pipeline_outcome *out, const char *what)
{
    log_error("staff command: %s failed (database error); refused, nothing answered", what);
    snprintf(out->outcome, sizeof out->outcome, "error:db");
    out->reply_due = false;
    out->reply[0] = '\0';
    return true;
}

static bool pin_matches(const struct config *cfg, const char *text, const struct words *w)
{
    char pin[128], err[256];
    if (!config_secret(cfg, "staff", "pin_file", pin, sizeof pin, err, sizeof err)) {
        log_error("staff commands: %s", err);
        return false;
    }
    size_t pl = strlen(pin);
    bool ok = pl >= 4 && w->len[1] == pl && CRYPTO_memcmp(text + w->start[1], pin, pl) == 0;
    OPENSSL_cleanse(pin, sizeof pin);
    return ok;
}

/* The answer into out: one SMS, folded to GSM-7 when the Latvian letters would
 * make it longer than one UCS-2 segment. */
static void answer(struct pipeline_outcome *out, const char *outcome, const char *text)
{
    snprintf(out->outcome, sizeof out->outcome, "%s", outcome);
    snprintf(out->reply, sizeof out->reply, "%s", text);
    sms_measure(out->reply, &out->reply_info);
    if (out->reply_info.segments > 1) {
        char folded[640];
        sms_fold_latvian(out->reply, folded, sizeof folded);
        snprintf(out->reply, sizeof out->reply, "%.160s", folded);
        sms_measure(out->reply, &out->reply_info);
    }
    out->reply_due = true;
}

/* The reply key rendered in the staff member's language into out. */
static void say(struct pipeline *p, enum lang lang, struct pipeline_outcome *out,
                const char *outcome, const char *key, const struct reply_var *v, int n)
{
    snprintf(out->outcome, sizeof out->outcome, "%s", outcome);
    replies_render(pipeline_app(p)->replies, lang, key, v, n, out->reply, sizeof out->reply,
                   &out->reply_info);
    out->reply_due = true;
}

static void words_text(const char *text, const struct words *w, int from, int to, char *out,
                       size_t len)
{
    if (from >= w->n || from > to) {
        out[0] = '\0';
        return;
    }
    size_t a = w->start[from], b = w->start[to] + w->len[to];
    snprintf(out, len, "%.*s", (int)(b - a), text + a);
}

static void status_reply(struct pipeline *p, enum lang lang, struct db *db,
                         const struct send_policy *pol, time_t now, struct pipeline_outcome *out)
{
    const struct replies *rp = pipeline_app(p)->replies;
    struct broadcast_row rows[2];
    int n = broadcast_recent(db, rows, 2);
    if (n < 0) {
        say(p, lang, out, "staff:error", "staff_retry", NULL, 0);
        return;
    }
    if (!n) {
        say(p, lang, out, "staff:status", "staff_status_none", NULL, 0);
        return;
    }
    char msg[640] = "";
    size_t o = 0;
    for (int i = 0; i < n && o < sizeof msg; i++) {
        struct broadcast_counts c;
        if (!broadcast_counts(db, rows[i].id, &c)) {
            say(p, lang, out, "staff:error", "staff_retry", NULL, 0);
            return;
        }
        static const char *const keys[] = {
            [BP_PREPARING] = "staff_state_preparing", [BP_SCHEDULED] = "staff_state_waiting",
            [BP_SENDING] = "staff_state_sending", [BP_PAUSED] = "staff_state_paused",
            [BP_DONE] = "staff_state_done", [BP_CANCELLED] = "staff_state_cancelled",
        };
        char u[32] = "";
        time_t until;
        enum broadcast_progress bp = broadcast_progress(pol, &rows[i], &c, now, &until);
        const char *key = keys[bp];
        if (bp == BP_PAUSED) {
            local_format(until, u, sizeof u);
            memmove(u, u + 11, strlen(u + 11) + 1);  /* HH:MM */
        }
        char state[96], id[24], sent[24], total[24], failed[24], waiting[24], line[320];
        struct sms_info info;
        struct reply_var sv[] = { { "until", u } };
        replies_render(rp, lang, key, sv, 1, state, sizeof state, &info);
        snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
        snprintf(sent, sizeof sent, "%ld", c.sent + c.delivered);
        snprintf(total, sizeof total, "%ld", rows[i].recipients);
        snprintf(failed, sizeof failed, "%ld", c.failed);
        snprintf(waiting, sizeof waiting, "%ld", c.pending + c.queued + c.sending);
        struct reply_var v[] = { { "id", id }, { "state", state }, { "sent", sent },
                                 { "recipients", total }, { "failed", failed },
                                 { "waiting", waiting } };
        replies_render(rp, lang, "staff_status_line", v, 6, line, sizeof line, &info);
        o += (size_t)snprintf(msg + o, sizeof msg - o, "%s%s", i ? " " : "", line);
    }
    answer(out, "staff:status", msg);
}

/* The segment ZIŅA names after the PIN (VISI, or the longest leading words that
 * name a place) into seg: the word where the text starts, 0 when none does. */
static int segment_of(const struct app *a, const char *text, const struct words *w,
                      const char *key, char *seg, size_t seglen)
{
    int text_from = 0;
    if (!strcmp(key, "VISI")) {
        snprintf(seg, seglen, "all");
        text_from = 3;
    } else {
        /* the longest leading words that name a place, leaving some text. The
         * lexicon skips words that name nothing, so a longer run counts only when
         * it names another place than the shorter one ("Vecpiebalgas pagastā"
         * against "Talsi"; not "Cēsīs sestdien" against "Cēsīs"), or when the
         * added word says what kind of place it is (novadā, pagastā, pilsētā). */
        const struct place *prev = NULL;
        for (int k = 1; k <= 5 && 2 + k < w->n; k++) {
            char cand[256];
            bool ambiguous = false;
            words_text(text, w, 2, 2 + k - 1, cand, sizeof cand);
            const struct place *pl = lexicon_find_place(a->lex, cand, &ambiguous);
            char kw[64];
            word_key(text, w, 2 + k - 1, kw, sizeof kw);
            bool type_word = !strncmp(kw, "NOVAD", 5) || !strncmp(kw, "PAGAST", 6) ||
                             !strncmp(kw, "PILSET", 6) || !strcmp(kw, "NOV.") || !strcmp(kw, "PAG.");
            if (pl && (pl != prev || (k > 1 && type_word))) {
                snprintf(seg, seglen, "municipality:%s", cand);
                text_from = 2 + k;
            }
            prev = pl;
        }
    }
    return text_from;
}

static void message_reply(struct pipeline *p, enum lang lang, struct db *db, const char *text,
                          const struct words *w, int staff_no, time_t now,
                          struct pipeline_outcome *out)
{
    const struct app *a = pipeline_app(p);
    struct send_policy pol;
    char err[256], seg[320], body[1200];
    if (!send_policy_load(a->cfg, &pol, err, sizeof err)) {
        log_error("staff command: %s", err);
        say(p, lang, out, "staff:error", "staff_config_error", NULL, 0);
        return;
    }
    char key[64] = "";
    if (w->n >= 3)
        word_key(text, w, 2, key, sizeof key);
    if (w->n == 3 && !strcmp(key, "STATUSS")) {
        status_reply(p, lang, db, &pol, now, out);
        return;
    }
    int text_from = segment_of(a, text, w, key, seg, sizeof seg);
    if (!text_from || text_from >= w->n) {
        say(p, lang, out, "staff:error", "staff_message_usage", NULL, 0);
        return;
    }
    /* the text as written, to the end (line breaks kept) */
    snprintf(body, sizeof body, "%s", text + w->start[text_from]);
    char actor[48];
    snprintf(actor, sizeof actor, "sms:staff#%d", staff_no);
    struct broadcast_request req = { .segment = seg, .text = body, .name = NULL, .send_at = now,
                                     .force = false, .actor = actor };
    struct broadcast_plan plan;
    int r = broadcast_plan(db, a->lex, &pol, &req, now, &plan, err, sizeof err);
    char over[24], total[24];
    snprintf(over, sizeof over, "%ld", plan.stats.over);
    snprintf(total, sizeof total, "%ld", plan.stats.recipients);
    if (r == PLAN_REFUSED && plan.stats.over) {
        struct reply_var v[] = { { "over", over }, { "recipients", total } };
        say(p, lang, out, "staff:refused", "staff_too_long", v, 2);
    } else if (r != PLAN_OK) {
        log_warn("staff broadcast refused: %s", err);
        say(p, lang, out, "staff:error", "staff_not_understood", NULL, 0);
    } else if (plan.stats.recipients == 0) {
        say(p, lang, out, "staff:refused", "staff_no_recipients", NULL, 0);
    } else {
        int64_t id = broadcast_commit(db, &req, &plan, false, now, err, sizeof err);
        if (!id) {
            log_error("staff broadcast: %s", err);
            say(p, lang, out, "staff:error", "staff_retry", NULL, 0);
        } else {
            char subject[32], detail[96], dur[32], ids[24], segs[16], parts[24];
            snprintf(subject, sizeof subject, "broadcast:%lld", (long long)id);
            snprintf(detail, sizeof detail, "%s, %ld recipients", plan.seg.kind, plan.stats.recipients);
            audit(db, now, actor, "broadcast_create", subject, detail);
            broadcast_format_duration(plan.eta_s, dur, sizeof dur);
            snprintf(ids, sizeof ids, "%lld", (long long)id);
            snprintf(segs, sizeof segs, "%d", plan.stats.max_segments);
            snprintf(parts, sizeof parts, "%ld", plan.stats.parts);
            struct reply_var v[] = { { "id", ids }, { "recipients", total }, { "segments", segs },
                                     { "parts", parts }, { "eta", dur } };
            say(p, lang, out, "staff:broadcast", "staff_queued", v, 5);
        }
    }
    broadcast_plan_free(&plan);
}

static void approve_reply(struct pipeline *p, enum lang lang, struct db *db, const char *text,
                          const struct words *w, int staff_no, struct pipeline_outcome *out)
{
    char num[16], msg[256], actor[48], trees[48];
    words_text(text, w, 2, 2, num, sizeof num);
    char *end;
    long n = strtol(num, &end, 10);
    if (w->n != 3 || *end || n <= 0 || n > 99999) {
        say(p, lang, out, "staff:error", "staff_approve_usage", NULL, 0);
        return;
    }
    snprintf(actor, sizeof actor, "sms:staff#%d", staff_no);
    struct review_note note;
    enum review_result r = review_approve(p, db, (int)n, actor, true, msg, sizeof msg, &note);
    snprintf(num, sizeof num, "%ld", n);
    trees_phrase(lang, note.trees, trees, sizeof trees);
    const struct place *pl = r == REVIEW_OK ? lexicon_place_by_name(pipeline_app(p)->lex, note.place)
                                            : NULL;
    struct reply_var v[] = { { "review_no", num }, { "trees", trees },
                             { "place", pl ? place_name(pl, lang) : note.place } };
    if (r == REVIEW_OK)
        say(p, lang, out, "staff:approved", "staff_approved", v, 3);
    else if (r == REVIEW_NOT_FOUND)
        say(p, lang, out, "staff:error", "staff_not_waiting", v, 1);
    else
        say(p, lang, out, "staff:error", "staff_retry", NULL, 0);
}

bool staff_handle(struct pipeline *p, struct db *db, int64_t inbound_id, const char *e164,
                  const char *text, size_t len, time_t now, struct pipeline_outcome *out)
{
    struct words w;
    split(text, len, &w);
    enum staff_cmd cmd = command_of(text, &w);
    if (cmd == STAFF_NONE || memchr(text, '\0', len))
        return false;
    /* whoever sent it, the PIN (or what was tried as one) is not kept */
    if (!mask_pin(db, inbound_id, text, len, &w))
        return fail_closed(out, "masking the PIN");
    const struct app *a = pipeline_app(p);
    struct volunteer v;
    if (volunteer_find(db, e164, &v) != DB_FOUND) /* the pipeline created the row: not found is an error */
        return fail_closed(out, "finding the sender");
    struct staff_numbers staff;
    staff_numbers_load(a->cfg, NULL, &staff);
    int staff_no = staff_numbers_find(&staff, e164);
    if (!staff_no) {
        denied(db, now, v.id, "staff_denied", "not a staff number");
        return false;
    }
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)v.id);
    switch (lockout_locked(db, LOCKOUT_STAFF_PIN, key, now)) {
    case DB_BUSY:
    case DB_ERROR:
        return fail_closed(out, "the lockout check");
    case DB_FOUND:  /* told once, when it locked; now the ordinary reply */
        denied(db, now, v.id, "staff_denied", "locked after wrong PINs");
        return false;
    case DB_NONE:
    case DB_DONE:
        break;
    }
    enum lang lang = lang_from_code(v.lang);
    if (!pin_matches(a->cfg, text, &w)) {
        int64_t left = 0;
        enum db_status now_locked = lockout_failed(db, LOCKOUT_STAFF_PIN, key, now, &left);
        if (DB_FAILED(now_locked))
            return fail_closed(out, "counting a wrong PIN");
        denied(db, now, v.id, "staff_pin_wrong",
               now_locked == DB_FOUND ? "wrong PIN; number locked for an hour" : "wrong PIN");
        /* a staff number is told, so a typo is not taken for a tree report */
        char tries[24];
        snprintf(tries, sizeof tries, "%lld", (long long)left);
        struct reply_var tv[] = { { "tries", tries } };
        if (now_locked == DB_FOUND)
            say(p, lang, out, "staff:locked", "staff_locked", NULL, 0);
        else
            say(p, lang, out, "staff:wrong_pin", "staff_wrong_pin", tv, 1);
        return true;
    }
    if (!lockout_clear(db, LOCKOUT_STAFF_PIN, key))
        return fail_closed(out, "resetting the PIN failures");
    if (cmd == STAFF_APPROVE)
        approve_reply(p, lang, db, text, &w, staff_no, out);
    else
        message_reply(p, lang, db, text, &w, staff_no, now, out);
    log_info("staff#%d: %s", staff_no, out->outcome);
    return true;
}
