/* ussd_menu_show.h: the USSD menu's types (its environment, an answer, a save's
 * result) and its screens, rendered for one session (ussd_menu.c reads the
 * input): each show_* sets the step the session then waits on and fills the
 * answer; the species list in its fixed order; the places offered for a name in
 * several municipalities; points with their noun. */
#ifndef TALKA_USSD_MENU_SHOW_H
#define TALKA_USSD_MENU_SHOW_H

#include "db/ussd_store.h"
#include "gateway/ussd/ussd_screens.h"
#include "parsers/lookup.h"
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

/* Renders a one-off screen (no list) for lang: used for "expired" and "error". */
void ussd_menu_screen(const struct ussd_menu_env *env, enum lang lang, const char *key,
                      struct ussd_answer *a);

enum lang ussd_slang(const struct ussd_session *s);

/* The place a session stored ("Name|Municipality", or a bare name); NULL if none. */
const struct place *ussd_session_place(const struct lexicon *lex, const char *stored);
/* Stores pl into out ("Name|Municipality": two parishes may share a name). */
void ussd_store_place(const struct place *pl, char *out, size_t len);

/* The screen key with a hint line (a key too, or NULL) on top, fitted; step is
 * what the session waits on next (USSD_DONE ends it). */
void ussd_show(const struct ussd_menu_env *env, struct ussd_session *s, enum ussd_step step,
               const char *hint, const char *key, const struct reply_var *vars, int nvars,
               struct ussd_answer *a);

void show_main(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
               struct ussd_answer *a);
/* The species list page starting at pos, in the fixed order of the species list. */
void show_species(const struct ussd_menu_env *env, struct ussd_session *s, int pos,
                  const char *hint, struct ussd_answer *a);
void show_count(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                struct ussd_answer *a);
void show_place(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                struct ussd_answer *a);
void show_place_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                        const char *hint, struct ussd_answer *a);
/* "Salas pagasts: kurā novadā? 1 Jēkabpils nov. 2 Mārupes nov.": the places of
 * s->shown (set from pl when given, else kept), one per municipality. */
void show_place_choice(const struct ussd_menu_env *env, struct ussd_session *s,
                       const struct place_lookup *pl, const char *hint, struct ussd_answer *a);
void show_species_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                          const char *hint, struct ussd_answer *a);
void show_confirm(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                  struct ussd_answer *a);
void show_lang(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
               struct ussd_answer *a);
/* "2 Mani punkti": the balance with its noun, thanks only for trees planted, and
 * a report waiting for staff said so (END). */
void show_points(const struct ussd_menu_env *env, struct ussd_session *s, struct ussd_answer *a);
/* The END screen after a save: out as the pipeline left it; ok false when it failed. */
void show_saved(const struct ussd_menu_env *env, struct ussd_session *s, bool ok,
                const struct ussd_saved *out, struct ussd_answer *a);

#endif
