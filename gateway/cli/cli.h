/* cli.h: small helpers every subcommand uses (cli.c). The subcommands of the talka
 * binary are git-style, one file each (gateway/cli/cmd_NAME.c with its header);
 * -c FILE has already been taken out by main.c (see app_config_path). Exit codes:
 * 0 done, 1 failed, 2 usage or configuration error. */
#ifndef TALKA_CLI_H
#define TALKA_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* True when argv holds -h or --help; commands print their usage and exit 0. */
int wants_help(int argc, char **argv);

/* "cli:LOGIN" for the audit log: $SUDO_USER, $USER, else the account name. */
void cli_operator(char *out, size_t len);

/* Display width of UTF-8 text (characters, not bytes), and s printed padded to
 * width columns on the right (cli_pad) or the left (cli_pad_left). */
int cli_width(const char *s);
void cli_pad(FILE *out, const char *s, int width);
void cli_pad_left(FILE *out, const char *s, int width);

/* Reads a whole number in [min, max]; false with "talka: WHAT: 'S' is not ..." on
 * stderr otherwise. */
bool cli_number(const char *what, const char *s, long min, long max, long *out);

#endif
