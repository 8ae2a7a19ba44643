/* cmd_volunteer.h: `talka volunteer` (cmd_volunteer.c). */
#ifndef TALKA_CMD_VOLUNTEER_H
#define TALKA_CMD_VOLUNTEER_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_volunteer(int argc, char **argv);

#endif
