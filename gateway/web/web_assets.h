/* web_assets.h: the dashboard's scripts, styles and pictures, built into the
 * binary from gateway/web/assets/ by mk/embed-files.sh (build/gen/web_assets.c),
 * so the dashboard works on a LAN without internet. */
#ifndef TALKA_WEB_ASSETS_H
#define TALKA_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
    const char *name;              /* "style.css" */
    const char *type;              /* its Content-Type */
    const unsigned char *data;
    size_t len;
};

/* The asset of that file name, or NULL. */
const struct web_asset *web_asset_find(const char *name);

#endif
