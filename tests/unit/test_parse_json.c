/* test_parse_json.c: the JSON writer (parsers/json.c) lays out values jansson
 * serialised; these tests check it gives the very bytes of jansson's own dump of
 * the result as a tree, for every corpus and benchmark text and for results no
 * text gives (every key, hostile strings, no lexicon), and that a buffer too
 * small gives 0, never a cut line. */
#include "parsers/parse.h"
#include "tests/test.h"
#include "parsers/grammar.h"
#include "parsers/json.h"
#include "parsers/lexicon.h"

#include <stdlib.h>

#define NOW ((time_t)1778839200)   /* 2026-05-15 10:00:00 UTC */

static struct lexicon *lex(void)
{
    static struct lexicon *l;
    char err[256];
    if (!l) l = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    if (!l) test_fail(__FILE__, __LINE__, "lexicon_load: %s", err);
    return l;
}

/* The writer's JSON equals the tree's; both as one line, into a buffer too. */
static int same(const struct parse_result *r, const char *what)
{
    char *w = parse_result_json(r), *t = parse_result_json_tree(r);
    int ok = w && t && !strcmp(w, t);
    if (!ok)
        test_fail(__FILE__, __LINE__, "%s: writer %s, tree %s", what, w ? w : "(null)",
                  t ? t : "(null)");
    char buf[4096];
    size_t n = w ? parse_result_json_into(r, buf, sizeof buf) : 0;
    if (w && (n != strlen(w) || memcmp(buf, w, n)))
        test_fail(__FILE__, __LINE__, "%s: into gives %zu bytes, not %zu", what, n, strlen(w));
    free(w);
    free(t);
    return ok;
}

/* Every text (first column, \n and \\ as in talka parse) of a file. */
static int texts_of(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) { test_fail(__FILE__, __LINE__, "cannot open %s", path); return 0; }
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        size_t l = strcspn(line, "\t\n"), o = 0;
        for (size_t i = 0; i < l; i++) {
            if (line[i] == '\\' && i + 1 < l && (line[i + 1] == 'n' || line[i + 1] == '\\'))
                line[o++] = line[++i] == 'n' ? '\n' : '\\';
            else
                line[o++] = line[i];
        }
        struct parse_result r;
        parse_text(lex(), line, o, NOW, NULL, &r);
        line[o] = 0;
        n += same(&r, line);
    }
    fclose(f);
    return n;
}

TEST(parse_json_writer_is_janssons)
{
    if (!lex()) return;
    CHECK(texts_of("tests/corpus/sms.tsv") > 500);
    CHECK(texts_of("bench/parse-input.txt") > 400);
}

TEST(parse_json_writer_every_key)
{
    struct parse_result r;
    if (!lex()) return;
    static const char two[] = "KOKS 3 liepas 2 ozoli Cesis vakar";
    parse_text(lex(), two, strlen(two), NOW, NULL, &r);
    CHECK(r.ok && r.nitems == 2 && r.place && r.date[0]);
    same(&r, "two items, place, date");
    r.translit = true;
    r.items[0].count = -2147483647L - 1;
    same(&r, "translit, a negative count");
    /* an ask back with choices, beside a suggestion with quotes, controls, a slash */
    struct parse_result q = r;
    q.ok = false;
    q.error = "ambiguous_place";
    q.confirm = "choice";
    q.nchoices = 2;
    q.choices[0] = q.place;
    q.choices[1] = q.place;
    strcpy(q.suggestion, "\"ozols\" \\ / \x01\x1f\x7f Ā я");
    same(&q, "choice, suggestion");
    q.error = "an error no table knows";
    q.confirm = "ask nobody knows";
    same(&q, "unknown codes");
    strcpy(q.suggestion, "\xff\xfe");   /* jansson refuses invalid UTF-8: the key goes */
    same(&q, "invalid suggestion");
    q.error = NULL;
    q.place = NULL;
    q.date[0] = 0;
    q.nitems = 0;
    same(&q, "no error, no items");
    struct parse_result s;
    memset(&s, 0, sizeof s);
    s.ok = true;
    s.command = CMD_REGISTER;
    strcpy(s.name, "Anna \"A\" \\ Ozola\n");
    same(&s, "register without a lexicon");
    s.lex = lex();
    same(&s, "register");
    s.command = CMD_HELP;
    s.help_page = 2;
    same(&s, "help page 2");
    s.command = CMD_DELETE;
    s.confirmed = true;
    s.lang = LANG_RU;
    same(&s, "delete confirmed");
    s.command = (enum command)99;
    s.lang = (enum lang)7;
    same(&s, "out of range command and lang");
}

TEST(parse_json_writer_small_buffer)
{
    struct parse_result r;
    if (!lex()) return;
    static const char one[] = "KOKS 12 OZOLS Cesis";
    parse_text(lex(), one, strlen(one), NOW, NULL, &r);
    char *w = parse_result_json(&r);
    if (!w) { CHECK(w != NULL); return; }
    size_t len = strlen(w);
    char buf[512];
    CHECK_INT(parse_result_json_into(&r, buf, len + 1), len);
    CHECK_INT(parse_result_json_into(&r, buf, len), 0);     /* room for the NUL is kept */
    CHECK_INT(parse_result_json_into(&r, buf, 10), 0);
    free(w);
}
