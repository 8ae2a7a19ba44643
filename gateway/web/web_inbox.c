/* web_inbox.c: the inbox pages (see web_inbox.h). Texts are shown as received
 * (after retention and DZĒST), the sender by pseudonym linking to their page. */
#include "gateway/web/web_inbox.h"

#include "db/inbox.h"
#include "db/taught_words.h"
#include "gateway/web/web_labels.h"
#include "gateway/web/web_page.h"
#include "parsers/grammar.h"
#include "parsers/names.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

#define LIST_MAX 50

static const struct { const char *code, *lv, *en; } notices[] = {
    { "replied", "Atbilde ielikta sūtīšanas rindā.", "The answer is queued to be sent." },
    { "registered", "Reģistrēts kā stādījums; brīvprātīgajam nosūtīta atbilde.",
      "Registered as a planting; the volunteer is answered." },
    { "duplicate", "Tāds pats ziņojums jau ir: brīvprātīgajam pateikts.",
      "The same report exists already: the volunteer was told." },
    { "reviewed", "Atzīmēts kā izskatīts.", "Marked as reviewed." },
    { "taught", "Vārds iemācīts: no šī brīža talka to saprot.", "Word taught: talka understands it from now on." },
    { "forgot", "Vārds aizmirsts.", "Word removed." },
    { "settled", "Ziņojums reģistrēts kā minēts.", "Report registered as guessed." },
    { "dropped", "Ziņojums atmests.", "Report dropped." },
    { "gone", "Šis teksts vairs nav iesūtnē (vai sūtītāja dati dzēsti).",
      "This text is no longer in the inbox (or its sender was erased)." },
    { "empty", "Ierakstiet atbildi.", "Write an answer." },
    { "long", "Atbilde par garu: ne vairāk kā 3 īsziņas.", "The answer is too long: 3 SMS at most." },
    { "count", "Skaits nav derīgs.", "The count is not valid." },
    { "species", "Izvēlieties sugu.", "Choose a species." },
    { "place", "Tādas vietas sarakstā nav.", "No such place in the list." },
    { "place_ambiguous", "Vieta nav viennozīmīga: norādiet novadu.", "The place is ambiguous: name the municipality." },
    { "registered_before", "Šis teksts jau reģistrēts.", "This text is registered already." },
    { "unusable", "Ziņojumu vairs nevar nolasīt kā minēts.", "The report no longer reads as guessed." },
    { "target", "Izvēlieties, ko vārds nozīmē.", "Choose what the word means." },
    { "word", "Nav iemācīts: šis jau ir talkas valodas vārds.", "Not taught: this is a word of talka's language already." },
    { "word_species", "Nav iemācīts: vārds jau nozīmē sugu.", "Not taught: the word already names a species." },
    { "word_place", "Nav iemācīts: vārds jau nozīmē vietu.", "Not taught: the word already names a place." },
    { "word_command", "Nav iemācīts: vārds jau ir komanda.", "Not taught: the word is a command already." },
    { "word_taught", "Nav iemācīts: šis vārds jau iemācīts.", "Not taught: this word is taught already." },
    { "word_empty", "Ierakstiet vārdu (līdz 64 zīmēm).", "Write a word (up to 64 characters)." },
    { "db", "Datubāzes kļūda: mēģiniet vēlreiz.", "Database error: try again." },
};

void inbox_notice(struct web_req *rq)
{
    const char *done = web_arg(rq, "done"), *fail = web_arg(rq, "fail");
    const char *code = done ? done : fail;
    if (!code)
        return;
    for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
        if (!strcmp(notices[i].code, code))
            buf_printf(&rq->out, "<p class=\"notice %s\" role=\"%s\" id=\"inbox-notice\">%s</p>",
                       done ? "ok" : "bad", done ? "status" : "alert",
                       TR(rq, notices[i].lv, notices[i].en));
}

struct listing {
    struct web_req *rq;
    int n;
    int64_t last;
};

static void volunteer_cell(struct web_req *rq, int64_t vid, const char *number)
{
    char pseudo[16];
    page_pseudonym(rq, number, pseudo);
    if (vid)
        buf_printf(&rq->out, "<a href=\"/volunteer?id=%lld\">%s</a>", (long long)vid, pseudo);
    else
        buf_put(&rq->out, pseudo);
}

static int inbox_row(const struct inbox_item *it, void *arg)
{
    struct listing *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    const char *heads[] = { TR(rq, "Saņemts", "Received"), TR(rq, "Brīvprātīgais", "Volunteer"),
                            TR(rq, "Īsziņa", "Text"), TR(rq, "Kas nesaprasts", "Not understood"),
                            TR(rq, "talkas atbilde", "talka replied"), "", NULL };
    page_stack_row(rq, &l->n, "inbox", heads, 0);
    l->last = it->id;
    char when[32];
    page_time((time_t)it->received_at, when);
    buf_printf(b, "<tr data-id=\"%lld\"><td>%s</td><td>", (long long)it->id, when);
    volunteer_cell(rq, it->volunteer_id, it->number);
    buf_put(b, "</td><td class=\"sms-text\">");
    buf_esc(b, it->text);
    buf_printf(b, "</td><td>%s</td><td class=\"muted\">", page_label(rq, LABEL_MISSED, it->outcome));
    buf_esc(b, it->reply);
    buf_printf(b, "</td><td><a class=\"button\" href=\"/inbox/text?id=%lld\">%s</a></td></tr>",
               (long long)it->id, TR(rq, "Atvērt", "Open"));
    return 0;
}

void web_inbox(struct web_req *rq)
{
    struct buf *b = &rq->out;
    int64_t waiting = 0;
    enum db_status cs = inbox_count(rq->db, rq->now, &waiting);
    page_begin(rq, TR(rq, "Iesūtne", "Inbox"), "/inbox");
    inbox_notice(rq);
    if (DB_FAILED(cs))
        page_db_error_line(rq, cs);
    else
        buf_printf(b, "<p id=\"inbox-count\">%s: <strong>%lld</strong> · <a href=\"/inbox/words\">%s</a></p>",
                   TR(rq, "Gaida", "Waiting"), (long long)waiting,
                   TR(rq, "Iemācītie vārdi", "Taught words"));
    struct listing l = { rq, 0, 0 };
    enum db_status st = inbox_page(rq->db, rq->now, (int64_t)web_num(rq, "before"), LIST_MAX,
                                   inbox_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    page_stack_end(rq, l.n, "inbox-empty", TR(rq, "Iesūtne ir tukša: talka saprata visu.",
                                              "The inbox is empty: talka understood everything."));
    if (l.n == LIST_MAX)
        buf_printf(b, "<p><a class=\"button\" id=\"next-page\" href=\"/inbox?before=%lld\">%s</a></p>",
                   (long long)l.last, TR(rq, "Vecākie", "Older"));
    page_end(rq);
}

/* the one text, copied out of the row */
struct one {
    struct web_req *rq;
    int64_t id, received_at;
    char text[1700];
    char resolved_by[80], how[16];
    int64_t resolved_at;
};

static int text_facts(const struct inbox_item *it, void *arg)
{
    struct one *o = arg;
    struct web_req *rq = o->rq;
    struct buf *b = &rq->out;
    char when[32];
    page_time((time_t)it->received_at, when);
    o->id = it->id;
    o->received_at = it->received_at;
    snprintf(o->text, sizeof o->text, "%s", it->text);
    snprintf(o->resolved_by, sizeof o->resolved_by, "%s", it->resolved_by);
    snprintf(o->how, sizeof o->how, "%s", it->how);
    o->resolved_at = it->resolved_at;
    buf_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>", TR(rq, "Brīvprātīgais", "Volunteer"));
    volunteer_cell(rq, it->volunteer_id, it->number);
    buf_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><pre class=\"sms\" id=\"raw-text\">",
               TR(rq, "Saņemts", "Received"), when, TR(rq, "Īsziņa", "Text"));
    buf_esc(b, it->text);
    buf_printf(b, "</pre></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><pre class=\"sms\" id=\"talka-reply\">",
               TR(rq, "Kas nesaprasts", "Not understood"), page_label(rq, LABEL_MISSED, it->outcome),
               TR(rq, "talkas atbilde", "talka replied"));
    buf_esc(b, it->reply[0] ? it->reply : "—");
    buf_put(b, "</pre></dd></dl>");
    return 0;
}

static void form_head(struct web_req *rq, const char *action, const char *title, int64_t id)
{
    buf_printf(&rq->out, "<form method=\"post\" action=\"%s\" class=\"inbox-form\"><h2>%s</h2>",
               action, title);
    page_csrf(rq);
    buf_printf(&rq->out, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)id);
}

static void reply_form(struct web_req *rq, int64_t id)
{
    struct buf *b = &rq->out;
    form_head(rq, "/inbox/reply", TR(rq, "Atbildēt", "Answer"), id);
    buf_printf(b, "<label for=\"reply-text\">%s</label><textarea id=\"reply-text\" name=\"text\""
                  " rows=\"4\" maxlength=\"1000\" required data-sms-count=\"reply-count\"></textarea>"
                  "<p class=\"hint sms-count\" id=\"reply-count\" aria-live=\"polite\"></p>"
                  "<button type=\"submit\" id=\"reply-send\">%s</button></form>",
               TR(rq, "Īsziņa brīvprātīgajam (nosūta uzreiz)", "SMS to the volunteer (sent at once)"),
               TR(rq, "Sūtīt", "Send"));
}

static void species_options(struct web_req *rq, const struct lexicon *lex, const struct species *sel)
{
    struct buf *b = &rq->out;
    for (size_t i = 0; i < lexicon_species_count(lex); i++) {
        const struct species *sp = lexicon_species_at(lex, i);
        buf_printf(b, "<option value=\"%s\"%s>", sp->id, sp == sel ? " selected" : "");
        buf_esc(b, rq->en ? sp->name_en : sp->name_lv);
        buf_put(b, "</option>");
    }
}

static void register_form(struct web_req *rq, const struct one *o)
{
    struct buf *b = &rq->out;
    const struct app *a = rq->site->app;
    const struct lexicon *lex = a->lex;
    struct parse_result pr;
    parse_text(lex, o->text, strlen(o->text), (time_t)o->received_at, &a->popts, &pr);
    long count = pr.nitems ? pr.items[0].count : pr.found_count;
    const struct species *sp = pr.nitems ? pr.items[0].species : pr.found_species;
    const struct place *pl = pr.place ? pr.place : pr.found_place;
    form_head(rq, "/inbox/register", TR(rq, "Reģistrēt kā stādījumu", "Register as a planting"), o->id);
    buf_printf(b, "<p class=\"muted\">%s</p><label for=\"reg-count\">%s</label>"
                  "<input id=\"reg-count\" name=\"count\" type=\"number\" min=\"%ld\" max=\"%ld\" required",
               TR(rq, "Aizpildīts ar to, ko talka atrada tekstā.", "Filled in with what talka found in the text."),
               TR(rq, "Skaits", "Count"), a->popts.min_count, a->popts.max_count);
    if (count > 0)
        buf_printf(b, " value=\"%ld\"", count);
    buf_printf(b, "><label for=\"reg-species\">%s</label><select id=\"reg-species\" name=\"species\" required>"
                  "<option value=\"\">—</option>", TR(rq, "Suga", "Species"));
    species_options(rq, lex, sp);
    buf_printf(b, "</select><label for=\"reg-place\">%s</label><input id=\"reg-place\" name=\"place\" required value=\"",
               TR(rq, "Vieta", "Place"));
    buf_esc(b, pl ? pl->name : "");
    buf_printf(b, "\"><button type=\"submit\" id=\"reg-save\">%s</button></form>",
               TR(rq, "Reģistrēt", "Register"));
}

static const struct { const char *name, *lv, *en; } commands[] = {
    { "plant", "ziņojums par stādīšanu (KOKS)", "a planting report (TREE)" },
    { "points", "punkti", "points" }, { "register", "vārds (VĀRDS)", "name (NAME)" },
    { "stop", "STOP", "STOP" }, { "start", "START", "START" },
    { "help", "palīdzība", "help" }, { "delete", "dzēst datus (DZĒST)", "erase data (DELETE)" },
    { "cancel", "atcelt", "cancel" }, { "yes", "jā", "yes" }, { "no", "nē", "no" },
};

static void teach_word_field(struct web_req *rq, const char *kind, int64_t id)
{
    form_head(rq, "/inbox/teach", "", id);
    buf_printf(&rq->out, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><label for=\"teach-%s-word\">%s</label>"
                         "<input id=\"teach-%s-word\" name=\"word\" maxlength=\"64\" required>",
               kind, kind, TR(rq, "Vārds, ko talka nezināja", "The word talka did not know"), kind);
}

static void teach_forms(struct web_req *rq, int64_t id)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"teach\"><h2>%s</h2><p class=\"muted\">%s</p>", TR(rq, "Iemācīt", "Teach"),
               TR(rq, "Vārds kļūst par sugas, vietas vai komandas sinonīmu visiem turpmākajiem tekstiem.",
                  "The word becomes another name of a species, a place or a command for every text from now on."));
    teach_word_field(rq, "species", id);
    buf_printf(b, "<label for=\"teach-species-target\">%s</label><select id=\"teach-species-target\" name=\"target\" required>"
                  "<option value=\"\">—</option>", TR(rq, "ir suga", "is the species"));
    species_options(rq, rq->site->app->lex, NULL);
    buf_printf(b, "</select><button type=\"submit\" id=\"teach-species\">%s</button></form>",
               TR(rq, "Iemācīt sugu", "Teach a species"));
    teach_word_field(rq, "place", id);
    buf_printf(b, "<label for=\"teach-place-target\">%s</label><input id=\"teach-place-target\" name=\"target\" required>"
                  "<button type=\"submit\" id=\"teach-place\">%s</button></form>",
               TR(rq, "ir vieta (nosaukums kā sarakstā)", "is the place (its name as listed)"),
               TR(rq, "Iemācīt vietu", "Teach a place"));
    teach_word_field(rq, "command", id);
    buf_printf(b, "<label for=\"teach-command-target\">%s</label><select id=\"teach-command-target\" name=\"target\" required>",
               TR(rq, "ir komanda", "is the command"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        buf_printf(b, "<option value=\"%s\">%s</option>", commands[i].name, TR(rq, commands[i].lv, commands[i].en));
    buf_printf(b, "</select><button type=\"submit\" id=\"teach-command\">%s</button></form></section>",
               TR(rq, "Iemācīt komandu", "Teach a command"));
}

static const char *how_text(const struct web_req *rq, const char *how)
{
    return !strcmp(how, "replied") ? TR(rq, "atbildēts", "answered")
           : !strcmp(how, "registered") ? TR(rq, "reģistrēts kā stādījums", "registered as a planting")
                                        : TR(rq, "izskatīts", "reviewed");
}

void web_inbox_text(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct one o = { .rq = rq };
    int64_t id = (int64_t)web_num(rq, "id");
    page_begin(rq, TR(rq, "Iesūtnes teksts", "Inbox text"), "/inbox");
    inbox_notice(rq);
    enum db_status st = id ? inbox_get(rq->db, rq->now, id, text_facts, &o) : DB_NONE;
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    if (st == DB_NONE || !o.text[0]) {
        buf_printf(b, "<p id=\"inbox-gone\">%s</p>", TR(rq, "Šāda teksta iesūtnē nav.", "No such text in the inbox."));
        page_end(rq);
        return;
    }
    if (o.resolved_by[0]) {
        char when[32];
        page_time((time_t)o.resolved_at, when);
        buf_printf(b, "<p class=\"notice ok\" id=\"resolved\">%s ", TR(rq, "Izskatīts:", "Resolved:"));
        buf_esc(b, o.resolved_by);
        buf_printf(b, ", %s (%s)</p>", when, how_text(rq, o.how));
    }
    reply_form(rq, o.id);
    register_form(rq, &o);
    teach_forms(rq, o.id);
    if (!o.resolved_by[0]) {
        form_head(rq, "/inbox/resolve", TR(rq, "Atzīmēt kā izskatītu", "Mark as reviewed"), o.id);
        buf_printf(b, "<button type=\"submit\" id=\"resolve\">%s</button></form>",
                   TR(rq, "Atzīmēt kā izskatītu", "Mark as reviewed"));
    }
    page_end(rq);
}

static const char *command_text(const struct web_req *rq, const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].name, name))
            return TR(rq, commands[i].lv, commands[i].en);
    return name;
}

static const char *kind_text(const struct web_req *rq, const char *kind)
{
    return !strcmp(kind, "species") ? TR(rq, "suga", "species")
           : !strcmp(kind, "place") ? TR(rq, "vieta", "place") : TR(rq, "komanda", "command");
}

static int word_row(const struct taught_row *t, void *arg)
{
    struct listing *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    const char *heads[] = { TR(rq, "Vārds", "Word"), TR(rq, "Veids", "Kind"), TR(rq, "Nozīmē", "Means"),
                            TR(rq, "Iemācīja", "Taught by"), TR(rq, "Kad", "When"), "", NULL };
    page_stack_row(rq, &l->n, "taught", heads, 0);
    char when[32];
    page_time((time_t)t->added_at, when);
    buf_put(b, "<tr><td class=\"taught-word\">");
    buf_esc(b, t->word);
    buf_printf(b, "</td><td>%s</td><td>", kind_text(rq, t->kind));
    buf_esc(b, !strcmp(t->kind, "species") ? page_species(rq, t->target)
               : !strcmp(t->kind, "command") ? command_text(rq, t->target) : t->target);
    buf_put(b, "</td><td>");
    buf_esc(b, t->added_by);
    buf_printf(b, "</td><td>%s</td><td><form method=\"post\" action=\"/inbox/forget\" class=\"inline\">", when);
    page_csrf(rq);
    buf_printf(b, "<input type=\"hidden\" name=\"wid\" value=\"%lld\"><button type=\"submit\" class=\"danger\""
                  " id=\"forget-%lld\">%s</button></form></td></tr>", (long long)t->id, (long long)t->id,
               TR(rq, "Noņemt", "Remove"));
    return 0;
}

void web_inbox_words(struct web_req *rq)
{
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Iemācītie vārdi", "Taught words"), "/inbox");
    inbox_notice(rq);
    struct listing l = { rq, 0, 0 };
    enum db_status st = taught_words_all(rq->db, word_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    page_stack_end(rq, l.n, "taught-none", TR(rq, "Neviens vārds vēl nav iemācīts.",
                                              "No word has been taught yet."));
    buf_printf(b, "<p><a href=\"/inbox\">%s</a></p>", TR(rq, "Atpakaļ uz iesūtni", "Back to the inbox"));
    page_end(rq);
}
