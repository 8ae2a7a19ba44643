/* dates.c: planting dates. Numeric forms (01.06, 1.06.2026, 2026-06-01, 1/6/26)
 * are recognised by one PCRE2 pattern compiled at load; relative words (šodien,
 * vakar, вчера, yesterday) and "15. maijā" are read by classify.c, and the
 * date resolved against today by report.c. The civil date of "now" is the process's local date
 * (localtime_r): the gateway sets TZ to `[talka] timezone` once at start-up,
 * before any thread; tests and the fuzzer set it themselves. */
#include "parsers/dates.h"
#include "parsers/lexicon_types.h"

#include <time.h>

/* Howard Hinnant's algorithms for the proleptic Gregorian calendar. */
long pz_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pz_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int pz_date_valid(int y, int m, int d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

void pz_civil_date(time_t t, int *y, int *m, int *d)
{
    struct tm tm;
    if (localtime_r(&t, &tm)) {
        *y = tm.tm_year + 1900;
        *m = tm.tm_mon + 1;
        *d = tm.tm_mday;
        return;
    }
    /* beyond what struct tm holds: the UTC date, from the calendar alone */
    long long s = (long long)t;
    pz_civil_from_days((long)(s >= 0 ? s / 86400 : (s - 86399) / 86400), y, m, d);
}

void pz_date_format(int y, int m, int d, char out[11])
{
    unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100, ud = (unsigned)d % 100;
    out[0] = (char)('0' + uy / 1000); out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10); out[3] = (char)('0' + uy % 10); out[4] = '-';
    out[5] = (char)('0' + um / 10); out[6] = (char)('0' + um % 10); out[7] = '-';
    out[8] = (char)('0' + ud / 10); out[9] = (char)('0' + ud % 10); out[10] = 0;
}

pcre2_code *pz_date_pattern(void)
{
    static const char pat[] =
        "^(?:(?<d>\\d{1,2})[./](?<m>\\d{1,2})(?:[./](?<y>\\d{4}|\\d{2}))?"
        "|(?<Y>\\d{4})[-./](?<M>\\d{1,2})[-./](?<D>\\d{1,2})"
        "|(?<h>\\d{1,2}):(?<mi>\\d{2})(?::\\d{2})?)$";
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, 0, &errcode,
                                   &erroff, NULL);
    if (re) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

static int group_int(pcre2_code *re, pcre2_match_data *md, const char *s, const char *name)
{
    int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    if (n < 0) return -1;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[2 * n] == PCRE2_UNSET) return -1;
    int v = 0;
    for (PCRE2_SIZE i = ov[2 * n]; i < ov[2 * n + 1]; i++) v = v * 10 + (s[i] - '0');
    return v;
}

int pz_date_token(const struct lexicon *lex, const char *s, size_t len, int ty, int *y, int *m,
               int *d)
{
    if (!lex->re_date || len > 20) return DT_NONE;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(lex->re_date, NULL);
    if (!md) return DT_NONE;
    int rc = pcre2_match(lex->re_date, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
    int res = DT_NONE;
    if (rc > 0) {
        pcre2_code *re = lex->re_date;
        if (group_int(re, md, s, "h") >= 0) {
            res = DT_TIME;
        } else if (group_int(re, md, s, "Y") >= 0) {
            *y = group_int(re, md, s, "Y");
            *m = group_int(re, md, s, "M");
            *d = group_int(re, md, s, "D");
            res = DT_DATE;
        } else {
            *d = group_int(re, md, s, "d");
            *m = group_int(re, md, s, "m");
            int yy = group_int(re, md, s, "y");
            *y = yy < 0 ? ty : yy < 100 ? 2000 + yy : yy;
            res = DT_DATE;
        }
    }
    pcre2_match_data_free(md);
    return res;
}
