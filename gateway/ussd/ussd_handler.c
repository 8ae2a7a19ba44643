/* ussd_handler.c: sessions, retries and the latest input around the USSD menu,
 * and the pipeline call that saves a finished registration. */
#include "gateway/ussd/ussd_handler.h"
#include "db/plantings.h"
#include "gateway/core/names.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/phone.h"
#include "parsers/names.h"

#include <jansson.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#define PURGE_EVERY 60

static _Atomic long long last_purge;

/* The endpoint's threads take turns to write: waiting here wakes at once, while
 * SQLite's busy handler sleeps in steps of up to 25 ms, which showed as a p99 of
 * 70 ms with 50 handsets at once (bench/ussd.sh). */
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

/* A handset waits on the operator's session: past this the write lock (the
 * endpoint's turn and SQLite's) is given up and the caller told to dial again. */
#define WRITE_WAIT_MS 1500

/* Takes the endpoint's turn to write, by deadline (clock_mono_ms()); then gives
 * SQLite what is left of the wait. False when the turn did not come in time. */
static bool write_turn(struct db *db, long long deadline)
{
    long long left = deadline - clock_mono_ms();
    if (left < 1)
        left = 1;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)(left / 1000);
    ts.tv_nsec += (long)(left % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    if (pthread_mutex_timedlock(&write_mu, &ts) != 0)
        return false;
    left = deadline - clock_mono_ms();
    db_set_write_wait(db, left < 1 ? 1 : (int)left);
    return true;
}

void ussd_handler_init(struct ussd_handler *h, const struct app *a, struct pipeline *pipe,
                       const struct ussd_screens *scr)
{
    memset(h, 0, sizeof *h);
    h->app = a;
    h->pipe = pipe;
    h->scr = scr;
    snprintf(h->sms_number, sizeof h->sms_number, "%s",
             config_str(a->cfg, "ussd", "sms_number"));
    const char *dl = config_str(a->cfg, "ussd", "default_lang");
    snprintf(h->default_lang, sizeof h->default_lang, "%s", lang_code(lang_from_code(dl)));
    h->session_timeout = (int)config_int(a->cfg, "ussd", "session_timeout");
    h->keep = (int)config_int(a->cfg, "ussd", "keep");
    if (h->keep < h->session_timeout)
        h->keep = h->session_timeout;
}

struct save_ctx {
    struct ussd_handler *h;
    const struct ussd_request *rq;
    time_t now;
    long long deadline;   /* clock_mono_ms() by which the write lock must be had */
    bool busy;            /* the save found the database locked by someone else */
};

static bool save_via_pipeline(void *arg, struct db *db, const struct ussd_session *s,
                              const struct parse_result *pr, struct ussd_saved *out)
{
    struct save_ctx *c = arg;
    /* unique per session, also when a provider reuses session ids on other days */
    char tid[USSD_SESSION_ID_MAX + 32];
    snprintf(tid, sizeof tid, "%s@%lld", s->id, (long long)s->created_at);
    json_t *meta = json_pack("{s:s, s:s, s:s}", "session", s->id,
                             "service_code", c->rq->service_code,
                             "network_code", c->rq->network_code);
    char *meta_json = meta ? json_dumps(meta, JSON_COMPACT) : NULL;
    json_decref(meta);
    struct inbound_msg msg;
    memset(&msg, 0, sizeof msg);
    msg.channel = "ussd";
    msg.transport = "ussd";
    msg.transport_id = tid;
    msg.sender = s->phone;
    msg.text = s->trail;
    msg.len = strlen(s->trail);
    msg.received_at = c->now;
    msg.meta_json = meta_json;
    msg.preparsed = pr;
    struct pipeline_outcome po;
    memset(&po, 0, sizeof po);
    bool ok = false;
    if (write_turn(db, c->deadline)) {
        ok = pipeline_handle(c->h->pipe, db, &msg, PIPE_NO_SMS_REPLY, &po);
        if (!ok && db_busy(db))
            c->busy = true;
        pthread_mutex_unlock(&write_mu);
    } else {
        c->busy = true;
    }
    free(meta_json);
    if (!ok)
        return false;
    /* a registration handled before (a retry after a crash) reports no total */
    int64_t points = po.points_total;
    if (po.already_handled && points_of_number(db, s->phone, &points) != DB_FOUND)
        return false;
    out->points_total = (long)points;
    snprintf(out->outcome, sizeof out->outcome, "%s", po.outcome);
    return true;
}

static void answer_from_stored(const char *stored, struct ussd_answer *out)
{
    out->end = !strncmp(stored, "END ", 4);
    snprintf(out->text, sizeof out->text, "%s", stored + (strlen(stored) >= 4 ? 4 : 0));
}

/* the latest input of a cumulative text, given the trail answered so far */
static const char *latest_input(const char *trail, const char *text)
{
    if (!trail[0])
        return text;
    size_t n = strlen(trail);
    if (!strncmp(text, trail, n) && text[n] == '*')
        return text + n + 1;
    /* the provider lost or changed something: take what follows the last '*' */
    const char *star = strrchr(text, '*');
    return star ? star + 1 : text;
}

static void set_trail(struct ussd_session *s, const char *trail)
{
    snprintf(s->trail, sizeof s->trail, "%s", trail);
}

static void append_trail(struct ussd_session *s, const char *input)
{
    size_t n = strlen(s->trail);
    snprintf(s->trail + n, sizeof s->trail - n, "%s%s", n ? "*" : "", input);
}

static void maybe_purge(struct ussd_handler *h, struct db *db, time_t now)
{
    long long prev = atomic_load(&last_purge);
    if (now - prev < PURGE_EVERY && now >= prev)
        return;
    if (!atomic_compare_exchange_strong(&last_purge, &prev, (long long)now))
        return;
    if (!write_turn(db, clock_mono_ms() + WRITE_WAIT_MS))
        return;   /* next time */
    int n = ussd_purge(db, now - h->keep);
    pthread_mutex_unlock(&write_mu);
    if (n > 0)
        log_debug("ussd: purged %d old session rows", n);
}

/* A new session: its number and language, the main menu, and the inputs a
 * first request may already carry; false when the language cannot be read. */
static bool session_begin(const struct ussd_handler *h, struct ussd_menu_env *env, struct db *db,
                          const struct ussd_request *rq, const char *e164,
                          struct ussd_session *s, struct ussd_answer *out)
{
    time_t now = env->now;
    snprintf(s->id, sizeof s->id, "%s", rq->session_id);
    snprintf(s->phone, sizeof s->phone, "%s", e164);
    if (DB_FAILED(ussd_volunteer_lang(db, e164, s->lang)))
        return false;
    if (!s->lang[0])
        snprintf(s->lang, sizeof s->lang, "%s", h->default_lang);
    s->step = USSD_MAIN;
    s->created_at = now;
    ussd_menu_begin(env, s, out);
    if (rq->text[0] && rq->cumulative) {
        /* a first request that already carries inputs (e.g. *123*8733*1#) */
        char *copy = strdup(rq->text);
        char *save_ptr = NULL;
        for (char *tok = copy ? strtok_r(copy, "*", &save_ptr) : NULL;
             tok && s->step != USSD_DONE; tok = strtok_r(NULL, "*", &save_ptr)) {
            append_trail(s, tok);
            ussd_menu_input(env, s, tok, out);
        }
        free(copy);
        set_trail(s, rq->text);
    } else if (rq->text[0]) {
        append_trail(s, rq->text);
        ussd_menu_input(env, s, rq->text, out);
    }
    return true;
}

/* The next input of a session under way: the newest part of a cumulative text,
 * or the text itself. */
static void session_continue(struct ussd_menu_env *env, const struct ussd_request *rq,
                             struct ussd_session *s, struct ussd_answer *out)
{
    if (rq->cumulative) {
        const char *input = latest_input(s->trail, rq->text);
        char *in = strdup(input);
        set_trail(s, rq->text);
        ussd_menu_input(env, s, in ? in : "", out);
        free(in);
    } else {
        append_trail(s, rq->text);
        ussd_menu_input(env, s, rq->text, out);
    }
}

/* Stores the session with the answer given to key, or, when that cannot be
 * done, changes the answer: the one stored by a retry that won, or busy/error. */
static void commit_turn(struct ussd_menu_env *env, const struct save_ctx *sc,
                        struct ussd_session *s, const char *key, enum lang dlang,
                        struct ussd_answer *out)
{
    struct db *db = env->db;
    char stored[USSD_SCREEN_MAX + 8];
    char answer[USSD_SCREEN_MAX + 8];
    snprintf(answer, sizeof answer, "%s %s", out->end ? "END" : "CON", out->text);
    enum ussd_commit_result r = USSD_COMMIT_BUSY;
    if (!sc->busy && write_turn(db, sc->deadline)) {
        r = ussd_commit(db, s, key, answer, stored, sizeof stored);
        pthread_mutex_unlock(&write_mu);
    }
    switch (r) {
    case USSD_COMMIT_WON:
        break;
    case USSD_COMMIT_LOST:
        answer_from_stored(stored, out);
        break;
    case USSD_COMMIT_BUSY:
        /* nothing stored: the session stays as it was; the handset is told to
         * dial again instead of waiting past the operator's timeout */
        log_warn("ussd: database locked by another writer for %d ms; answered busy "
                 "(session kept as it was)", WRITE_WAIT_MS);
        ussd_menu_screen(env, lang_from_code(s->lang), "busy", out);
        break;
    case USSD_COMMIT_FOREIGN:
        /* another number claimed this new session id a moment earlier */
        log_warn("ussd: a session id claimed by another number at the same moment");
        ussd_menu_screen(env, dlang, "error", out);
        break;
    case USSD_COMMIT_ERROR:
        log_error("ussd: could not store the session");
        ussd_menu_screen(env, lang_from_code(s->lang), "error", out);
        break;
    }
}

void ussd_handle(struct ussd_handler *h, struct db *db, const struct ussd_request *rq,
                 struct ussd_answer *out)
{
    time_t now = clock_now();
    struct save_ctx sc = { h, rq, now, clock_mono_ms() + WRITE_WAIT_MS, false };
    struct ussd_menu_env env = {
        .lex = h->app->lex, .scr = h->scr, .db = db,
        .min_count = h->app->popts.min_count > 0 ? h->app->popts.min_count : 1,
        .max_count = h->app->popts.max_count > 0 ? h->app->popts.max_count : 10000,
        .sms_number = h->sms_number, .now = now,
        .save = save_via_pipeline, .save_arg = &sc,
    };
    enum lang dlang = lang_from_code(h->default_lang);
    maybe_purge(h, db, now);

    char e164[32];
    struct ussd_session *s = NULL;
    if (phone_normalize(rq->phone, e164, sizeof e164) != PHONE_E164 || !rq->session_id[0] ||
        !(s = calloc(1, sizeof *s))) {
        ussd_menu_screen(&env, dlang, "error", out);
        return;
    }
    enum db_status loaded = ussd_session_load(db, rq->session_id, s);
    bool found = loaded == DB_FOUND;
    if (DB_FAILED(loaded) || (found && strcmp(s->phone, e164))) {
        /* a failed read, or someone else's session id: answer nothing about it */
        ussd_menu_screen(&env, dlang, "error", out);
        free(s);
        return;
    }
    /* an aggregator's retry: the answer given before, nothing done again */
    const char *key = rq->request_key[0] ? rq->request_key : rq->text;
    char stored[USSD_SCREEN_MAX + 8];
    enum db_status given = found ? ussd_answer_get(db, rq->session_id, key, stored, sizeof stored)
                                 : DB_NONE;
    if (DB_FAILED(given)) {
        ussd_menu_screen(&env, dlang, "error", out);
        free(s);
        return;
    }
    if (given == DB_FOUND) {
        answer_from_stored(stored, out);
        free(s);
        return;
    }
    if (found && (s->ended || now - s->updated_at > h->session_timeout)) {
        ussd_menu_screen(&env, lang_from_code(s->lang), "expired", out);
        s->ended = true;
    } else if (!found) {
        if (!session_begin(h, &env, db, rq, e164, s, out)) {
            ussd_menu_screen(&env, dlang, "error", out);
            free(s);
            return;
        }
    } else {
        session_continue(&env, rq, s, out);
    }
    s->updated_at = now;

    commit_turn(&env, &sc, s, key, dlang, out);
    free(s);
}
