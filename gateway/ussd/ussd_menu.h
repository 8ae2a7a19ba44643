/* ussd_menu.h: the USSD menu as a state machine over one session: the main menu
 * (1 register trees, 2 my points, 3 how to text us, 4 language), and the
 * registration walk species (one fixed order) -> count -> place (-> "did you
 * mean", or which novads) -> confirm -> save. Wrong input shows the same screen
 * again with a short hint. It knows nothing of HTTP or of the provider's format. */
#ifndef TALKA_USSD_MENU_H
#define TALKA_USSD_MENU_H

#include "gateway/ussd/ussd_menu_show.h"   /* the session's screens, the menu's types */

/* The first screen of a new session (s->lang already chosen). */
void ussd_menu_begin(const struct ussd_menu_env *env, struct ussd_session *s,
                     struct ussd_answer *a);

/* One input (the latest only, as typed) on the screen s->step is waiting on. */
void ussd_menu_input(const struct ussd_menu_env *env, struct ussd_session *s,
                     const char *input, struct ussd_answer *a);

#endif
