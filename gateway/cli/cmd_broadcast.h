/* cmd_broadcast.h: `talka broadcast` (cmd_broadcast.c). */
#ifndef TALKA_CMD_BROADCAST_H
#define TALKA_CMD_BROADCAST_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_broadcast(int argc, char **argv);

#endif
