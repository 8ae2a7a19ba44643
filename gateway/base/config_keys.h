/* config_keys.h: the one table of every key talka reads from talka.ini: its
 * section, type, default, range or allowed words and meaning. The checker
 * (config_check.h), `talka config check`, docs/configuration.md and the shipped
 * config/talka.ini all follow it (a unit test holds the last two to it). */
#ifndef TALKA_CONFIG_KEYS_H
#define TALKA_CONFIG_KEYS_H

#include <stddef.h>
#include <stdio.h>

enum config_type {
    CONFIG_INT,     /* a whole number within [min, max] */
    CONFIG_BOOL,    /* yes/no, true/false, on/off, 1/0 */
    CONFIG_WORD,    /* one of words ("a|b|c") */
    CONFIG_ZONE,    /* a name from the zone database */
    CONFIG_PATH,    /* a file, relative to the config file's directory */
    CONFIG_TEXT,    /* free text (checked by the module that uses it) */
    CONFIG_QUIET,   /* HH:MM-HH:MM, or empty / none for no quiet hours */
    CONFIG_PHONES,  /* comma-separated phone numbers */
    CONFIG_LISTEN,  /* ADDRESS:PORT an endpoint listens on (net_listen.h); empty: off */
    CONFIG_ALLOW,   /* addresses and CIDR ranges (net_allow.h); empty: everyone */
    CONFIG_ADDRESS, /* one IP address */
    CONFIG_URL,     /* an http:// or https:// URL with a host */
};

struct config_key {
    const char *section;  /* "gammu*": every modem section [gammu], [gammu1], ... */
    const char *key;
    enum config_type type;
    const char *def;      /* the default as written in the file; NULL: unset */
    long min, max;        /* CONFIG_INT */
    const char *words;    /* CONFIG_WORD: "a|b|c" */
    const char *unit;     /* CONFIG_INT: "seconds", "minutes", ... or NULL */
    const char *about;    /* one line for people */
};

/* The table, in the order of the shipped config. */
const struct config_key *config_keys(size_t *n);
/* The entry for [section] key (section "gammu3" finds "gammu*"); NULL: unknown. */
const struct config_key *config_key_find(const char *section, const char *key);
/* Whether section is one of talka's (or a modem section). */
int config_section_known(const char *section);
/* Whether section is a modem section: gammu followed by digits or nothing. */
int config_section_is_modem(const char *section);
/* "number", "yes/no", "word", ... for messages and docs. */
const char *config_type_name(enum config_type t);
/* The table as Markdown, one table per section (docs/configuration.md). */
void config_keys_markdown(FILE *out);

#endif
