/* gammu_capture.c: raw PDUs from libgammu's debug text (see gammu_capture.h). */
#include "gateway/modem/gammu_capture.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool is_pdu(const char *s, size_t n)
{
    if (n < 16 || n % 2 || n >= sizeof ((struct gammu_capture *)0)->pdu)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

static void on_line(struct gammu_capture *c)
{
    c->line[c->len] = '\0';
    if (c->after_marker) {
        c->after_marker = false;
        if (is_pdu(c->line, c->len))
            memcpy(c->pdu, c->line, c->len + 1);
    } else if (strcmp(c->line, "Getting message from cache") == 0) {
        c->after_marker = true;
    }
    c->len = 0;
}

/* libgammu calls this with pieces of text; a newline comes as its own piece */
static void on_debug(const char *text, void *data)
{
    struct gammu_capture *c = data;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            on_line(c);
        else if (*p != '\r' && c->len + 1 < sizeof c->line)
            c->line[c->len++] = *p;
    }
}

void gammu_capture_attach(struct gammu_capture *c, GSM_StateMachine *sm)
{
    memset(c, 0, sizeof *c);
    GSM_Config *gc = GSM_GetConfig(sm, -1);
    if (!gc || (gc->DebugFile && gc->DebugFile[0]))
        return;   /* the section names a gammu logfile: leave gammu's logging alone */
    GSM_Debug_Info *di = GSM_GetDebug(sm);
    GSM_SetDebugGlobal(FALSE, di);
    GSM_SetDebugFunction(on_debug, c, di);
    GSM_SetDebugLevel("nothing", di);
    c->attached = true;
}

void gammu_capture_begin(struct gammu_capture *c, GSM_StateMachine *sm)
{
    c->pdu[0] = '\0';
    c->after_marker = false;
    c->len = 0;
    if (c->attached)
        GSM_SetDebugLevel("text", GSM_GetDebug(sm));
}

void gammu_capture_end(struct gammu_capture *c, GSM_StateMachine *sm)
{
    if (c->attached)
        GSM_SetDebugLevel("nothing", GSM_GetDebug(sm));
}
