/* cmd_status.h: `talka status` (cmd_status.c). */
#ifndef TALKA_CMD_STATUS_H
#define TALKA_CMD_STATUS_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_status(int argc, char **argv);

#endif
