/* cmd_review.h: `talka review` (cmd_review.c). */
#ifndef TALKA_CMD_REVIEW_H
#define TALKA_CMD_REVIEW_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_review(int argc, char **argv);

#endif
