/* cmd_backup.h: `talka backup` (cmd_backup.c). */
#ifndef TALKA_CMD_BACKUP_H
#define TALKA_CMD_BACKUP_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_backup(int argc, char **argv);

#endif
