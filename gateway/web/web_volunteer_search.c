/* web_volunteer_search.c: the Brīvprātīgie search page (see web_volunteers.h):
 * one box for any part of a number in any form ("2631", "+371 26", "26 31"), a
 * part of a name typed with or without diacritics ("berzina" finds Bērziņa), or
 * a pseudonym (V-1a2b3c4d, as the moderation page and the audit log show them). */
#include "gateway/web/web_volunteer_search.h"

#include "db/volunteer_search.h"
#include "gateway/base/pseudonym.h"
#include "gateway/base/sms_text.h"
#include "gateway/web/web_page.h"

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

struct pseudo_find {
    const struct web_req *rq;
    const char *hex;
    int64_t id;
};

static int pseudo_row(int64_t id, const char *number, void *arg)
{
    struct pseudo_find *f = arg;
    char mac[65];
    pseudonym_hmac(f->rq->site->key, f->rq->site->keylen, number, mac);
    if (strncmp(mac, f->hex, strlen(f->hex)))
        return 0;
    f->id = id;
    return 1;
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
    if (!l->n++)
        buf_printf(b, "<table id=\"results\" class=\"stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                      "<th>%s</th><th class=\"num\">%s</th></tr></thead><tbody>", TR(rq, "Numurs", "Number"),
                   TR(rq, "Vārds", "Name"), TR(rq, "Pseidonīms", "Pseudonym"), TR(rq, "Kopš", "Since"),
                   TR(rq, "Punkti", "Points"));
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
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Brīvprātīgie", "Volunteers"), "/volunteers");
    search_form(rq, q ? q : "");
    if (!q || !*q || strlen(q) > 100) {
        page_end(rq);
        return;
    }
    char digits[40] = "", folded[404] = "", hex[9];
    struct pseudo_find pf = { rq, hex, 0 };
    enum db_status st = DB_DONE;
    if (pseudonym_part(q, hex))
        st = volunteers_each_number(rq->db, pseudo_row, &pf);
    else if (!number_part(q, digits, sizeof digits))
        sms_fold_latvian(q, folded, sizeof folded);
    struct hits l = { rq, 0 };
    if (!DB_FAILED(st) && (digits[0] || folded[0] || pf.id))
        st = volunteers_search(rq->db, digits, folded, pf.id, SEARCH_MAX, hit_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    if (l.n)
        buf_put(b, "</tbody></table>");
    else
        buf_printf(b, "<p id=\"no-results\">%s</p>", TR(rq, "Neviens nav atrasts.", "Nobody found."));
    page_end(rq);
}
