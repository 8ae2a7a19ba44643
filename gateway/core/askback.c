/* askback.c: the questions talka asks back about a report, and their answers
 * (see askback.h; the conversation as a whole: docs/sms-language.md). The
 * report's own text stays in the inbound table; when the answer comes it is
 * parsed again (same lexicon, same receive time; with the text that completed
 * it, for a half-report), the answer applied, and the report registered exactly
 * as if it had been clear: the plantings belong to the report's inbound row, so
 * a repeated answer or a crash in between can never count it twice. */
#include "gateway/core/askback.h"
#include "gateway/core/dialogue.h"
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"
#include "gateway/core/pipeline_plant.h"

#include "db/askback.h"
#include "gateway/base/log.h"
#include "parsers/grammar.h"

#include <stdio.h>
#include <string.h>

static void outcome(struct job *j, const char *what)
{
    snprintf(j->out->outcome, sizeof j->out->outcome, "%s", what);
}

/* "1 Jēkabpils, 2 Mārupes": the municipalities a place name may be in, by
 * digit ("novads" left out: the question names it). */
static void format_choices(const struct parse_result *pr, char *out, size_t len)
{
    out[0] = '\0';
    for (int i = 0; i < pr->nchoices && i < PARSE_MAX_CHOICES; i++) {
        const char *m = pr->choices[i]->municipality;
        const char *cut = strstr(m, " novads");
        int n = cut && !cut[7] ? (int)(cut - m) : (int)strlen(m);
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%d %.*s", i ? ", " : "", i + 1, n, m);
    }
}

/* The report's items with the count written as a range shown as that range
 * ("liepa 8-10 gab.", "8-10 small-leaved limes"). */
static void range_items(enum lang lang, const struct parse_result *pr, char *out, size_t len)
{
    struct parse_item it[PARSE_MAX_ITEMS];
    memcpy(it, pr->items, sizeof it[0] * (size_t)pr->nitems);
    int k = pr->range_item;
    if (pr->range_hi <= 0 || k < 0 || k >= pr->nitems) {
        format_items(lang, it, pr->nitems, out, len);
        return;
    }
    long lo = it[k].count;
    it[k].count = pr->range_hi;                 /* the plural that agrees with the range */
    char one[200], hi[24], shown[200];
    format_items(lang, &it[k], 1, one, sizeof one);
    snprintf(hi, sizeof hi, "%ld", pr->range_hi);
    const char *at = strstr(one, hi);
    if (at)
        snprintf(shown, sizeof shown, "%.*s%ld-%s", (int)(at - one), one, lo, at);
    else
        snprintf(shown, sizeof shown, "%s", one);
    char rest[400] = "";
    for (int i = 0; i < pr->nitems; i++) {
        char piece[200];
        if (i == k)
            snprintf(piece, sizeof piece, "%s", shown);
        else
            format_items(lang, &it[i], 1, piece, sizeof piece);
        size_t used = strlen(rest);
        snprintf(rest + used, sizeof rest - used, "%s%s", used ? ", " : "", piece);
    }
    snprintf(out, len, "%s", rest);
}

/* The question about report pr, in the job's language, into the reply. */
static void ask_reply(struct job *j, const struct parse_result *pr, char *summary, size_t slen)
{
    char items[400], choices[300], trees[48];
    long n = 0;
    unsigned missing = dialogue_missing(pr);
    if (missing) {                               /* "Kur iestādījāt? Atbildiet ar vietu" */
        job_reply(j, dialogue_ask_key(missing), NULL, 0);
        snprintf(summary, slen, "%s", dialogue_ask_key(missing));
        return;
    }
    for (int i = 0; i < pr->nitems; i++)
        n += pr->items[i].count;
    trees_phrase(j->lang, n, trees, sizeof trees);   /* "12 koki", "5 деревьев" */
    format_items(j->lang, pr->items, pr->nitems, items, sizeof items);
    if (pr->nchoices) {
        format_choices(pr, choices, sizeof choices);
        struct reply_var v[] = { { "items", items }, { "choices", choices },
                                 { "place", place_name(pr->choices[0], j->lang) } };
        job_reply(j, "confirm_choice", v, 3);
        snprintf(summary, slen, "%s, %s: %s", items, pr->choices[0]->name, choices);
        return;
    }
    bool range = pr->confirm && !strcmp(pr->confirm, "range") && pr->range_hi > 0;
    if (range)
        range_items(j->lang, pr, items, sizeof items);
    struct reply_var v[] = { { "items", items }, { "place", place_name(pr->place, j->lang) },
                             { "trees", trees } };
    job_reply(j, range ? "confirm_range" : "confirm", v, 3);
    snprintf(summary, slen, "%s, %s", items, pr->place ? pr->place->name : "");
}

/* A first report above [rules] ask_first_count: more likely a slip than a
 * forest (USSD showed the count on its own confirm screen already). */
static bool first_big(struct job *j, const struct parse_result *pr, bool *big)
{
    *big = false;
    if (!pr->ok || pr->command != CMD_PLANT || (j->flags & PIPE_NO_SMS_REPLY))
        return true;
    bool over = false;
    for (int i = 0; i < pr->nitems; i++)
        over |= pr->items[i].count > j->p->rules.ask_first_count;
    int64_t before = 0;
    if (over && plantings_count_of(j->db, j->vol.id, &before) != DB_FOUND)
        return false;
    *big = over && before == 0;
    return true;
}

bool askback_maybe_ask(struct job *j, bool *asked)
{
    struct parse_result *pr = &j->pr;
    const char *ask = pr->confirm;
    bool big = false;
    *asked = false;
    if (!ask && !first_big(j, pr, &big))
        return false;
    if (big)
        ask = "count";
    if (!ask && !(j->flags & PIPE_NO_SMS_REPLY) && dialogue_missing(pr))
        ask = "ask";                             /* a half-report: ask for its missing part */
    if (!ask)
        return true;
    char summary[512];
    ask_reply(j, pr, summary, sizeof summary);
    if (!strcmp(ask, "ask"))                     /* for staff: the text, and what it lacks */
        snprintf(summary, sizeof summary, "%.200s (%s?)", j->row.text,
                 dialogue_ask_key(dialogue_missing(pr)) + 4);
    if (!askback_open(j->db, j->vol.id, j->row.id, ask, pr->nchoices, summary, j->row.received_at,
                      j->row.received_at + ASKBACK_SECONDS))
        return false;
    outcome(j, "awaiting_confirmation");
    log_info("inbound %lld: asked back (%s)", (long long)j->row.id, ask);
    *asked = true;
    return true;
}

/* The question no longer stands (the lists changed, the text was erased). */
static bool gone(struct job *j, const struct askback *q)
{
    outcome(j, "answer:nothing_waiting");
    job_reply(j, "nothing_waiting", NULL, 0);
    return askback_close(j->db, q->id, "expired", j->row.id, j->now);
}

/* Report r (question q's, as answered) registered as the report's own text. */
static bool register_report(struct job *j, const struct askback *q, struct job *r)
{
    r->pr.ok = true;
    r->pr.error = NULL;
    r->pr.confirm = NULL;
    r->pr.nchoices = 0;
    r->pr.suggestion[0] = '\0';
    /* the report's row now says what became of it (the duplicate rule reads it) */
    bool ok = handle_plant(r) && askback_close(j->db, q->id, "confirmed", j->row.id, j->now) &&
              inbound_set_outcome(j->db, q->inbound_id, j->out->outcome);
    inbound_row_free(&r->row);
    if (ok)
        log_info("inbound %lld: answered report %lld", (long long)j->row.id, (long long)q->inbound_id);
    return ok;
}

/* The answer confirms question q as asked (JĀ): the report is parsed again and
 * registered (a range with its lower count). */
static bool confirm(struct job *j, const struct askback *q)
{
    struct job r;
    enum db_status st = dialogue_report(j, q, NULL, 0, &r);
    if (DB_FAILED(st))
        return false;
    bool usable = st == DB_FOUND && r.pr.command == CMD_PLANT && !r.pr.nchoices &&
                  (!strcmp(q->ask, "count") ? r.pr.ok : r.pr.confirm != NULL);
    if (!usable) {
        if (st == DB_FOUND)
            inbound_row_free(&r.row);
        return gone(j, q);
    }
    return register_report(j, q, &r);
}

/* An answer that did not answer "how many exactly?": asked once more, then
 * the question ends kindly. Frees r's row. */
static bool range_again(struct job *j, const struct askback *q, struct job *r)
{
    char items[400];
    range_items(j->lang, &r->pr, items, sizeof items);
    inbound_row_free(&r->row);
    if (q->tries >= 1) {
        outcome(j, "answer:unanswered");
        job_reply(j, "range_gave_up", NULL, 0);
        return askback_close(j->db, q->id, "unanswered", j->row.id, j->now);
    }
    struct reply_var v[] = { { "items", items } };
    outcome(j, "answer:ask_again");
    job_reply(j, "range_again", v, 1);
    return askback_tried(j->db, q->id);
}

/* "How many exactly?" answered: a count the usual checks accept replaces the
 * range (a count for staff review goes there); 0 or out of range asks again;
 * count < 0: not a number at all. */
static bool range_count(struct job *j, const struct askback *q, long count, bool number)
{
    struct job r;
    enum db_status st = dialogue_report(j, q, NULL, 0, &r);
    if (DB_FAILED(st))
        return false;
    if (st != DB_FOUND || r.pr.command != CMD_PLANT || !r.pr.confirm ||
        strcmp(r.pr.confirm, "range") || r.pr.range_item >= r.pr.nitems) {
        if (st == DB_FOUND)
            inbound_row_free(&r.row);
        return gone(j, q);
    }
    const struct parse_options *o = &j->p->app->popts;
    if (!number || count < o->min_count || count > o->max_count)
        return range_again(j, q, &r);
    r.pr.items[r.pr.range_item].count = count;
    return register_report(j, q, &r);
}

/* Is the text a report that stands on its own (clear, or itself asked about)? */
static bool full_report(const struct job *j, int digit)
{
    return j->pr.command == CMD_PLANT && (j->pr.ok || j->pr.confirm) && !digit;
}

/* Not an answer: read as usual; a report ends the question (a report that is
 * itself asked about, or a half-report, replaces it in askback_maybe_ask). */
static bool not_answer(struct job *j, const struct askback *q, int digit)
{
    const struct parse_result *pr = &j->pr;
    if (pr->command == CMD_PLANT && !digit && !pr->confirm && !dialogue_missing(pr))
        return askback_close(j->db, q->id, "expired", j->row.id, j->now);
    return true;
}

/* "Kura novada? 1 Aizkraukles, 2 Augšdaugavas": a digit, an ordinal or a name. */
static bool choice_answer(struct job *j, const struct askback *q, int digit, bool *done)
{
    bool yes = j->pr.command == CMD_YES;
    if (full_report(j, digit))
        return not_answer(j, q, digit);
    struct job r;
    enum db_status st = dialogue_report(j, q, NULL, 0, &r);
    if (DB_FAILED(st))
        return false;
    if (st != DB_FOUND || r.pr.command != CMD_PLANT || r.pr.nchoices == 0) {
        if (st == DB_FOUND)                      /* the lists changed since */
            inbound_row_free(&r.row);
        if (!yes && !digit)
            return not_answer(j, q, digit);
        *done = true;
        return gone(j, q);
    }
    int c = dialogue_choice(j, &r.pr);
    if (c) {
        *done = true;
        r.pr.place = r.pr.choices[c - 1];
        return register_report(j, q, &r);
    }
    if (!yes && !digit) {                        /* names none of them: read as usual */
        inbound_row_free(&r.row);
        return not_answer(j, q, digit);
    }
    *done = true;
    char summary[512];                           /* a digit not offered: asked again */
    ask_reply(j, &r.pr, summary, sizeof summary);
    outcome(j, "answer:ask_again");
    inbound_row_free(&r.row);
    return true;
}

/* "Jūs rakstījāt 8-10 liepas. Cik tieši?": a count, JĀ (the lower one), or
 * words that say no number (asked again once). */
static bool range_answer(struct job *j, const struct askback *q, int digit, bool *done)
{
    const struct parse_result *pr = &j->pr;
    if (full_report(j, digit))
        return not_answer(j, q, digit);
    *done = true;
    if (pr->command == CMD_YES)
        return confirm(j, q);
    if (pr->count_only)
        return range_count(j, q, pr->count_value, true);
    /* no count, and not a report nor half of one (those replace the question) */
    bool wordy = pr->command == CMD_UNKNOWN ||
                 (pr->command == CMD_PLANT && !(pr->parts & PART_COUNT) && !dialogue_missing(pr));
    if (wordy)
        return range_count(j, q, 0, false);
    *done = false;                               /* a command: done as usual, still waiting */
    return not_answer(j, q, digit);
}

/* A half-report's question: the text that supplies the missing part completes
 * it (the two texts read as one report); JĀ hears the question again. */
static bool half_answer(struct job *j, const struct askback *q, int digit, bool *done)
{
    const struct parse_result *pr = &j->pr;
    if (full_report(j, digit) || (pr->command != CMD_PLANT && pr->command != CMD_UNKNOWN &&
                                  pr->command != CMD_YES))
        return not_answer(j, q, digit);
    bool yes = pr->command == CMD_YES;
    struct job r;
    enum db_status st = dialogue_report(j, q, yes ? NULL : j->row.text, j->row.len, &r);
    if (DB_FAILED(st))
        return false;
    if (st != DB_FOUND)
        return yes ? (*done = true, gone(j, q)) : not_answer(j, q, digit);
    char summary[512];
    if (yes) {                                   /* the question once more */
        *done = true;
        ask_reply(j, &r.pr, summary, sizeof summary);
        outcome(j, "answer:ask_again");
        inbound_row_free(&r.row);
        return true;
    }
    if (r.pr.command != CMD_PLANT || !(r.pr.ok || r.pr.confirm)) {
        inbound_row_free(&r.row);
        return not_answer(j, q, digit);
    }
    *done = true;
    bool big = false;
    if (!first_big(j, &r.pr, &big)) {
        inbound_row_free(&r.row);
        return false;
    }
    if (r.pr.ok && !big)
        return register_report(j, q, &r);
    /* completed, but a part is only a guess, a range or one of several places
     * (or a first report is very big): the same question row now asks that,
     * about both texts */
    ask_reply(j, &r.pr, summary, sizeof summary);
    inbound_row_free(&r.row);
    outcome(j, "awaiting_confirmation");
    return askback_reask(j->db, q->id, big ? "count" : r.pr.confirm, r.pr.nchoices, j->row.id,
                         summary, j->row.received_at + ASKBACK_SECONDS);
}

/* JĀ or NĒ with no question waiting: nothing to confirm; a JĀ while DZĒST
 * waits says how to confirm the erasure (it never erases). */
static bool stray_answer(struct job *j, bool *done)
{
    enum command c = j->pr.command;
    if (c != CMD_YES && c != CMD_NO)
        return true;                             /* a digit that answers nothing: read as usual */
    *done = true;
    bool erase = false;
    if (c == CMD_YES && !delete_waiting(j, &erase))
        return false;
    outcome(j, erase ? "answer:delete_howto" : "answer:nothing_waiting");
    job_reply(j, erase ? "delete_howto" : "nothing_waiting", NULL, 0);
    return true;
}

bool askback_live(struct job *j, bool *live)
{
    struct askback q;
    enum db_status st = askback_waiting(j->db, j->vol.id, &q);
    *live = st == DB_FOUND && j->row.received_at < q.expires_at;
    return !DB_FAILED(st);
}

bool askback_before(struct job *j, bool *done)
{
    const struct parse_result *pr = &j->pr;
    *done = false;
    struct askback q;
    enum db_status st = askback_waiting(j->db, j->vol.id, &q);
    if (DB_FAILED(st))
        return false;
    if (st == DB_FOUND && j->row.received_at >= q.expires_at) {
        if (!askback_close(j->db, q.id, "expired", j->row.id, j->now))   /* out of time */
            return false;
        st = DB_NONE;
    }
    if (st != DB_FOUND)
        return stray_answer(j, done);
    int digit = dialogue_digit(j->row.text, j->row.len);
    if (pr->command == CMD_DELETE)               /* DZĒST asks its own question */
        return askback_close(j->db, q.id, "replaced", j->row.id, j->now);
    if (pr->command == CMD_NO) {
        *done = true;
        outcome(j, "answer:declined");
        job_reply(j, "confirm_declined", NULL, 0);
        return askback_close(j->db, q.id, "declined", j->row.id, j->now);
    }
    if (!strcmp(q.ask, "choice"))
        return choice_answer(j, &q, digit, done);
    if (!strcmp(q.ask, "range"))
        return range_answer(j, &q, digit, done);
    if (!strcmp(q.ask, "ask"))
        return half_answer(j, &q, digit, done);
    if (pr->command == CMD_YES) {                /* guess, count */
        *done = true;
        return confirm(j, &q);
    }
    return not_answer(j, &q, digit);
}
