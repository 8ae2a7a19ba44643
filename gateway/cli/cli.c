/* cli.c: small helpers every subcommand uses. */
#include "gateway/cli/cli.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return 1;
    }
    return 0;
}

void cli_operator(char *out, size_t len)
{
    const char *user = getenv("SUDO_USER");
    if (!user || !*user)
        user = getenv("USER");
    if (!user || !*user) {
        /* cron, systemd units and containers often have no $USER: the account name */
        struct passwd *pw = getpwuid(geteuid());
        user = pw ? pw->pw_name : NULL;
    }
    if (user && *user)
        snprintf(out, len, "cli:%s", user);
    else
        snprintf(out, len, "cli:uid%u", (unsigned)geteuid());
}

int cli_width(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;  /* one per character, not per byte */
    return n;
}

void cli_pad(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int n = cli_width(s); n < width; n++)
        fputc(' ', out);
}

void cli_pad_left(FILE *out, const char *s, int width)
{
    for (int n = cli_width(s); n < width; n++)
        fputc(' ', out);
    fputs(s, out);
}

bool cli_number(const char *what, const char *s, long min, long max, long *out)
{
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < min || v > max) {
        fprintf(stderr, "talka: %s: '%s' is not a whole number from %ld to %ld\n", what,
                s ? s : "", min, max);
        return false;
    }
    *out = v;
    return true;
}
