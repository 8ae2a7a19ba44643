/* cmd_migrate.h: `talka migrate` (cmd_migrate.c). */
#ifndef TALKA_CMD_MIGRATE_H
#define TALKA_CMD_MIGRATE_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_migrate(int argc, char **argv);

#endif
