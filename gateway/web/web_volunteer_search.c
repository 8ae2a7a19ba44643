/* web_volunteer_search.c: the Brīvprātīgie search page (see web_volunteers.h):
 * one box for any part of a number in any form ("2631", "+371 26", "26 31"), a
 * part of a name typed with or without diacritics ("berzina" finds Bērziņa), or
 * a pseudonym (V-1a2b3c4d, as the moderation page and the audit log show them). */
#include "gateway/web/web_volunteer_search.h"

#include "db/volunteer_search.h"
#include "gateway/base/sms_text.h"
#include "gateway/web/web_page.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SEARCH_MAX 50

static void search_form(struct web_req *rq, const char *q)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<form method=\"get\" action=\"/volunteers\" class=\"search\"><label for=\"q\">%s</label>"
                  "<input id=\"q\" name=\"q\" type=\"search\" value=\"",
               TR(rq, "Numurs (arī daļa), vārds vai pseidonīms", "Number (or part), name or pseudonym"));
    buf_esc(b, q);
    buf_printf(b, "\"><button type=\"submit\" id=\"search\">%s</button></form>", TR(rq, "Meklēt", "Search"));
}

/* The digits of q when q is written as (a part of) a phone number: digits with
 * spaces, '+', '-', '.', '(' and ')' between them, at least two digits. */
static bool number_part(const char *q, char *digits, size_t len)
{
    size_t n = 0;
    for (const char *p = q; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n + 1 >= len)
                return false;
            digits[n++] = *p;
        } else if (!strchr(" +-.()", *p)) {
            return false;
        }
    }
    digits[n] = '\0';
    return n >= 2;
}

/* V-1a2b3c4d (or its first characters, at least 4): lower-case hex in hex */
static bool pseudonym_part(const char *q, char hex[9])
{
    if ((q[0] != 'V' && q[0] != 'v') || q[1] != '-')
        return false;
    size_t n = strlen(q + 2);
    if (n < 4 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)q[2 + i]))
            return false;
        hex[i] = (char)tolower((unsigned char)q[2 + i]);
    }
    hex[n] = '\0';
    return true;
}

/* Finding a pseudonym means an HMAC of every number (20 000 and more): the key
 * is set up once and each number's MAC starts from a copy of that state, and
 * only the first bytes are compared, as hex, without formatting the rest. The
 * MAC is pseudonym_hmac's (HMAC-SHA256 of the number with the site's key). */
struct pseudo_find {
    const struct web_req *rq;
    const char *hex;
    EVP_MAC_CTX *keyed;
    int64_t id;
};

static int pseudo_row(int64_t id, const char *number, void *arg)
{
    static const char digits[] = "0123456789abcdef";
    struct pseudo_find *f = arg;
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t maclen = 0, n = strlen(f->hex);
    EVP_MAC_CTX *c = EVP_MAC_CTX_dup(f->keyed);
    bool ok = c && EVP_MAC_update(c, (const unsigned char *)number, strlen(number)) &&
              EVP_MAC_final(c, mac, &maclen, sizeof mac);
    EVP_MAC_CTX_free(c);
    if (!ok || maclen * 2 < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (digits[(mac[i / 2] >> (i % 2 ? 0 : 4)) & 15] != f->hex[i])
            return 0;
    f->id = id;
    return 1;
}

/* The volunteer whose pseudonym starts with hex into *id (0: nobody). */
static enum db_status find_pseudonym(struct web_req *rq, const char *hex, int64_t *id)
{
    struct pseudo_find f = { rq, hex, NULL, 0 };
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    f.keyed = mac ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string("digest", (char *)"SHA256", 0),
                            OSSL_PARAM_construct_end() };
    enum db_status st = DB_ERROR;
    if (f.keyed && EVP_MAC_init(f.keyed, (const unsigned char *)rq->site->key, rq->site->keylen, params))
        st = volunteers_each_number(rq->db, pseudo_row, &f);
    EVP_MAC_CTX_free(f.keyed);
    EVP_MAC_free(mac);
    *id = f.id;
    return st;
}

struct hits {
    struct web_req *rq;
    int n;
};

static int hit_row(const struct volunteer_hit *h, void *arg)
{
    struct hits *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    const char *heads[] = { TR(rq, "Numurs", "Number"), TR(rq, "Vārds", "Name"), TR(rq, "Pseidonīms", "Pseudonym"),
                            TR(rq, "Kopš", "Since"), TR(rq, "Punkti", "Points"), NULL };
    page_stack_row(rq, &l->n, "results", heads, 1u << 4);
    char since[32], pseudo[16];
    page_time((time_t)h->created_at, since);
    page_pseudonym(rq, h->number, pseudo);
    buf_printf(b, "<tr><td data-th=\"%s\"><a href=\"/volunteer?id=%lld\">", TR(rq, "Numurs", "Number"),
               (long long)h->id);
    buf_esc(b, h->number);
    buf_printf(b, "</a></td><td data-th=\"%s\">", TR(rq, "Vārds", "Name"));
    buf_esc(b, h->name);
    buf_printf(b, "</td><td data-th=\"%s\">%s</td><td data-th=\"%s\">%s</td>"
                  "<td class=\"num\" data-th=\"%s\">%lld</td></tr>",
               TR(rq, "Pseidonīms", "Pseudonym"), pseudo, TR(rq, "Kopš", "Since"), since,
               TR(rq, "Punkti", "Points"), (long long)h->points);
    return 0;
}

void web_volunteers(struct web_req *rq)
{
    const char *q = web_arg(rq, "q");
    page_begin(rq, TR(rq, "Brīvprātīgie", "Volunteers"), "/volunteers");
    search_form(rq, q ? q : "");
    if (!q || !*q || strlen(q) > 100) {
        page_end(rq);
        return;
    }
    char digits[40] = "", folded[404] = "", hex[9];
    int64_t pseudo_id = 0;
    enum db_status st = DB_DONE;
    if (pseudonym_part(q, hex))
        st = find_pseudonym(rq, hex, &pseudo_id);
    else if (!number_part(q, digits, sizeof digits))
        sms_fold_latvian(q, folded, sizeof folded);
    struct hits l = { rq, 0 };
    if (!DB_FAILED(st) && (digits[0] || folded[0] || pseudo_id))
        st = volunteers_search(rq->db, digits, folded, pseudo_id, SEARCH_MAX, hit_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    page_stack_end(rq, l.n, "no-results", TR(rq, "Neviens nav atrasts.", "Nobody found."));
    page_end(rq);
}
