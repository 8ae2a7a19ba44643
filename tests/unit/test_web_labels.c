/* test_web_labels.c: the dashboard's one table of labels (web_labels.c) and the
 * stacked listing tables' one opener (page_stack_row in web_page.c). */
#include "gateway/web/web_labels.h"
#include "gateway/web/web_page.h"
#include "tests/test.h"

#include <string.h>

TEST(web_label_one_code_reads_by_its_kind)
{
    struct web_req rq = { 0 };
    /* "cancelled": a planting, an outbound text, a text that withdrew a planting */
    CHECK_STR(page_label(&rq, LABEL_CODE, "cancelled"), "atcelts");
    CHECK_STR(page_label(&rq, LABEL_OUT, "cancelled"), "atcelta");
    CHECK_STR(page_label(&rq, LABEL_UNDERSTOOD, "cancelled"), "atsauca stādījumu");
    CHECK_STR(page_label(&rq, LABEL_CODE, "approve"), "apstiprināts");
    CHECK_STR(page_label(&rq, LABEL_ACTION, "approve"), "apstiprināja ziņojumu");
    rq.en = true;
    CHECK_STR(page_label(&rq, LABEL_OUT, "cancelled"), "cancelled");
    CHECK_STR(page_label(&rq, LABEL_CODE, "ru"), "Russian");
    CHECK_STR(page_label(&rq, LABEL_ACTION, "inbox_teach"), "taught a word");
}

TEST(web_label_fallbacks_per_kind)
{
    struct web_req rq = { 0 };
    /* an unknown code is shown as it is, never hidden ... */
    CHECK_STR(page_label(&rq, LABEL_CODE, "warming_up"), "warming_up");
    CHECK_STR(page_label(&rq, LABEL_ACTION, "new_action"), "new_action");
    CHECK_STR(page_label(&rq, LABEL_CODE, NULL), "");
    /* ... except where the kind has a fallback */
    CHECK_STR(page_label(&rq, LABEL_MISSED, "error:something_new"), "nesaprasts");
    CHECK_STR(page_label(&rq, LABEL_MISSED, "error:unknown_place"), "nezināma vieta");
    CHECK_STR(page_label(&rq, LABEL_UNDERSTOOD, "error:unknown_place"), "nesaprasts");
    CHECK_STR(page_label(&rq, LABEL_UNDERSTOOD, "ignored:alphanumeric"), "neņemts vērā");
    CHECK_STR(page_label(&rq, LABEL_UNDERSTOOD, ""), "vēl nav apstrādāts");
    CHECK_STR(page_label(&rq, LABEL_UNDERSTOOD, "thanks"), "apstrādāts");
}

/* every action the code writes to audit_log has a label in both languages (the
 * journal showed message_send and export_numbers as raw codes, and "ziņu" for
 * what the page now calls Atgādinājumi) */
TEST(web_label_every_journal_action)
{
    static const char *const written[] = {
        "web_login", "web_login_refused", "web_logout", "approve", "reject", "broadcast_create",
        "broadcast_cancel", "message_send", "reminders_on", "reminders_off", "erase", "export_numbers",
        "web_user_add", "web_user_passwd", "web_user_remove", "staff_denied", "staff_pin_wrong",
        "inbox_reply", "inbox_register", "inbox_teach", "inbox_forget", "inbox_resolve",
        "question_register", "question_drop",
    };
    struct web_req lv = { 0 }, en = { .en = true };
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
        CHECK(strcmp(page_label(&lv, LABEL_ACTION, written[i]), written[i]) != 0);
        CHECK(strcmp(page_label(&en, LABEL_ACTION, written[i]), written[i]) != 0);
    }
    CHECK_STR(page_label(&lv, LABEL_ACTION, "broadcast_create"), "izveidoja atgādinājumu");
}

TEST(web_stack_table_opened_by_the_first_row_only)
{
    struct web_req rq = { 0 };
    const char *heads[] = { "Kad", "Punkti", "", NULL };
    int n = 0;
    page_stack_row(&rq, &n, "t", heads, 1u << 1);
    buf_put(&rq.out, "<tr></tr>");
    page_stack_row(&rq, &n, "t", heads, 1u << 1);
    buf_put(&rq.out, "<tr></tr>");
    page_stack_end(&rq, n, "t-empty", "Nav.");
    CHECK_INT(n, 2);
    CHECK_STR(rq.out.p, "<table id=\"t\" class=\"stack\"><thead><tr><th>Kad</th><th class=\"num\">Punkti</th>"
                        "<th></th></tr></thead><tbody><tr></tr><tr></tr></tbody></table>");
    buf_free(&rq.out);
    n = 0;
    page_stack_end(&rq, n, "t-empty", "Nav.");
    CHECK_STR(rq.out.p, "<p id=\"t-empty\">Nav.</p>");
    buf_free(&rq.out);
}
