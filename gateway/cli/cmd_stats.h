/* cmd_stats.h: `talka stats` (cmd_stats.c). */
#ifndef TALKA_CMD_STATS_H
#define TALKA_CMD_STATS_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_stats(int argc, char **argv);

#endif
