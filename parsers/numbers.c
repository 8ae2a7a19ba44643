/* numbers.c: counts written as words, up to thousands, in Latvian (septiņi,
 * divdesmit pieci, simts), Russian (десять, двадцать пять; also in Latin letters)
 * and English (twenty-five, a hundred), and how consecutive words combine. */
#include "parsers/numbers.h"
#include "parsers/parse.h"

#define LV LANG_LV
#define RU LANG_RU
#define EN LANG_EN
#define N(t, l, v) { t, W_NUM, l, v }

const struct word_def pz_number_words[] = {
    /* Latvian: masculine, feminine and accusative forms */
    N("viens", LV, 1), N("viena", LV, 1), N("vienu", LV, 1), N("divi", LV, 2), N("divas", LV, 2),
    N("divus", LV, 2), N("trīs", LV, 3), N("četri", LV, 4), N("četras", LV, 4), N("četrus", LV, 4),
    N("pieci", LV, 5), N("piecas", LV, 5), N("piecus", LV, 5), N("seši", LV, 6), N("sešas", LV, 6),
    N("sešus", LV, 6), N("septiņi", LV, 7), N("septiņas", LV, 7), N("septiņus", LV, 7),
    N("astoņi", LV, 8), N("astoņas", LV, 8), N("astoņus", LV, 8), N("deviņi", LV, 9),
    N("deviņas", LV, 9), N("deviņus", LV, 9), N("desmit", LV, 10), N("desmito", LV, 10),
    N("vienpadsmit", LV, 11), N("divpadsmit", LV, 12), N("trīspadsmit", LV, 13),
    N("četrpadsmit", LV, 14), N("piecpadsmit", LV, 15), N("sešpadsmit", LV, 16),
    N("septiņpadsmit", LV, 17), N("astoņpadsmit", LV, 18), N("deviņpadsmit", LV, 19),
    N("divdesmit", LV, 20), N("trīsdesmit", LV, 30), N("četrdesmit", LV, 40),
    N("piecdesmit", LV, 50), N("sešdesmit", LV, 60), N("septiņdesmit", LV, 70),
    N("astoņdesmit", LV, 80), N("deviņdesmit", LV, 90), N("simts", LV, 100), N("simt", LV, 100),
    N("simtu", LV, 100), N("simti", LV, 100), N("simtus", LV, 100), N("tūkstotis", LV, 1000),
    N("tūkstoš", LV, 1000), N("tūkstošus", LV, 1000), N("tūkstoši", LV, 1000),
    N("duci", LV, 12), N("ducis", LV, 12), N("pāris", LV, 2),
    /* Russian, Cyrillic */
    N("один", RU, 1), N("одна", RU, 1), N("одно", RU, 1), N("одну", RU, 1), N("два", RU, 2),
    N("две", RU, 2), N("три", RU, 3), N("четыре", RU, 4), N("пять", RU, 5), N("шесть", RU, 6),
    N("семь", RU, 7), N("восемь", RU, 8), N("девять", RU, 9), N("десять", RU, 10),
    N("одиннадцать", RU, 11), N("двенадцать", RU, 12), N("тринадцать", RU, 13),
    N("четырнадцать", RU, 14), N("пятнадцать", RU, 15), N("шестнадцать", RU, 16),
    N("семнадцать", RU, 17), N("восемнадцать", RU, 18), N("девятнадцать", RU, 19),
    N("двадцать", RU, 20), N("тридцать", RU, 30), N("сорок", RU, 40), N("пятьдесят", RU, 50),
    N("шестьдесят", RU, 60), N("семьдесят", RU, 70), N("восемьдесят", RU, 80),
    N("девяносто", RU, 90), N("сто", RU, 100), N("двести", RU, 200), N("триста", RU, 300),
    N("четыреста", RU, 400), N("пятьсот", RU, 500), N("шестьсот", RU, 600), N("семьсот", RU, 700),
    N("восемьсот", RU, 800), N("девятьсот", RU, 900), N("тысяча", RU, 1000), N("тысячи", RU, 1000),
    N("тысяч", RU, 1000), N("тысячу", RU, 1000), N("десяток", RU, 10), N("дюжина", RU, 12),
    /* Russian, Latin letters */
    N("odin", RU, 1), N("odna", RU, 1), N("dva", RU, 2), N("dve", RU, 2), N("tri", RU, 3),
    N("chetyre", RU, 4), N("pjat", RU, 5), N("pyat", RU, 5), N("shest", RU, 6), N("sem", RU, 7),
    N("vosem", RU, 8), N("devjat", RU, 9), N("devyat", RU, 9), N("desjat", RU, 10),
    N("desyat", RU, 10), N("dvenadcat", RU, 12), N("dvadcat", RU, 20), N("dvadtsat", RU, 20),
    N("tridcat", RU, 30), N("tridtsat", RU, 30), N("sorok", RU, 40), N("pjatdesjat", RU, 50),
    N("pyatdesyat", RU, 50), N("sto", RU, 100),
    /* English */
    N("one", EN, 1), N("two", EN, 2), N("three", EN, 3), N("four", EN, 4), N("five", EN, 5),
    N("six", EN, 6), N("seven", EN, 7), N("eight", EN, 8), N("nine", EN, 9), N("ten", EN, 10),
    N("eleven", EN, 11), N("twelve", EN, 12), N("thirteen", EN, 13), N("fourteen", EN, 14),
    N("fifteen", EN, 15), N("sixteen", EN, 16), N("seventeen", EN, 17), N("eighteen", EN, 18),
    N("nineteen", EN, 19), N("twenty", EN, 20), N("thirty", EN, 30), N("forty", EN, 40),
    N("fourty", EN, 40), N("fifty", EN, 50), N("sixty", EN, 60), N("seventy", EN, 70),
    N("eighty", EN, 80), N("ninety", EN, 90), N("hundred", EN, 100), N("hundreds", EN, 100),
    N("thousand", EN, 1000), N("dozen", EN, 12), N("couple", EN, 2),
    { NULL, 0, 0, 0 }
};

void pz_num_start(struct numacc *a)
{
    a->total = 0; a->cur = 0; a->last = 0; a->n = 0;
}

static long magnitude(long v)
{
    if (v >= 1000) return 1000;
    if (v >= 100) return 100;
    if (v >= 10) return 10;
    return 1;
}

int pz_num_feed(struct numacc *a, long v)
{
    if (a->n == 0) {
        a->cur = v; a->last = v; a->n = 1;
        if (v == 1000) { a->total = 1000; a->cur = 0; }
        return 1;
    }
    if (v == 1000) {                       /* "divi tūkstoši", "пять тысяч" */
        if (a->last == 1000) return 0;
        a->total += (a->cur ? a->cur : 1) * 1000;
        a->cur = 0; a->last = 1000; a->n++;
        return 1;
    }
    if (v == 100 && a->cur > 0 && a->cur < 10 && a->last < 10) {   /* "two hundred" */
        a->cur *= 100; a->last = 100; a->n++;
        return 1;
    }
    /* a smaller order continues the number: 20 + 5, 100 + 20, 1000 + 300 */
    if (magnitude(v) < magnitude(a->last) && (a->last < 10 || a->last % 10 == 0) &&
        !(a->last >= 11 && a->last <= 19)) {
        if (a->last >= 10 && a->last < 100 && v >= 10) return 0;
        a->cur += v; a->last = v; a->n++;
        return 1;
    }
    return 0;
}

long pz_num_value(const struct numacc *a)
{
    return a->total + a->cur;
}
