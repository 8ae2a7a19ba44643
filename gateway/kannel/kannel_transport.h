/* kannel_transport.h: the Kannel link transport (kannel_transport.c registers it
 * with TRANSPORT_REGISTER; the modem service drives it). kannel_service calls
 * kannel_transport_wake() after storing a text, so the link's sender looks for
 * the reply at once instead of at its next idle tick. */
#ifndef TALKA_KANNEL_TRANSPORT_H
#define TALKA_KANNEL_TRANSPORT_H

/* Wakes the idle wait of the named link (NULL: every Kannel link). Thread-safe. */
void kannel_transport_wake(const char *link);

#endif
