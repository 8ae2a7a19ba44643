/* web_routes.c: the dashboard's routing table and its checks (see web_routes.h). */
#include "gateway/web/web_routes.h"

#include "gateway/base/log.h"
#include "gateway/web/web_admin.h"
#include "gateway/web/web_assets.h"
#include "gateway/web/web_broadcasts.h"
#include "gateway/web/web_exports.h"
#include "gateway/web/web_audit.h"
#include "gateway/web/web_health.h"
#include "gateway/web/web_inbox.h"
#include "gateway/web/web_inbox_act.h"
#include "gateway/web/web_login.h"
#include "gateway/web/web_moderation.h"
#include "gateway/web/web_overview.h"
#include "gateway/web/web_sms_count.h"
#include "gateway/web/web_volunteer_message.h"
#include "gateway/web/web_volunteer_search.h"
#include "gateway/web/web_volunteers.h"

#include <openssl/crypto.h>

#include <stdio.h>
#include <string.h>

static void home(struct web_req *rq) { web_redirect(rq, "/overview"); }

static const struct route {
    const char *method, *path;
    enum web_role role;            /* ROLE_NONE: open to anyone (login, language) */
    void (*fn)(struct web_req *rq);
} routes[] = {
    { "GET", "/login", ROLE_NONE, web_login_form },
    { "POST", "/login", ROLE_NONE, web_login_post },
    { "GET", "/lang", ROLE_NONE, web_lang },
    { "POST", "/lang", ROLE_NONE, web_lang },
    { "POST", "/logout", ROLE_VIEWER, web_logout },
    { "GET", "/", ROLE_VIEWER, home },
    { "GET", "/overview", ROLE_VIEWER, web_overview },
    { "GET", "/api/overview", ROLE_VIEWER, web_api_overview },
    { "GET", "/health", ROLE_VIEWER, web_health },
    { "GET", "/downloads", ROLE_VIEWER, web_downloads },
    { "GET", "/downloads/plantings.csv", ROLE_VIEWER, web_download_csv },
    { "GET", "/downloads/plantings.geojson", ROLE_VIEWER, web_download_geojson },
    { "GET", "/downloads/volunteers.csv", ROLE_COORDINATOR, web_download_volunteers },
    { "GET", "/downloads/messages.csv", ROLE_COORDINATOR, web_download_messages },
    { "GET", "/moderation", ROLE_COORDINATOR, web_moderation },
    { "GET", "/moderation/report", ROLE_COORDINATOR, web_report },
    { "POST", "/moderation/approve", ROLE_COORDINATOR, web_approve },
    { "POST", "/moderation/reject", ROLE_COORDINATOR, web_reject },
    { "POST", "/moderation/reject-preview", ROLE_COORDINATOR, web_reject_preview },
    { "GET", "/broadcasts", ROLE_COORDINATOR, web_broadcasts },
    { "POST", "/broadcasts/preview", ROLE_COORDINATOR, web_broadcast_preview },
    { "POST", "/broadcasts/create", ROLE_COORDINATOR, web_broadcast_create },
    { "POST", "/broadcasts/cancel", ROLE_COORDINATOR, web_broadcast_cancel },
    { "POST", "/broadcasts/count", ROLE_COORDINATOR, web_broadcast_count },
    { "POST", "/sms-count", ROLE_COORDINATOR, web_sms_count },
    { "GET", "/volunteers", ROLE_COORDINATOR, web_volunteers },
    { "GET", "/volunteer", ROLE_COORDINATOR, web_volunteer },
    { "POST", "/volunteer/reminders", ROLE_COORDINATOR, web_volunteer_reminders },
    { "POST", "/volunteer/message", ROLE_COORDINATOR, web_volunteer_message },
    { "POST", "/volunteer/erase", ROLE_ADMIN, web_volunteer_erase },
    { "GET", "/inbox", ROLE_COORDINATOR, web_inbox },
    { "GET", "/inbox/text", ROLE_COORDINATOR, web_inbox_text },
    { "GET", "/inbox/words", ROLE_COORDINATOR, web_inbox_words },
    { "POST", "/inbox/reply", ROLE_COORDINATOR, web_inbox_reply },
    { "POST", "/inbox/register", ROLE_COORDINATOR, web_inbox_register },
    { "POST", "/inbox/teach", ROLE_COORDINATOR, web_inbox_teach },
    { "POST", "/inbox/forget", ROLE_COORDINATOR, web_inbox_forget },
    { "POST", "/inbox/resolve", ROLE_COORDINATOR, web_inbox_resolve },
    { "POST", "/moderation/settle", ROLE_COORDINATOR, web_question_settle },
    { "GET", "/journal", ROLE_ADMIN, web_journal },
    { "GET", "/journal.csv", ROLE_ADMIN, web_journal_csv },
    { "GET", "/accounts", ROLE_ADMIN, web_accounts },
    { "POST", "/accounts/add", ROLE_ADMIN, web_account_add_post },
    { "POST", "/accounts/passwd", ROLE_ADMIN, web_account_passwd_post },
    { "POST", "/accounts/remove", ROLE_ADMIN, web_account_remove_post },
};

static void serve_asset(struct web_req *rq)
{
    const struct web_asset *a = web_asset_find(rq->path + strlen("/assets/"));
    if (!a || strcmp(rq->method, "GET")) {
        web_fail(rq, a ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND, "not found");
        return;
    }
    rq->status = MHD_HTTP_OK;
    rq->type = a->type;
    buf_putn(&rq->out, (const char *)a->data, a->len);
}

void web_route(struct web_req *rq)
{
    if (!strncmp(rq->path, "/assets/", 8)) {
        serve_asset(rq);
        return;
    }
    const struct route *match = NULL;
    bool path_known = false;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, rq->path))
            continue;
        path_known = true;
        if (!strcmp(routes[i].method, rq->method))
            match = &routes[i];
    }
    if (match && match->role == ROLE_NONE) {
        match->fn(rq);
        return;
    }
    enum db_status st = web_session_find(rq->db, web_cookie_get(rq, "talka_session"), rq->now,
                                         rq->site->idle_s, &rq->user);
    if (DB_FAILED(st)) {
        web_fail(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "database busy, try again");
        return;
    }
    rq->authed = st == DB_FOUND;
    if (!rq->authed) {
        if (!strcmp(rq->method, "GET") && strncmp(rq->path, "/api/", 5)) {
            struct buf u = { 0 };
            buf_put(&u, "/login?next=");
            buf_url(&u, path_known ? rq->path : "/overview");
            web_redirect(rq, u.p ? u.p : "/login");
            buf_free(&u);
        } else {
            web_fail(rq, MHD_HTTP_UNAUTHORIZED, TR(rq, "Vispirms piesakieties.", "Sign in first."));
        }
        return;
    }
    if (!path_known) {
        web_fail(rq, MHD_HTTP_NOT_FOUND, TR(rq, "Tādas lapas nav.", "There is no such page."));
        return;
    }
    if (!match) {
        web_fail(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
        return;
    }
    if (rq->user.role < match->role) {
        log_info("web: %s (%s) refused %s %s", rq->user.name, web_role_name(rq->user.role),
                 rq->method, rq->path);
        web_fail(rq, MHD_HTTP_FORBIDDEN, TR(rq, "Jūsu lomai šī lapa nav atļauta.",
                                            "Your role may not open this page."));
        return;
    }
    if (rq->post) {
        const char *t = web_field(rq, "csrf");
        size_t n = strlen(rq->user.csrf);
        if (!t || strlen(t) != n || CRYPTO_memcmp(t, rq->user.csrf, n)) {
            log_info("web: %s: %s without a valid CSRF token refused", rq->user.name, rq->path);
            web_fail(rq, MHD_HTTP_FORBIDDEN, TR(rq, "Veidlapa novecojusi: pārlādējiet lapu.",
                                                "The form has expired: reload the page."));
            return;
        }
    }
    match->fn(rq);
}
