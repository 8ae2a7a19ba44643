/* gammu_capture.h: the raw PDU of each message libgammu's AT driver reads, taken
 * from the driver's own debug text ("Getting message from cache" and the PDU
 * line after it), so a message talka sets aside keeps its exact bytes. Only
 * while a read is in progress, and never when the [gammu] section asks for a
 * gammu log file of its own. */
#ifndef TALKA_GAMMU_CAPTURE_H
#define TALKA_GAMMU_CAPTURE_H

#include <gammu.h>
#include <stdbool.h>
#include <stddef.h>

struct gammu_capture {
    bool attached;          /* the state machine's debug output comes to us */
    bool after_marker;      /* the next complete line is the PDU */
    char line[640];         /* the line being assembled */
    size_t len;
    char pdu[400];          /* the last PDU seen since gammu_capture_begin, "" none */
};

/* Routes sm's debug output to c (off until gammu_capture_begin); does nothing
 * when the configuration wants a gammu log file. */
void gammu_capture_attach(struct gammu_capture *c, GSM_StateMachine *sm);
/* Around each read: begin clears the last PDU and turns the text on, end off. */
void gammu_capture_begin(struct gammu_capture *c, GSM_StateMachine *sm);
void gammu_capture_end(struct gammu_capture *c, GSM_StateMachine *sm);

#endif
