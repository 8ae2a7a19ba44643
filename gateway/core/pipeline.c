/* pipeline.c: the one entry point every channel calls (see pipeline.h): commit
 * the raw text, then handle it once in a single transaction: volunteer state,
 * flood rules, staff hook, parse, the command, the reply into the outbound queue. */
#include "gateway/core/pipeline.h"
#include "gateway/core/numerals.h"
#include "gateway/core/askback.h"
#include "gateway/core/job.h"
#include "gateway/core/names.h"
#include "gateway/core/pipeline_plant.h"
#include "gateway/core/teach.h"

#include "db/outbox.h"
#include "db/taught_words.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/phone.h"
#include "gateway/base/pseudonym.h"
#include "parsers/grammar.h"
#include "parsers/names.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pipeline *pipeline_new(struct app *a, char *err, size_t errlen)
{
    struct pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->app = a;
    rules_load(a->cfg, &p->rules);
    char path[4096];
    config_path(a->cfg, "talka", "secret_file", path, sizeof path);
    if (!pseudonym_key_load_or_create(path, p->key, sizeof p->key, err, errlen)) {
        free(p);
        return NULL;
    }
    p->keylen = strlen(p->key);
    return p;
}

void pipeline_free(struct pipeline *p)
{
    free(p);
    teach_release();       /* the word lists swapped out while it ran */
}

/* The words staff taught (teach.h), when there are any. */
static bool learn_taught(struct app *a)
{
    char err[1024] = "";
    int64_t n = 0;
    if (DB_FAILED(taught_words_count(a->db, &n)) || (n > 0 && !teach_relearn(a, a->db, err, sizeof err))) {
        log_error("cannot read the taught words: %s", err[0] ? err : "database error");
        return false;
    }
    return true;
}

int pipeline_open_app(struct app *a, struct pipeline **p)
{
    int rc = app_open(a, APP_ALL);
    if (rc)
        return rc;
    char err[1024] = "";
    if (!learn_taught(a)) {
        app_close(a);
        return 1;
    }
    *p = pipeline_new(a, err, sizeof err);
    if (!*p) {
        /* the pseudonym secret cannot be used: a problem met while acting (exit 1) */
        log_error("%s", err);
        app_close(a);
        return 1;
    }
    return 0;
}
const struct app *pipeline_app(const struct pipeline *p) { return p->app; }

void pipeline_set_staff_hook(struct pipeline *p, pipeline_staff_fn fn) { p->staff = fn; }

static void hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

bool pipeline_store(struct pipeline *p, struct db *db, const struct inbound_msg *in,
                    int64_t *id, bool *existed)
{
    (void)p;
    char key[200], e164[40];
    const char *sender = in->sender ? in->sender : "";
    if (in->transport_id && strlen(in->transport_id) > 150) {
        /* never cut: two long ids that share their first 150 characters are two texts */
        unsigned char h[32];
        digest_sha256(in->transport_id, strlen(in->transport_id), "", 0, h);
        char hx[65];
        hex(h, 32, hx);
        snprintf(key, sizeof key, "t:%.40s:sha256:%s", in->transport, hx);
    } else if (in->transport_id && *in->transport_id) {
        snprintf(key, sizeof key, "t:%s:%s", in->transport, in->transport_id);
    } else {
        /* same sender, text and timestamp = the same text */
        unsigned char h[32];
        digest_sha256(sender, strlen(sender) + 1, in->text ? in->text : "", in->len, h);
        char hx[65];
        hex(h, 16, hx);
        snprintf(key, sizeof key, "s:%lld:%s", (long long)in->received_at, hx);
    }
    enum phone_kind kind = phone_normalize(sender, e164, sizeof e164);
    return inbound_insert(db, key, in->channel, in->transport, in->transport_id, sender,
                          kind == PHONE_E164 ? e164 : NULL, in->text ? in->text : "", in->len,
                          in->received_at, in->meta_json, id, existed);
}

/* Does the text itself say which language it is in? Russian and English the parser
 * tells; for Latvian, any word other than the international STOP/START counts. */
static bool text_gives_language(const struct job *j)
{
    if (j->pr.lang != LANG_LV)
        return true;
    const unsigned char *s = (const unsigned char *)j->row.text;
    size_t i = 0, n = j->row.len;
    while (i < n) {
        while (i < n && !(isalpha(s[i]) || s[i] >= 0xC0))
            i++;
        size_t start = i;
        while (i < n && (isalpha(s[i]) || s[i] >= 0x80))
            i++;
        size_t wl = i - start;
        if (wl >= 2 && !(wl == 4 && !strncasecmp((const char *)s + start, "stop", 4)) &&
            !(wl == 5 && !strncasecmp((const char *)s + start, "start", 5)))
            return true;
    }
    return false;
}

/* false when the figures could not be read */
static bool points_reply(struct job *j, const char *key)
{
    char pts[24], total[48], name[160];
    int64_t trees = 0;
    if (!points_text(j->db, j->vol.id, pts, sizeof pts) ||
        totals_get(j->db, "", &trees) != DB_FOUND)
        return false;
    trees_phrase(j->lang, (long)trees, total, sizeof total);
    name_part(&j->vol, name, sizeof name);
    struct reply_var v[] = { { "points", pts }, { "total", total }, { "name", name } };
    job_reply(j, key, v, 3);
    return true;
}

/* The reply to a text the parser could not read: its error code's reply (with
 * the parser's suggestion, when it has one), "unknown" when there is none. */
static void error_reply(struct job *j)
{
    const struct parse_result *pr = &j->pr;
    struct pipeline_outcome *out = j->out;
    char buf[256];
    const char *code = pr->error ? pr->error : "unknown";
    snprintf(out->outcome, sizeof out->outcome, "error:%s", code);
    char max[24];
    snprintf(max, sizeof max, "%ld", j->p->app->popts.max_count);
    struct reply_var v[] = { { "suggestion", pr->suggestion }, { "max", max } };
    const char *key = code;
    if (!strcmp(code, "unknown_command"))
        key = "unknown";
    if (pr->suggestion[0] && (!strcmp(code, "unknown_species") || !strcmp(code, "unknown_place"))) {
        snprintf(buf, sizeof buf, "%s_hint", code);
        key = buf;
    }
    if (!replies_get(j->p->app->replies, j->lang, key))
        key = "unknown";
    job_reply(j, key, v, 2);
}

static bool handle_command(struct job *j)
{
    struct parse_result *pr = &j->pr;
    struct pipeline_outcome *out = j->out;
    bool asked;
    if (!askback_maybe_ask(j, &asked))
        return false;
    if (asked)
        return true;
    if (!pr->ok) {
        error_reply(j);
        return true;
    }
    switch (pr->command) {
    case CMD_PLANT:
        return handle_plant(j);
    case CMD_POINTS:
        snprintf(out->outcome, sizeof out->outcome, "points");
        return points_reply(j, "points");
    case CMD_REGISTER: {
        char name[64]; /* names are kept to 63 bytes, cut below on a character boundary */
        size_t keep = strnlen(pr->name, sizeof name - 1);
        memcpy(name, pr->name, keep);
        name[keep] = '\0';
        /* never cut a UTF-8 sequence in half */
        size_t n = strlen(name);
        while (n > 0 && ((unsigned char)name[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)name[n - 1] >= 0xC0 && strlen(pr->name) >= sizeof name - 1)
            name[n - 1] = '\0';
        if (!volunteer_set_name(j->db, j->vol.id, name))
            return false;
        snprintf(j->vol.name, sizeof j->vol.name, "%s", name);
        snprintf(out->outcome, sizeof out->outcome, "registered");
        struct reply_var v[] = { { "name", name } };
        job_reply(j, "registered", v, 1);
        return true;
    }
    case CMD_STOP:
    case CMD_START:
        if (!volunteer_set_opted_out(j->db, j->vol.id, pr->command == CMD_STOP))
            return false;
        snprintf(out->outcome, sizeof out->outcome, pr->command == CMD_STOP ? "stopped" : "started");
        job_reply(j, out->outcome, NULL, 0);
        return true;
    case CMD_HELP:
        snprintf(out->outcome, sizeof out->outcome, pr->help_page == 2 ? "help2" : "help");
        job_reply(j, out->outcome, NULL, 0);
        return true;
    case CMD_DELETE:
        return handle_delete(j);
    case CMD_CANCEL:
        return handle_cancel(j);
    case CMD_THANKS:
        /* thanks or goodbye alone: stored, not answered (docs/sms-language.md:
         * each reply costs the campaign a text, and this one would say nothing) */
        snprintf(out->outcome, sizeof out->outcome, "thanks");
        return true;
    case CMD_YES:
    case CMD_NO: /* an answer with no question waiting (askback_before took the others) */
        snprintf(out->outcome, sizeof out->outcome, "answer:nothing_waiting");
        job_reply(j, "nothing_waiting", NULL, 0);
        return true;
    case CMD_UNKNOWN:
    default:
        snprintf(out->outcome, sizeof out->outcome, "error:unknown_command");
        job_reply(j, "unknown", NULL, 0);
        return true;
    }
}

/* A text in the public language: parsed (unless the caller did), the
 * volunteer's language kept or changed, then answered; false on a database
 * error. */
static bool handle_public(struct job *j, const struct parse_result *preparsed)
{
    if (preparsed)
        j->pr = *preparsed;
    else
        parse_text(j->p->app->lex, j->row.text, j->row.len, j->row.received_at,
                   &j->p->app->popts, &j->pr);
    /* an answer (jā, ok, da) from someone talka knows, or Latvian in Cyrillic
     * letters, keeps the language the volunteer is answered in */
    bool answer = (j->pr.command == CMD_YES || j->pr.command == CMD_NO) && !j->vol.created;
    /* so does an answer to a question that waits ("2", "Dobelē", "desmit"): a
     * text that is no command and no report of its own */
    bool answer_like = j->pr.command == CMD_UNKNOWN ||
                       (j->pr.command == CMD_PLANT && !j->pr.ok && !j->pr.confirm);
    if (!answer && answer_like && !j->vol.created && !preparsed && !askback_live(j, &answer))
        return false;
    if (preparsed || (text_gives_language(j) && !answer && !j->pr.translit)) {
        j->lang = j->pr.lang;
        if (strcmp(j->vol.lang, lang_code(j->lang)) &&
            !volunteer_set_lang(j->db, j->vol.id, lang_code(j->lang), j->now))
            return false;
    }
    bool done = false;
    if (!askback_before(j, &done) || (!done && !handle_command(j)))
        return false;
    return true;
}

/* The body of pipeline_process, inside the transaction. */
static bool process_row(struct job *j, const struct parse_result *preparsed)
{
    struct pipeline_outcome *out = j->out;
    enum phone_kind kind = phone_normalize(j->row.sender, j->e164, sizeof j->e164);
    if (kind != PHONE_E164) {
        snprintf(out->outcome, sizeof out->outcome, "ignored:%s",
                 kind == PHONE_ALPHANUMERIC ? "alphanumeric" : kind == PHONE_SHORTCODE ? "shortcode"
                                                                                    : "invalid");
        log_info("inbound %lld from a sender we never answer: stored only", (long long)j->row.id);
        return inbound_mark_handled(j->db, j->row.id, out->outcome, 0, j->now);
    }
    if (!volunteer_get_or_create(j->db, j->e164, lang_code(LANG_LV), j->now, &j->vol))
        return false;
    j->lang = lang_from_code(j->vol.lang);

    /* floods and loops: beyond the hourly rate, stored and not answered */
    /* in arrival order: texts stored in one batch do not count against earlier ones */
    int64_t recent = inbound_count_since(j->db, j->e164, j->row.received_at - 3600,
                                         j->row.received_at, j->row.id);
    if (recent < 0) {
        log_error("inbound %lld: cannot count the sender's recent texts; not handled now",
                  (long long)j->row.id);
        return false; /* fails closed: rolled back, no reply, retried later */
    }
    if (recent > j->p->rules.texts_per_hour) {
        snprintf(out->outcome, sizeof out->outcome, "flood");
        log_warn("volunteer %lld: %lld texts within an hour, not answering", (long long)j->vol.id,
                 (long long)recent);
        return inbound_mark_handled(j->db, j->row.id, out->outcome, j->vol.id, j->now);
    }

    bool staff_done = false;
    if (j->p->staff && !preparsed) {
        staff_done = j->p->staff(j->p, j->db, j->row.id, j->e164, j->row.text, j->row.len, j->now, out);
        if (staff_done && !strcmp(out->outcome, "error:db"))
            return false; /* a staff check could not be made: fails closed */
    }
    if (!staff_done && !handle_public(j, preparsed))
        return false;
    out->lang = lang_code(j->lang);
    if (out->outcome[0] == '\0')
        snprintf(out->outcome, sizeof out->outcome, "handled");
    if (!inbound_mark_handled(j->db, j->row.id, out->outcome, j->vol.id, j->now))
        return false;
    int64_t points = 0;
    if (points_total(j->db, j->vol.id, &points) != DB_FOUND)
        return false;
    out->points_total = (long)points;

    if (!out->reply_due || (j->flags & PIPE_NO_SMS_REPLY) || out->outbound_id)
        return true;
    int64_t replies = 0;
    if (outbox_replies_since(j->db, j->e164, j->now - 3600, &replies) != DB_FOUND) {
        log_error("inbound %lld: cannot count the replies of the last hour; not handled now",
                  (long long)j->row.id);
        return false; /* fails closed */
    }
    if (replies >= j->p->rules.replies_per_hour) {
        log_warn("volunteer %lld: %lld replies within an hour, not answering", (long long)j->vol.id,
                 (long long)replies);
        out->reply_due = false;
        out->reply[0] = '\0';
        return true;
    }
    out->outbound_id = outbox_enqueue(j->db, j->e164, out->reply, PRIO_REPLY, "reply", j->row.id,
                                      0, j->now);
    return out->outbound_id != 0;
}

/* Handles row id inside the caller's transaction; false on a database error. */
static bool process_in_tx(struct pipeline *p, struct db *db, int64_t id, unsigned flags,
                          const struct parse_result *preparsed, struct pipeline_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->inbound_id = id;
    out->lang = lang_code(LANG_LV);
    struct job j;
    memset(&j, 0, sizeof j);
    j.p = p;
    j.db = db;
    j.flags = flags;
    j.now = clock_now();
    j.out = out;
    j.lang = LANG_LV;
    if (inbound_load(db, id, &j.row) != DB_FOUND)
        return false;
    if (j.row.handled) {
        out->already_handled = true;
        snprintf(out->outcome, sizeof out->outcome, "%s", j.row.outcome);
        inbound_row_free(&j.row);
        return true;
    }
    if (!strcmp(j.row.channel, "ussd"))
        j.flags |= PIPE_NO_SMS_REPLY; /* the USSD screen is the answer, never an SMS */
    bool ok = process_row(&j, preparsed);
    inbound_row_free(&j.row);
    return ok;
}

static bool process(struct pipeline *p, struct db *db, int64_t id, unsigned flags,
                    const struct parse_result *preparsed, struct pipeline_outcome *out)
{
    if (!db_begin(db))
        return false;
    if (!process_in_tx(p, db, id, flags, preparsed, out)) {
        db_rollback(db);
        log_error("inbound %lld: handling failed; it stays unhandled and is retried", (long long)id);
        return false;
    }
    if (!db_commit(db))
        return false;
    log_debug("inbound %lld: %s", (long long)id, out->outcome);
    return true;
}

bool pipeline_process_many(struct pipeline *p, struct db *db, const int64_t *ids, int n,
                           unsigned flags, struct pipeline_outcome *outs)
{
    assert(n >= 1 && ids && outs);
    if (n == 1)
        return process(p, db, ids[0], flags, NULL, &outs[0]);
    if (db_begin(db)) {
        int i = 0;
        while (i < n && process_in_tx(p, db, ids[i], flags, NULL, &outs[i]))
            i++;
        if (i == n && db_commit(db))
            return true;
        db_rollback(db);
    }
    /* one text failed: handle each alone, so the others are not held back */
    bool all = true;
    for (int i = 0; i < n; i++)
        all = process(p, db, ids[i], flags, NULL, &outs[i]) && all;
    return all;
}

bool pipeline_process(struct pipeline *p, struct db *db, int64_t inbound_id, unsigned flags,
                      struct pipeline_outcome *out)
{
    return process(p, db, inbound_id, flags, NULL, out);
}

/* The raw text and its handling in one transaction (one commit, not two): the
 * handling sits in a savepoint, so when it fails the raw text is still committed,
 * unhandled, and handled again later (pipeline_recover, or the sender's retry of
 * the same transport id), as when it was stored on its own first. */
bool pipeline_handle(struct pipeline *p, struct db *db, const struct inbound_msg *in,
                     unsigned flags, struct pipeline_outcome *out)
{
    int64_t id;
    bool existed;
    memset(out, 0, sizeof *out);
    if (!db_begin(db))
        return false;
    if (!pipeline_store(p, db, in, &id, &existed)) {
        db_rollback(db);
        return false;
    }
    if (!db_savepoint(db)) {
        db_rollback(db);
        return false;
    }
    bool handled = process_in_tx(p, db, id, flags, in->preparsed, out);
    if (!handled) {
        db_savepoint_undo(db);
        log_error("inbound %lld: handling failed; it stays unhandled and is retried",
                  (long long)id);
    }
    if (!db_savepoint_end(db) || !db_commit(db)) {
        db_rollback(db);
        return false;
    }
    if (!handled)
        return false;
    log_debug("inbound %lld: %s", (long long)id, out->outcome);
    return true;
}

int pipeline_recover(struct pipeline *p, struct db *db)
{
    int total = 0;
    int64_t ids[256];
    int n;
    int64_t last = 0;
    while ((n = inbound_unhandled(db, ids, 256)) > 0) {
        if (ids[n - 1] == last)
            break; /* a row that keeps failing: leave it, it was logged */
        last = ids[n - 1];
        for (int i = 0; i < n; i++) {
            struct pipeline_outcome out;
            if (pipeline_process(p, db, ids[i], 0, &out))
                total++;
        }
    }
    return total;
}

int64_t pipeline_notify(struct pipeline *p, struct db *db, const char *e164, const char *text,
                        int priority, const char *kind)
{
    (void)p;
    return outbox_enqueue(db, e164, text, priority, kind, 0, 0, clock_now());
}
