/* ussd_menu.h: the USSD menu as a state machine over one session: the main menu
 * (1 register trees, 2 my points, 3 how to text us, 4 language), and the
 * registration walk species -> count -> place (-> "did you mean") -> confirm ->
 * save. Wrong input shows the same screen again with a short hint. It knows
 * nothing of HTTP or of the provider's format. */
#ifndef TALKA_USSD_MENU_H
#define TALKA_USSD_MENU_H

#include "db/ussd_store.h"
#include "gateway/ussd/ussd_screens.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <time.h>

struct ussd_answer {
    bool end;                       /* END (session over) rather than CON */
    char text[USSD_SCREEN_MAX];     /* the screen, already fitted */
};

/* What a finished registration produced. */
struct ussd_saved {
    long points_total;
    char outcome[64];               /* the pipeline's outcome: planted, pending_review, ... */
};

struct ussd_menu_env {
    const struct lexicon *lex;
    const struct ussd_screens *scr;
    struct db *db;                  /* this thread's connection */
    long min_count, max_count;
    const char *sms_number;         /* where texts go, for "how to text us" */
    time_t now;
    /* Saves the registration in pr for the session's volunteer; false on failure. */
    bool (*save)(void *arg, struct db *db, const struct ussd_session *s,
                 const struct parse_result *pr, struct ussd_saved *out);
    void *save_arg;
};

/* The first screen of a new session (s->lang already chosen). */
void ussd_menu_begin(const struct ussd_menu_env *env, struct ussd_session *s,
                     struct ussd_answer *a);

/* One input (the latest only, as typed) on the screen s->step is waiting on. */
void ussd_menu_input(const struct ussd_menu_env *env, struct ussd_session *s,
                     const char *input, struct ussd_answer *a);

/* Renders a one-off screen (no list) for lang: used for "expired" and "error". */
void ussd_menu_screen(const struct ussd_menu_env *env, enum lang lang, const char *key,
                      struct ussd_answer *a);


/* Forgets the cached most-planted order (tests; SIGHUP). */
void ussd_menu_forget_order(void);

#endif
