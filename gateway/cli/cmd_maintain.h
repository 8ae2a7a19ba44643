/* cmd_maintain.h: `talka maintain` (cmd_maintain.c). */
#ifndef TALKA_CMD_MAINTAIN_H
#define TALKA_CMD_MAINTAIN_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_maintain(int argc, char **argv);

#endif
