/* web_page.h: what every dashboard page shares: the frame (header, navigation
 * by role, language switch, footer), the CSRF field of changing forms, dates,
 * and volunteers' pseudonyms (V-xxxxxxxx, never the number). */
#ifndef TALKA_WEB_PAGE_H
#define TALKA_WEB_PAGE_H

#include "gateway/web/web_request.h"

#include <stdint.h>
#include <time.h>

/* Starts an HTML page; nav is the path of the menu entry to mark. */
void page_begin(struct web_req *rq, const char *title, const char *nav);
void page_end(struct web_req *rq);
/* <input type=hidden name=csrf ...> for a form that changes anything. */
void page_csrf(struct web_req *rq);
/* The notice an action left in the session (shown once). */
void page_notice(struct web_req *rq);
/* "16.05.2026 14:30" in the campaign's time zone ("—" for 0). */
void page_time(time_t t, char out[32]);
/* "16.05.2026 14:30" or "16.05.2026" (local; ISO forms too) as a time; -1 when bad. */
time_t page_parse_local(const char *s);
/* "V-1a2b3c4d" for a number ("V-erased" for an erased one). */
void page_pseudonym(const struct web_req *rq, const char *number, char out[16]);
/* label (a pseudonym) as a link to volunteer id's page for coordinators and admins. */
void page_volunteer_link(struct web_req *rq, int64_t id, const char *label);
/* A listing's row callback calls this first: the first row (*n was 0) opens the
 * table, <table id=ID class="stack"> (on a phone its rows stack into blocks, each
 * value labelled with its heading), the headings heads[] (NULL-terminated; ""
 * for an empty one; bit i of num marks column i as a number) and <tbody>. *n
 * counts the rows. */
void page_stack_row(struct web_req *rq, int *n, const char *id, const char *const heads[], unsigned num);
/* After the rows: </tbody></table> when a row opened the table, else
 * <p id=EMPTY_ID>EMPTY</p>. */
void page_stack_end(struct web_req *rq, int n, const char *empty_id, const char *empty);
/* A role's name in the page's language (administrators, koordinators, skatītājs). */
const char *page_role(const struct web_req *rq, enum web_role r);
/* v with the page's thousands separator ("1 502" in Latvian, "1,502" in English). */
const char *page_num(const struct web_req *rq, long long v, char out[32]);
/* A species id's everyday name in the page's language (the id when unknown). */
const char *page_species(const struct web_req *rq, const char *id);
/* Redirect to path, text left in the session as a notice: ok (a success) or a
 * problem. Never in the address, where a link could put any text. */
void page_back(struct web_req *rq, const char *path, bool ok, const char *text);

/* What a failed read (DB_BUSY or DB_ERROR) says to the staff user. */
const char *page_db_failure(const struct web_req *rq, enum db_status s);
/* A read that failed, never shown as an empty answer:
 * the whole page as a 503 (busy) or 500 (error) ... */
void page_db_fail(struct web_req *rq, enum db_status s);
/* ... or, where the rest of the page stands, a table row across columns ... */
void page_db_error_row(struct web_req *rq, int columns, enum db_status s);
/* ... or a line of its own. */
void page_db_error_line(struct web_req *rq, enum db_status s);

#endif
