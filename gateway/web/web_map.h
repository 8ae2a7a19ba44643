/* web_map.h: the overview's map of Latvia as SVG: a rough outline of the country
 * and one point per municipality, the mean of its places' coordinates from the
 * places list (config/places.tsv), in an equirectangular projection. */
#ifndef TALKA_WEB_MAP_H
#define TALKA_WEB_MAP_H

#include "gateway/web/web_buf.h"

#include <stdbool.h>

struct web_map;

#define WEB_MAP_W 640
#define WEB_MAP_H 410

/* Reads the places list; a map without points when it cannot be read. */
struct web_map *web_map_load(const char *places_tsv);
void web_map_free(struct web_map *m);
/* The SVG point of a municipality; false when none of its places has coordinates. */
bool web_map_point(const struct web_map *m, const char *municipality, double *x, double *y);
/* <path> of the country's outline. */
void web_map_outline(struct buf *b);

#endif
