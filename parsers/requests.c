/* requests.c: everyday requests in plain words, each read as the command it
 * means (docs/sms-language.md, "Everyday requests"). Only texts without a count
 * come here (a count makes a report). The words are in words.c (kind W_REQ, and
 * the fillers marked 'k' for thanks and goodbye); this file holds the rules that
 * combine them. Stopping is never destructive (START undoes it) and an erasure
 * request only asks (DZĒST JĀ erases), so the rules may be generous. */
#include "parsers/requests.h"
#include "parsers/lexicon_types.h"
#include "parsers/words.h"

#include <string.h>

struct req_scan {
    int erase, data, nosend, sendv, sending, not_send, enough, more, texts, join;
    int stop_cmd, delete_cmd, no_cmd, ask_send, thanks, other, names;
};

static int capitalised(const char *text, const struct token *t);

/* Is the token a word "not" (не, don't) one or two tokens before k? */
static int negated(const struct reading *c, int k)
{
    for (int b = k - 1; b >= 0 && b >= k - 2; b--) {
        int32_t w = pz_word_of(c->lex, &c->tk->t[b]);
        if (w && WORD_KIND(w) == W_REQ && WORD_VALUE(w) == REQ_NOT) return 1;
    }
    return 0;
}

/* text: the original (for a signature's capitals), or NULL */
static void scan(const struct reading *c, int i, const char *text, struct req_scan *s)
{
    memset(s, 0, sizeof *s);
    for (int k = i; k < c->tk->n; k++) {
        const struct token *t = &c->tk->t[k];
        if (t->kind == T_QMARK) continue;
        int32_t w = pz_word_of(c->lex, t);
        int kind = w ? WORD_KIND(w) : 0, v = w ? WORD_VALUE(w) : 0;
        if (kind == W_GREETING) continue;
        if (kind == W_FILLER && v == 'k') { s->thanks++; continue; }
        if (!w && t->kind == T_WORD && text && capitalised(text, t)) { s->names++; continue; }
        s->other++;
        if (kind == W_CMD) {
            s->stop_cmd += v == CMD_STOP;
            s->delete_cmd += v == CMD_DELETE;
            s->no_cmd += v == CMD_NO;
        }
        if (kind == W_ASK && v == 2) s->ask_send++;
        if (kind != W_REQ) continue;
        switch (v) {
        case REQ_ERASE: s->erase++; break;
        case REQ_DATA: s->data++; s->other--; break;    /* "paldies par informāciju" */
        case REQ_NOSEND: s->nosend++; break;
        case REQ_SENDV: s->sendv++; s->not_send += negated(c, k); break;
        case REQ_SENDING: s->sending++; break;
        case REQ_NOT: break;
        case REQ_ENOUGH: s->enough++; break;
        case REQ_MORE: s->more++; break;
        case REQ_TEXTS: s->texts++; break;
        case REQ_JOIN: s->join++; break;
        default: break;
        }
    }
}

enum command pz_everyday_request(const struct reading *c, int i, const char *text)
{
    struct req_scan s;
    scan(c, i, text, &s);
    int about_texts = s.sendv || s.sending || s.texts;
    int any_not = 0;
    for (int k = i; k < c->tk->n; k++) {
        int32_t w = pz_word_of(c->lex, &c->tk->t[k]);
        any_not |= w && WORD_KIND(w) == W_REQ && WORD_VALUE(w) == REQ_NOT;
    }
    /* stop texting me: nesūtiet; не присылайте; хватит писать; stop sending me
     * texts; no more messages; не надо больше сообщений */
    if (s.nosend || s.not_send || ((s.enough || s.stop_cmd) && (about_texts || s.ask_send)) ||
        (s.more && about_texts && (any_not || s.no_cmd)))
        return CMD_STOP;
    /* erase my data: dzēsiet manus datus; удалите мои данные; delete my data */
    if ((s.erase || s.delete_cmd) && s.data)
        return CMD_DELETE;
    if (s.join)
        return CMD_HELP;                /* kā pierakstīties?, как записаться, sign up */
    if (s.thanks && !s.other && s.names <= 3)
        return CMD_THANKS;              /* Paldies!, Спасибо, Thanks, bye; Paldies, Anna */
    return CMD_UNKNOWN;
}

/* Is the token, as written, capitalised (A-Z, Ā Č Ē …, А-Я)? */
static int capitalised(const char *text, const struct token *t)
{
    const unsigned char *p = (const unsigned char *)text + t->start;
    static const unsigned lv_caps[] = { 0x100, 0x10C, 0x112, 0x122, 0x12A, 0x136,
                                        0x13B, 0x145, 0x160, 0x16A, 0x17D };
    if (t->end <= t->start) return 0;
    if (p[0] >= 'A' && p[0] <= 'Z') return 1;
    if (t->end - t->start < 2) return 0;
    unsigned cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
    if ((p[0] & 0xe0) != 0xc0) return 0;
    if (cp == 0x401 || (cp >= 0x410 && cp <= 0x42f)) return 1;
    for (size_t k = 0; k < sizeof lv_caps / sizeof lv_caps[0]; k++)
        if (cp == lv_caps[k]) return 1;
    return 0;
}

static int tok_is(const struct token *t, const char *w)
{
    return t->kind == T_WORD && t->len == strlen(w) && !memcmp(t->s, w, t->len);
}

/* Only a name of one to three capitalised words that are not in the vocabulary
 * follows token i ("Es esmu Ilze", but not "es esmu no Cēsīm"). */
static int bare_name_follows(const struct reading *c, int i, const char *text)
{
    int n = c->tk->n - i;
    if (n < 1 || n > 3) return 0;
    for (int k = i; k < c->tk->n; k++) {
        const struct token *t = &c->tk->t[k];
        if (t->kind != T_WORD || pz_word_of(c->lex, t) || !capitalised(text, t)) return 0;
    }
    return 1;
}

int pz_name_phrase(const struct reading *c, int i, const char *text)
{
    /* folded tokens; a leading '*' marks a phrase that takes only a bare name */
    static const char *const phrases[][4] = {
        { "mans", "vards", "ir", NULL }, { "mans", "vards", NULL }, { "mani", "sauc", NULL },
        { "меня", "зовут", NULL }, { "мое", "имя", NULL }, { "my", "name", "is", NULL },
        { "my", "name", "s", NULL }, { "my", "name", NULL }, { "*es", "esmu", NULL },
        { "*i", "am", NULL }, { "*i", "m", NULL }, { "*this", "is", NULL },
    };
    const struct tokens *tk = c->tk;
    for (size_t p = 0; p < sizeof phrases / sizeof phrases[0]; p++) {
        int bare = phrases[p][0][0] == '*', k = 0;
        while (k < 4 && phrases[p][k] && i + k < tk->n &&
               tok_is(&tk->t[i + k], phrases[p][k] + (k == 0 && bare)))
            k++;
        if (k == 4 || phrases[p][k]) continue;
        if (bare && !bare_name_follows(c, i + k, text)) continue;
        return i + k;
    }
    return -1;
}
