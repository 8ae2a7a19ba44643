/* cmd_ussd.h: `talka ussd` (cmd_ussd.c). */
#ifndef TALKA_CMD_USSD_H
#define TALKA_CMD_USSD_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_ussd(int argc, char **argv);

#endif
