/* grammar.c: parse_text, the command grammar. Greetings and question marks at
 * the start are skipped; the first word may then be a command (KOKS, PUNKTI,
 * VĀRDS, STOP, ДЕРЕВО, TREE, ...; a typo of one counts when the word names no
 * species or place). VĀRDS (or "Mans vārds ir") takes the rest of the text as a
 * name; a report (with KOKS or without a command, or after PUNKTI) is read by
 * classify.c and checked by report.c; other commands take no arguments. Texts
 * of plain words without a count may be everyday requests (requests.c). */
#include "parsers/grammar.h"
#include "parsers/classify.h"
#include "parsers/fuzzy.h"
#include "parsers/lexicon_types.h"
#include "parsers/normalize.h"
#include "parsers/reading.h"
#include "parsers/report.h"
#include "parsers/requests.h"
#include "parsers/tokens.h"
#include "parsers/translit.h"
#include "parsers/words.h"

#include <assert.h>
#include <string.h>

/* Skips greetings and question marks from token i; returns the first other. */
static int skip_greetings(struct reading *c, int i)
{
    const struct tokens *tk = c->tk;
    while (i < tk->n) {
        int32_t w = pz_word_of(c->lex, &tk->t[i]);
        if (tk->t[i].kind != T_QMARK && !(w && WORD_KIND(w) == W_GREETING)) break;
        if (w) pz_vote(c, WORD_LANG(w), 1);
        i++;
    }
    return i;
}

/* The command word at token *i, if any (then *i moves past it). A word that is
 * neither a species nor a place may be a command with one typo, when no other
 * command is as close. */
static enum command read_command(struct reading *c, int *i)
{
    const struct token *first = &c->tk->t[*i];
    int32_t w = pz_word_of(c->lex, first);
    if (w && WORD_KIND(w) == W_CMD) {
        pz_vote(c, WORD_LANG(w), 2);
        pz_vote_lv(c, *i, 1);
        (*i)++;
        return (enum command)WORD_VALUE(w);
    }
    if (w || first->kind != T_WORD) return CMD_UNKNOWN;
    int lang, cand[2], pc[PC_MAX], np;
    if (pz_species_at(c, *i, 1, &lang, cand) != -1 || pz_place_at(c, *i, 1, pc, &np))
        return CMD_UNKNOWN;
    unsigned char u[FZ_UNITS_MAX];
    size_t ul = pz_to_units(first->s, first->len, u);
    if (ul < 4) return CMD_UNKNOWN;
    struct fz_result r;
    pz_fz_search(&c->lex->cmdfz, u, ul, 1, NULL, NULL, &r);
    if (r.best < 0 || !(r.second < 0 || WORD_VALUE(r.second) == WORD_VALUE(r.best) ||
                        r.dsecond > r.dbest))
        return CMD_UNKNOWN;
    if (WORD_VALUE(r.best) == CMD_DELETE)
        return CMD_UNKNOWN;  /* a destructive command only by its exact keywords, no typos */
    pz_vote(c, WORD_LANG(r.best), 2);
    (*i)++;
    return (enum command)WORD_VALUE(r.best);
}

/* The token "2" (the second help page). */
static bool is_two(const struct token *t)
{
    return t->kind == T_NUM && t->len == 1 && t->s[0] == '2';
}

/* DZĒST alone asks; DZĒST JĀ (ДА, YES) confirms (out->confirmed); anything more
 * after it is no deletion at all: false. */
static bool read_delete(const struct tokens *tk, int i, struct parse_result *out)
{
    static const char *const yes[] = { "ja", "jā", "jaa", "да", "da", "yes", "y" };
    if (i == tk->n)
        return true;
    if (i + 1 != tk->n || tk->t[i].kind != T_WORD)
        return false;
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
        if (tk->t[i].len == strlen(yes[k]) && !memcmp(tk->t[i].s, yes[k], tk->t[i].len)) {
            out->confirmed = true;
            return true;
        }
    return false;
}

/* VĀRDS Anna Ozola: the rest of the original text after the command word
 * (punctuation before it skipped), as clean UTF-8. */
static void read_register(struct reading *c, int i, const char *text, size_t len,
                          struct parse_result *out)
{
    const struct tokens *tk = c->tk;
    assert(i >= 1 && i <= tk->n);
    out->command = CMD_REGISTER;
    size_t start = tk->t[i - 1].end;
    const char *p = text + start;
    size_t rest = len > start ? len - start : 0;
    if (len > TEXT_MAX && rest > TEXT_MAX) rest = TEXT_MAX;
    while (rest && (*p == ':' || *p == '-' || *p == ',' || *p == ';' || *p == '.' ||
                    *p == '=' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
                    *p == 0)) {
        p++;
        rest--;
    }
    pz_utf8_sanitize(p, rest, out->name, sizeof out->name);
    for (int k = i; k < tk->n; k++) {
        int32_t wk = pz_word_of(c->lex, &tk->t[k]);
        if (wk) pz_vote(c, WORD_LANG(wk), 1);
    }
    out->lang = pz_pick_lang(c);
    if (!out->name[0]) { pz_fail(out, "missing_name"); return; }   /* how to send it */
    out->ok = true;
}

/* What the rest of a text from token i holds: numbers, a points or help
 * word anywhere, a question word, a verb of asking how (sūtīt, send). */
struct rest { int nums, points, help, ask, how; };

static void scan_rest(struct reading *c, int i, struct rest *r)
{
    memset(r, 0, sizeof *r);
    for (int k = i; k < c->tk->n; k++) {
        const struct token *t = &c->tk->t[k];
        if (t->kind == T_NUM || t->kind == T_NUMX) { r->nums++; continue; }
        int32_t w = pz_word_of(c->lex, t);
        if (!w) continue;
        if (WORD_KIND(w) == W_NUM) r->nums++;
        if (WORD_KIND(w) == W_ASK && WORD_VALUE(w) == 1) r->ask++;
        if (WORD_KIND(w) == W_ASK && WORD_VALUE(w) == 2) r->how++;
        if (WORD_KIND(w) == W_CMD && WORD_VALUE(w) == CMD_POINTS) r->points++;
        if (WORD_KIND(w) == W_CMD && WORD_VALUE(w) == CMD_HELP) r->help++;
    }
}

/* Votes of the words from token i (for a command read without a report). */
static void vote_rest(struct reading *c, int i)
{
    for (int k = i; k < c->tk->n; k++) {
        int32_t w = pz_word_of(c->lex, &c->tk->t[k]);
        if (w) pz_vote(c, WORD_LANG(w), 1);
    }
}

static void command_only(struct reading *c, struct parse_result *out, enum command cmd)
{
    out->command = cmd;
    out->ok = true;
    out->error = NULL;
    out->suggestion[0] = 0;
    out->lang = pz_pick_lang(c);
}

/* An everyday request from token start (no count in the text): 1 when it was one. */
static int request(struct reading *c, int start, struct parse_result *out)
{
    enum command req = pz_everyday_request(c, start, c->text);
    if (req == CMD_UNKNOWN) return 0;
    vote_rest(c, start);
    command_only(c, out, req);
    return 1;
}

/* PUNKTI followed by a report ("PUNKTI koks 2 egles Dobele"): the report, whose
 * reply gives the points too; 1 when the rest from token i is one. */
static int points_then_report(struct reading *c, int i, const struct parse_options *o,
                              struct parse_result *out)
{
    int plant_signal = 0;
    pz_classify(c, i, &plant_signal);
    pz_report(c, out, o, plant_signal, 0);
    if (out->command != CMD_PLANT || !(out->ok || out->confirm)) return 0;
    out->also_points = true;
    return 1;
}

/* "Mans vārds ir …", "Меня зовут …", "My name is …" at token i: the name
 * (1), or 0 when no such phrase starts there. */
static int name_phrase(struct reading *c, int i, const char *text, size_t len,
                       struct parse_result *out)
{
    int name_at = pz_name_phrase(c, i, text ? text : "");
    if (name_at < 0) return 0;
    for (int k = i; k < name_at; k++) {
        int32_t w = pz_word_of(c->lex, &c->tk->t[k]);
        if (w) pz_vote(c, WORD_LANG(w), 2);
    }
    read_register(c, name_at, text, len, out);
    return 1;
}

/* DZĒST followed by more than JĀ: "delete my data" asks (never erases); any
 * other words after it are no deletion at all. */
static void delete_words(struct reading *c, int i, int start, struct parse_result *out)
{
    struct rest rq;
    scan_rest(c, i, &rq);
    if (!rq.nums && pz_everyday_request(c, start, c->text) == CMD_DELETE) {
        vote_rest(c, i);
        command_only(c, out, CMD_DELETE);
        return;
    }
    pz_fail(out, "unknown_command");
    out->lang = pz_pick_lang(c);
}

static void parse_once(const struct lexicon *lex, const char *text, size_t len, time_t now,
                       const struct parse_options *o, struct parse_result *out)
{
    struct tokens tk;
    pz_tokenize(text ? text : "", text ? len : 0, &tk);
    struct reading c;
    pz_reading_start(&c, lex, &tk, now);
    c.text = text;
    if (tk.has_cyr) c.votes[LANG_RU] += 5;

    if (tk.n == 0) { pz_fail(out, "empty"); return; }
    /* "?" is help; "? 2" its second page */
    int nq = 0, two = 0;
    for (int k = 0; k < tk.n; k++) {
        nq += tk.t[k].kind == T_QMARK;
        two += is_two(&tk.t[k]);
    }
    out->help_page = 1;
    if (nq && nq + (two == 1) == tk.n) {
        command_only(&c, out, CMD_HELP);
        out->help_page = two ? 2 : 1;
        return;
    }

    int i = skip_greetings(&c, 0);
    if (i >= tk.n) { command_only(&c, out, CMD_HELP); return; }  /* "Labdien!" alone */

    int start = i;
    if (name_phrase(&c, i, text, len, out)) return;     /* "Mans vārds ir Ilze Kalna" */
    enum command cmd = read_command(&c, &i);
    if (cmd == CMD_REGISTER) {
        read_register(&c, i, text, len, out);
        return;
    }
    if (cmd == CMD_HELP && i < tk.n && is_two(&tk.t[i]))
        out->help_page = 2;                             /* PALĪDZĪBA 2 */
    if (cmd == CMD_DELETE && !read_delete(&tk, i, out)) {
        delete_words(&c, i, start, out);
        return;
    }
    struct rest r = { 0, 0, 0, 0, 0 };
    if (cmd == CMD_YES || cmd == CMD_NO) {
        /* "jā" alone answers a question; "Jā, 5 ozoli Cēsīs" is a report */
        scan_rest(&c, i, &r);
        if (!r.nums && pz_everyday_request(&c, start, c.text) == CMD_STOP) {    /* no more texts */
            request(&c, start, out);
            return;
        }
        if (!r.nums) { vote_rest(&c, i); command_only(&c, out, cmd); return; }
        cmd = CMD_UNKNOWN;
    } else if (cmd == CMD_POINTS && i < tk.n && points_then_report(&c, i, o, out)) {
        return;
    } else if (cmd != CMD_UNKNOWN && cmd != CMD_PLANT) {
        vote_rest(&c, i);               /* "stop sending me texts" is English */
        command_only(&c, out, cmd);
        return;
    }
    if (cmd == CMD_UNKNOWN) {
        /* a question in plain words: "cik man punktu?", "how many points do I have" */
        scan_rest(&c, start, &r);
        if (!r.nums && request(&c, start, out)) return;
        if (!r.nums && r.points) { vote_rest(&c, start); command_only(&c, out, CMD_POINTS); return; }
        if (!r.nums && (r.help || (r.ask && r.how))) {    /* "kā sūtīt?", "nesaprotu" */
            vote_rest(&c, start);
            command_only(&c, out, CMD_HELP);
            return;
        }
    }
    int plant_signal = 0;
    pz_classify(&c, i, &plant_signal);
    pz_report(&c, out, o, plant_signal, cmd == CMD_PLANT);
}

/* How far a reading got before its first problem (a later problem means more
 * of the text was understood). */
static int progress(const struct parse_result *r)
{
    static const char *const order[] = { "unknown_command", "unknown_species", "ambiguous_species",
                                         "missing_species", "missing_count", "count_out_of_range",
                                         "unknown_place", "ambiguous_place", "missing_place",
                                         "bad_date", NULL };
    if (r->ok || r->confirm) return 99;
    for (int k = 0; r->error && order[k]; k++)
        if (!strcmp(r->error, order[k])) return k;
    return -1;
}

void parse_text(const struct lexicon *lex, const char *text, size_t len, time_t now,
                const struct parse_options *opts, struct parse_result *out)
{
    static const struct parse_options defaults = { 1, 10000, NULL };
    struct parse_options o = opts ? *opts : defaults;
    if (o.min_count <= 0 && o.max_count <= 0) { o.min_count = 1; o.max_count = 10000; }

    memset(out, 0, sizeof *out);
    out->command = CMD_UNKNOWN;
    out->lang = LANG_LV;
    out->lex = lex;
    if (!lex || (!text && len)) { pz_fail(out, "empty"); return; }
    parse_once(lex, text, len, now, &o, out);
    if (out->ok || out->confirm || out->command == CMD_REGISTER || !text ||
        !pz_has_cyrillic(text, len < TEXT_MAX ? len : TEXT_MAX))
        return;
    /* Latvian typed in Cyrillic letters: read once more in Latin ones; taken
     * when that reading is Latvian and gets further */
    char latin[TEXT_MAX * 2];
    size_t ll = pz_translit_lv(text, len < TEXT_MAX ? len : TEXT_MAX, latin, sizeof latin);
    struct parse_result alt;
    memset(&alt, 0, sizeof alt);
    alt.command = CMD_UNKNOWN;
    alt.lex = lex;
    parse_once(lex, latin, ll, now, &o, &alt);
    if (progress(&alt) > progress(out) && alt.command != CMD_REGISTER) {
        *out = alt;
        out->translit = alt.lang == LANG_LV;
        if (!out->translit) out->lang = LANG_RU;    /* a Russian text with a Latvian name */
    }
}
