/* web_inbox_act.c: the inbox's actions (see web_inbox_act.h). The work is the
 * core's (staff_settle.h, teach.h); here: the form, the audit entry, the way back. */
#include "gateway/web/web_inbox_act.h"

#include "db/audit.h"
#include "db/inbox.h"
#include "gateway/core/staff_settle.h"
#include "gateway/core/teach.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* back to path (with ?id= when id) with ?done=CODE or ?fail=CODE */
static void back(struct web_req *rq, const char *path, int64_t id, bool ok, const char *code)
{
    char url[160];
    if (id)
        snprintf(url, sizeof url, "%s?id=%lld&%s=%s", path, (long long)id, ok ? "done" : "fail", code);
    else
        snprintf(url, sizeof url, "%s?%s=%s", path, ok ? "done" : "fail", code);
    web_redirect(rq, url);
}

static int number_of(const struct inbox_item *it, void *arg)
{
    snprintf(arg, 80, "%s", it->number);
    return 0;
}

/* the audit entry of an inbox action on text id: the sender by pseudonym */
static void audit_text(struct web_req *rq, const char *action, int64_t id, const char *detail)
{
    char number[80] = "", pseudo[16], subject[64], actor[64];
    if (inbox_get(rq->db, rq->now, id, number_of, number) == DB_FOUND && number[0]) {
        page_pseudonym(rq, number, pseudo);
        snprintf(subject, sizeof subject, "%s inbound#%lld", pseudo, (long long)id);
    } else {
        snprintf(subject, sizeof subject, "inbound#%lld", (long long)id);
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    audit(rq->db, rq->now, actor, action, subject, detail);
}

static void settle_back(struct web_req *rq, const char *path, int64_t id, enum settle_result r,
                        const char *bad_code)
{
    back(rq, path, id, false, r == SETTLE_GONE ? "gone" : r == SETTLE_BAD ? bad_code : "db");
}

void web_inbox_reply(struct web_req *rq)
{
    int64_t id = (int64_t)web_num(rq, "id"), oid = 0;
    char msg[32], actor[64], detail[64];
    const char *text = web_field(rq, "text");
    enum settle_result r = id ? settle_write_to(rq->site->pipe, rq->db, id, text, &oid, msg, sizeof msg)
                              : SETTLE_GONE;
    if (r != SETTLE_OK) {
        settle_back(rq, "/inbox/text", id, r, msg);
        return;
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    inbox_resolve(rq->db, id, actor, "replied", rq->now);
    snprintf(detail, sizeof detail, "outbound#%lld", (long long)oid);
    audit_text(rq, "inbox_reply", id, detail);
    back(rq, "/inbox", 0, true, "replied");
}

void web_inbox_register(struct web_req *rq)
{
    int64_t id = (int64_t)web_num(rq, "id");
    long count = (long)web_num(rq, "count");
    char msg[32], actor[64], detail[160];
    struct pipeline_outcome out;
    enum settle_result r = id ? settle_register_text(rq->site->pipe, rq->db, id, count,
                                                     web_field(rq, "species"), web_field(rq, "place"),
                                                     &out, msg, sizeof msg)
                              : SETTLE_GONE;
    if (r != SETTLE_OK) {
        settle_back(rq, "/inbox/text", id, r, msg);
        return;
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    inbox_resolve(rq->db, id, actor, "registered", rq->now);
    snprintf(detail, sizeof detail, "%s, %ld trees", out.outcome, count);
    audit_text(rq, "inbox_register", id, detail);
    back(rq, "/inbox", 0, true, !strcmp(out.outcome, "duplicate") ? "duplicate" : "registered");
}

/* teach_word's reason ("species quercus_robur", "command points", "word",
 * "taught", "empty", "target") as a notice code */
static const char *refusal_code(const char *why)
{
    static const char *const codes[] = { "species", "place", "command", "taught", "empty", "target" };
    static const char *const out[] = { "word_species", "word_place", "word_command", "word_taught",
                                       "word_empty", "target" };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (!strncmp(why, codes[i], strlen(codes[i])))
            return out[i];
    return "word";
}

void web_inbox_teach(struct web_req *rq)
{
    int64_t id = (int64_t)web_num(rq, "id");
    const char *kind = web_field(rq, "kind"), *target = web_field(rq, "target");
    char why[160], actor[64], detail[200];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    enum teach_result r = teach_word(rq->site->app, rq->db, web_field(rq, "word"), kind, target,
                                     actor, why, sizeof why);
    if (r == TEACH_DB) {
        back(rq, "/inbox/text", id, false, "db");
        return;
    }
    if (r == TEACH_REFUSED) {
        /* the reason (what the word means already) as a fixed code in the URL,
         * never the word itself */
        back(rq, "/inbox/text", id, false, refusal_code(why));
        return;
    }
    snprintf(detail, sizeof detail, "%s alias of %s", kind, target);
    if (id)
        audit_text(rq, "inbox_teach", id, detail);
    else
        audit(rq->db, rq->now, actor, "inbox_teach", "word", detail);
    back(rq, "/inbox/text", id, true, "taught");
}

void web_inbox_forget(struct web_req *rq)
{
    char word[128], actor[64], subject[48];
    int64_t wid = (int64_t)web_num(rq, "wid");
    enum teach_result r = teach_forget(rq->site->app, rq->db, wid, word, sizeof word);
    if (r != TEACH_OK) {
        back(rq, "/inbox/words", 0, false, r == TEACH_DB ? "db" : "gone");
        return;
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "taught#%lld", (long long)wid);
    audit(rq->db, rq->now, actor, "inbox_forget", subject, NULL);
    back(rq, "/inbox/words", 0, true, "forgot");
}

void web_inbox_resolve(struct web_req *rq)
{
    int64_t id = (int64_t)web_num(rq, "id");
    char actor[64];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    if (!id || !inbox_resolve(rq->db, id, actor, "reviewed", rq->now)) {
        back(rq, "/inbox/text", id, false, id ? "db" : "gone");
        return;
    }
    audit_text(rq, "inbox_resolve", id, NULL);
    back(rq, "/inbox", 0, true, "reviewed");
}

void web_question_settle(struct web_req *rq)
{
    int64_t q = (int64_t)web_num(rq, "q");
    bool keep = web_num(rq, "keep") == 1;
    char msg[32], actor[64], subject[48], detail[96];
    struct pipeline_outcome out;
    enum settle_result r = q ? settle_question(rq->site->pipe, rq->db, q, keep, &out, msg, sizeof msg)
                             : SETTLE_GONE;
    if (r != SETTLE_OK) {
        back(rq, "/moderation", 0, false, r == SETTLE_GONE ? "gone" : r == SETTLE_BAD ? msg : "db");
        return;
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "question#%lld", (long long)q);
    snprintf(detail, sizeof detail, "%s", out.outcome);
    audit(rq->db, rq->now, actor, keep ? "question_register" : "question_drop", subject, detail);
    back(rq, "/moderation", 0, true, keep ? "settled" : "dropped");
}
