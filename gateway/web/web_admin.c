/* web_admin.c: the accounts page (see web_admin.h); every change in the audit log. */
#include "gateway/web/web_admin.h"

#include "db/audit.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNTS_MAX 200

void web_accounts(struct web_req *rq)
{
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Konti", "Accounts"), "/accounts");
    struct web_account *a = calloc(ACCOUNTS_MAX, sizeof *a);
    int n = a ? web_account_list(rq->db, a, ACCOUNTS_MAX) : -1;
    buf_printf(b, "<table id=\"accounts\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr>"
                  "</thead><tbody>", TR(rq, "Vārds", "Name"), TR(rq, "Loma", "Role"),
               TR(rq, "Pēdējā pieteikšanās", "Last sign-in"), TR(rq, "Jauna parole", "New password"));
    for (int i = 0; i < n; i++) {
        char last[32];
        page_time(a[i].last_login_at, last);
        buf_put(b, "<tr><td>");
        buf_esc(b, a[i].name);
        buf_printf(b, "</td><td>%s</td><td>%s%s</td><td><form method=\"post\" action=\"/accounts/passwd\" class=\"inline\">",
                   page_role(rq, a[i].role), last,
                   a[i].locked_until > rq->now ? TR(rq, " (slēgts)", " (locked)") : "");
        page_csrf(rq);
        buf_put(b, "<input type=\"hidden\" name=\"name\" value=\"");
        buf_esc(b, a[i].name);
        buf_printf(b, "\"><input type=\"password\" name=\"password\" autocomplete=\"new-password\" minlength=\"%d\""
                      " required aria-label=\"%s\" placeholder=\"%s\"> <input type=\"password\" name=\"password2\""
                      " autocomplete=\"new-password\" minlength=\"%d\" required aria-label=\"%s\" placeholder=\"%s\">"
                      " <button type=\"submit\">%s</button></form></td><td>", WEB_PASSWORD_MIN,
                   TR(rq, "Jauna parole", "New password"), TR(rq, "jauna parole", "new password"), WEB_PASSWORD_MIN,
                   TR(rq, "Vēlreiz", "Again"), TR(rq, "vēlreiz", "again"), TR(rq, "Mainīt", "Change"));
        buf_put(b, "<form method=\"post\" action=\"/accounts/remove\" class=\"inline\" data-confirm=\"");
        buf_esc(b, TR(rq, "Dzēst šo kontu?", "Remove this account?"));
        buf_put(b, "\">");
        page_csrf(rq);
        buf_put(b, "<input type=\"hidden\" name=\"name\" value=\"");
        buf_esc(b, a[i].name);
        buf_printf(b, "\"><button type=\"submit\" class=\"danger\">%s</button></form></td></tr>", TR(rq, "Dzēst", "Remove"));
    }
    free(a);
    buf_printf(b, "</tbody></table><section class=\"compose\"><h2>%s</h2><form method=\"post\" action=\"/accounts/add\">",
               TR(rq, "Jauns konts", "New account"));
    page_csrf(rq);
    buf_printf(b, "<label for=\"new-name\">%s</label><input id=\"new-name\" name=\"name\" pattern=\"[a-z0-9._-]{1,32}\" required"
                  " autocomplete=\"off\"><label for=\"new-role\">%s</label><select id=\"new-role\" name=\"role\">"
                  "<option value=\"viewer\">%s</option><option value=\"coordinator\">%s</option>"
                  "<option value=\"admin\">%s</option></select><label for=\"new-password\">%s</label>"
                  "<input id=\"new-password\" name=\"password\" type=\"password\" autocomplete=\"new-password\""
                  " minlength=\"%d\" required><label for=\"new-password2\">%s</label><input id=\"new-password2\""
                  " name=\"password2\" type=\"password\" autocomplete=\"new-password\" minlength=\"%d\" required>"
                  "<button type=\"submit\">%s</button></form></section>",
               TR(rq, "Vārds (a-z 0-9 . _ -)", "Name (a-z 0-9 . _ -)"), TR(rq, "Loma", "Role"),
               page_role(rq, ROLE_VIEWER), page_role(rq, ROLE_COORDINATOR), page_role(rq, ROLE_ADMIN),
               TR(rq, "Parole", "Password"), WEB_PASSWORD_MIN, TR(rq, "Parole vēlreiz", "Password again"),
               WEB_PASSWORD_MIN, TR(rq, "Pievienot", "Add"));
    buf_printf(b, "<p class=\"hint\">%s</p>",
               TR(rq, "skatītājs: kopskats, stāvoklis, lejupielādes · koordinators: arī moderēšana, atgādinājumi, brīvprātīgie · administrators: arī konti un dzēšana",
                  "viewer: overview, health, downloads · coordinator: also moderation, reminders, volunteers · admin: also accounts and erasure"));
    page_end(rq);
}

/* The new password typed twice, in the page's language; false (with the notice
 * set) when it is missing, differs or is too short or long. */
static bool password_pair(struct web_req *rq, const char *pw)
{
    const char *again = web_field(rq, "password2");
    char err[160], msg[200];
    if (!pw || !*pw) {
        page_back(rq, "/accounts", false, TR(rq, "Ierakstiet paroli.", "Type the password."));
        return false;
    }
    if (!again || strcmp(pw, again)) {
        page_back(rq, "/accounts", false, TR(rq, "Paroles nesakrīt: ierakstiet to pašu divreiz.",
                                             "The passwords differ: type the same one twice."));
        return false;
    }
    if (!web_password_ok(pw, err, sizeof err)) {
        snprintf(msg, sizeof msg, TR(rq, "Parolei jābūt %d–200 zīmes garai.",
                                     "The password must be %d to 200 characters long."), WEB_PASSWORD_MIN);
        page_back(rq, "/accounts", false, msg);
        return false;
    }
    return true;
}

static void done(struct web_req *rq, const char *action, const char *name, bool ok,
                 const char *msg)
{
    if (ok) {
        char actor[64];
        snprintf(actor, sizeof actor, "web:%s", rq->user.name);
        audit(rq->db, rq->now, actor, action, name, NULL);
    }
    page_back(rq, "/accounts", ok, msg);
}

void web_account_add_post(struct web_req *rq)
{
    const char *name = web_field(rq, "name"), *pw = web_field(rq, "password");
    enum web_role role = web_role_parse(web_field(rq, "role"));
    if (!name || !web_account_name_ok(name) || role == ROLE_NONE) {
        page_back(rq, "/accounts", false, TR(rq, "Nederīgs vārds vai loma.", "Bad name or role."));
        return;
    }
    if (!password_pair(rq, pw))
        return;
    enum db_status st = web_account_add(rq->db, name, role, pw, rq->now);
    done(rq, "web_user_add", name, st == DB_FOUND,
         st == DB_FOUND ? TR(rq, "Konts pievienots.", "Account added.")
                        : st == DB_NONE ? TR(rq, "Šāds vārds jau ir.", "That name is taken.")
                                        : TR(rq, "Datubāzes kļūda.", "Database error."));
}

void web_account_passwd_post(struct web_req *rq)
{
    const char *name = web_field(rq, "name"), *pw = web_field(rq, "password");
    if (!name) {
        page_back(rq, "/accounts", false, TR(rq, "Tāda konta nav.", "No such account."));
        return;
    }
    if (!password_pair(rq, pw))
        return;
    enum db_status st = web_account_passwd(rq->db, name, pw, rq->now);
    done(rq, "web_user_passwd", name, st == DB_FOUND,
         st == DB_FOUND ? TR(rq, "Parole nomainīta.", "Password changed.")
                        : TR(rq, "Tāda konta nav.", "No such account."));
}

void web_account_remove_post(struct web_req *rq)
{
    const char *name = web_field(rq, "name");
    struct web_account a;
    if (!name || web_account_get(rq->db, name, &a) != DB_FOUND) {
        page_back(rq, "/accounts", false, TR(rq, "Tāda konta nav.", "No such account."));
        return;
    }
    if (a.role == ROLE_ADMIN && web_admin_count(rq->db) <= 1) {
        page_back(rq, "/accounts", false, TR(rq, "Pēdējo administratoru nevar dzēst.",
                                             "The last admin cannot be removed."));
        return;
    }
    bool last = false;
    enum db_status st = web_account_remove(rq->db, name, &last);
    done(rq, "web_user_remove", name, st == DB_FOUND,
         st == DB_FOUND ? TR(rq, "Konts dzēsts.", "Account removed.")
         : last ? TR(rq, "Pēdējo administratoru nevar dzēst.", "The last admin cannot be removed.")
                : TR(rq, "Datubāzes kļūda.", "Database error."));
}
