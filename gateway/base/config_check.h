/* config_check.h: holds a loaded talka.ini to the key table (config_keys.h):
 * unknown sections and keys, numbers out of range, words not allowed, unknown time
 * zones, bad quiet hours or phone numbers, listen addresses, allow lists, IP
 * addresses and URLs the endpoints could not use, and rules across keys
 * (max_connections >= threads, ...) are refused with
 * "FILE:LINE: [section] key: what is wrong (allowed: ...)". app_open() runs it
 * before any value is read, so the typed getters of config.h never see a bad one. */
#ifndef TALKA_CONFIG_CHECK_H
#define TALKA_CONFIG_CHECK_H

#include "gateway/base/config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* True when every entry is valid; otherwise false with the first problem in err. */
bool config_check(const struct config *cfg, char *err, size_t errlen);

/* Prints the effective configuration: every key of every section present or
 * known, its value and where it came from (file line or default). Passwords in
 * URLs are masked; secrets live in files and are never read here. */
void config_print(const struct config *cfg, FILE *out);

#endif
