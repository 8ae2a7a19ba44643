/* askback.c: the questions talka asks back about a report, and their answers
 * (see askback.h). The report's own text stays in the inbound table; when the
 * answer comes it is parsed again (same lexicon, same receive time), the answer
 * applied, and the report registered exactly as if it had been clear: the
 * plantings belong to the report's inbound row, so a repeated answer or a
 * crash in between can never count it twice. */
#include "gateway/core/askback.h"
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"
#include "gateway/core/pipeline_plant.h"

#include "db/askback.h"
#include "gateway/base/log.h"
#include "parsers/grammar.h"

#include <stdio.h>
#include <string.h>

/* A text that is one digit 1..9 and nothing else but spaces and punctuation. */
static int bare_digit(const char *s, size_t n)
{
    int d = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '1' && c <= '9' && !d) d = c - '0';
        else if (c >= '0' && c <= '9') return 0;
        else if (c == ' ' || c == '.' || c == ')' || c == '!' || c == '\r' || c == '\n' || c == '\t') continue;
        else return 0;
    }
    return d;
}

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

/* The question about report pr, in the job's language, into the reply. */
static void ask_reply(struct job *j, const struct parse_result *pr, char *summary, size_t slen)
{
    char items[400], choices[300], trees[48];
    long n = 0;
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
    } else {
        struct reply_var v[] = { { "items", items }, { "place", place_name(pr->place, j->lang) },
                                 { "trees", trees } };
        job_reply(j, "confirm", v, 3);
        snprintf(summary, slen, "%s, %s", items, pr->place ? pr->place->name : "");
    }
}

bool askback_maybe_ask(struct job *j, bool *asked)
{
    struct parse_result *pr = &j->pr;
    const char *ask = pr->confirm;
    *asked = false;
    if (!ask && pr->ok && pr->command == CMD_PLANT && !(j->flags & PIPE_NO_SMS_REPLY)) {
        /* 1200 oaks from someone who never reported: more likely a slip than a
         * forest (USSD showed the count on its own confirm screen already) */
        bool big = false;
        for (int i = 0; i < pr->nitems; i++)
            big |= pr->items[i].count > j->p->rules.ask_first_count;
        int64_t before = 0;
        if (big && plantings_count_of(j->db, j->vol.id, &before) != DB_FOUND)
            return false;
        if (big && before == 0)
            ask = "count";
    }
    if (!ask)
        return true;
    char summary[512];
    ask_reply(j, pr, summary, sizeof summary);
    if (!askback_open(j->db, j->vol.id, j->row.id, ask, pr->nchoices, summary, j->row.received_at,
                      j->row.received_at + ASKBACK_SECONDS))
        return false;
    outcome(j, "awaiting_confirmation");
    log_info("inbound %lld: asked back (%s)", (long long)j->row.id, ask);
    *asked = true;
    return true;
}

/* The answer confirms question q (with digit for a choice): the report is parsed
 * again and registered as the report's own text. */
static bool confirm(struct job *j, const struct askback *q, int digit)
{
    struct job r = *j;
    if (inbound_load(j->db, q->inbound_id, &r.row) != DB_FOUND)
        return false;
    parse_text(j->p->app->lex, r.row.text, r.row.len, r.row.received_at, &j->p->app->popts, &r.pr);
    bool usable = r.pr.command == CMD_PLANT &&
                  (!strcmp(q->ask, "count") ? r.pr.ok : r.pr.confirm != NULL);
    if (usable && r.pr.nchoices) {
        if (digit < 1 || digit > r.pr.nchoices) {      /* the digit is the answer: ask again */
            char summary[512];
            ask_reply(j, &r.pr, summary, sizeof summary);
            outcome(j, "answer:ask_again");
            inbound_row_free(&r.row);
            return true;
        }
        r.pr.place = r.pr.choices[digit - 1];
    }
    if (!usable) {  /* the lists changed since: the question no longer stands */
        inbound_row_free(&r.row);
        outcome(j, "answer:nothing_waiting");
        job_reply(j, "nothing_waiting", NULL, 0);
        return askback_close(j->db, q->id, "expired", j->row.id, j->now);
    }
    r.pr.ok = true;
    r.pr.error = NULL;
    r.pr.confirm = NULL;
    r.pr.nchoices = 0;
    r.pr.suggestion[0] = '\0';
    /* the report's row now says what became of it (the duplicate rule reads it) */
    bool ok = handle_plant(&r) && askback_close(j->db, q->id, "confirmed", j->row.id, j->now) &&
              inbound_set_outcome(j->db, q->inbound_id, j->out->outcome);
    inbound_row_free(&r.row);
    if (ok)
        log_info("inbound %lld: confirmed report %lld", (long long)j->row.id, (long long)q->inbound_id);
    return ok;
}

bool askback_before(struct job *j, bool *done)
{
    const struct parse_result *pr = &j->pr;
    *done = false;
    int digit = bare_digit(j->row.text, j->row.len);
    bool answer = pr->command == CMD_YES || pr->command == CMD_NO;
    bool report = pr->command == CMD_PLANT && !digit;
    if (!answer && !report && !digit)
        return true;
    struct askback q;
    enum db_status st = askback_waiting(j->db, j->vol.id, &q);
    if (DB_FAILED(st))
        return false;
    bool live = st == DB_FOUND && j->row.received_at < q.expires_at;
    bool was_choice = st == DB_FOUND && q.nchoices > 0;
    if (st == DB_FOUND && (!live || (report && !pr->confirm))) {
        /* out of time, or another report came first: the question ends (a report
         * that is itself asked about replaces it in askback_maybe_ask) */
        if (!askback_close(j->db, q.id, "expired", j->row.id, j->now))
            return false;
        live = false;
    }
    if (report || (digit && !was_choice))
        return true;        /* a report, or a digit that answers nothing: read as usual */
    *done = true;
    if (!live) {
        outcome(j, "answer:nothing_waiting");
        job_reply(j, "nothing_waiting", NULL, 0);
        return true;
    }
    if (pr->command == CMD_NO) {
        outcome(j, "answer:declined");
        job_reply(j, "confirm_declined", NULL, 0);
        return askback_close(j->db, q.id, "declined", j->row.id, j->now);
    }
    return confirm(j, &q, digit);
}
