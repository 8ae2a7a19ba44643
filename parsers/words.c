/* words.c: the fixed vocabulary of the SMS language in Latvian, Russian (Cyrillic
 * and Latin transliteration) and English: command keywords, planting verbs, words
 * to skip (gab., шт, in), relative dates, months and administrative units. Forms
 * are written as people type them; lexicon_load folds them like any text. */
#include "parsers/words.h"
#include "parsers/parse.h"

#define LV LANG_LV
#define RU LANG_RU
#define EN LANG_EN
#define NL 3            /* says nothing about the language */

const struct word_def pz_parse_words[] = {
    /* plant */
    { "koks", W_CMD, LV, CMD_PLANT }, { "koki", W_CMD, LV, CMD_PLANT },
    { "koku", W_CMD, LV, CMD_PLANT }, { "kokus", W_CMD, LV, CMD_PLANT },
    { "kociņi", W_CMD, LV, CMD_PLANT }, { "kociņus", W_CMD, LV, CMD_PLANT },
    { "stādi", W_CMD, LV, CMD_PLANT }, { "stādus", W_CMD, LV, CMD_PLANT },
    { "дерево", W_CMD, RU, CMD_PLANT }, { "деревья", W_CMD, RU, CMD_PLANT },
    { "деревьев", W_CMD, RU, CMD_PLANT }, { "дерева", W_CMD, RU, CMD_PLANT },
    { "derevo", W_CMD, RU, CMD_PLANT }, { "derevja", W_CMD, RU, CMD_PLANT },
    { "derevya", W_CMD, RU, CMD_PLANT }, { "derevjev", W_CMD, RU, CMD_PLANT },
    { "derevyev", W_CMD, RU, CMD_PLANT }, { "dereva", W_CMD, RU, CMD_PLANT },
    { "tree", W_CMD, EN, CMD_PLANT }, { "trees", W_CMD, EN, CMD_PLANT },
    { "plant", W_CMD, EN, CMD_PLANT },
    /* points */
    { "punkti", W_CMD, LV, CMD_POINTS }, { "punktus", W_CMD, LV, CMD_POINTS },
    { "punkts", W_CMD, LV, CMD_POINTS }, { "punktu", W_CMD, LV, CMD_POINTS },
    { "очки", W_CMD, RU, CMD_POINTS }, { "очков", W_CMD, RU, CMD_POINTS },
    { "баллы", W_CMD, RU, CMD_POINTS }, { "ochki", W_CMD, RU, CMD_POINTS },
    { "points", W_CMD, EN, CMD_POINTS }, { "score", W_CMD, EN, CMD_POINTS },
    /* register */
    { "vārds", W_CMD, LV, CMD_REGISTER }, { "vaards", W_CMD, LV, CMD_REGISTER },
    { "имя", W_CMD, RU, CMD_REGISTER }, { "imja", W_CMD, RU, CMD_REGISTER },
    { "imya", W_CMD, RU, CMD_REGISTER }, { "name", W_CMD, EN, CMD_REGISTER },
    /* stop / start */
    { "stop", W_CMD, NL, CMD_STOP }, { "stopp", W_CMD, NL, CMD_STOP },
    { "стоп", W_CMD, RU, CMD_STOP }, { "unsubscribe", W_CMD, EN, CMD_STOP },
    { "start", W_CMD, NL, CMD_START }, { "старт", W_CMD, RU, CMD_START },
    { "sākt", W_CMD, LV, CMD_START }, { "subscribe", W_CMD, EN, CMD_START },
    /* help */
    { "palīdzība", W_CMD, LV, CMD_HELP }, { "palidziba", W_CMD, LV, CMD_HELP },
    { "paliidziiba", W_CMD, LV, CMD_HELP }, { "palīgā", W_CMD, LV, CMD_HELP },
    { "info", W_CMD, NL, CMD_HELP }, { "инфо", W_CMD, RU, CMD_HELP },
    { "помощь", W_CMD, RU, CMD_HELP }, { "pomosch", W_CMD, RU, CMD_HELP },
    { "pomoshch", W_CMD, RU, CMD_HELP }, { "pomoshh", W_CMD, RU, CMD_HELP },
    { "справка", W_CMD, RU, CMD_HELP }, { "help", W_CMD, EN, CMD_HELP },
    /* delete */
    { "dzēst", W_CMD, LV, CMD_DELETE }, { "dzeest", W_CMD, LV, CMD_DELETE },
    { "dzēs", W_CMD, LV, CMD_DELETE }, { "удалить", W_CMD, RU, CMD_DELETE },
    { "удали", W_CMD, RU, CMD_DELETE }, { "udalit", W_CMD, RU, CMD_DELETE },
    { "delete", W_CMD, EN, CMD_DELETE },
    /* cancel */
    { "atcelt", W_CMD, LV, CMD_CANCEL }, { "atsaukt", W_CMD, LV, CMD_CANCEL },
    { "отмена", W_CMD, RU, CMD_CANCEL }, { "отменить", W_CMD, RU, CMD_CANCEL },
    { "otmena", W_CMD, RU, CMD_CANCEL }, { "otmenit", W_CMD, RU, CMD_CANCEL },
    { "cancel", W_CMD, EN, CMD_CANCEL }, { "undo", W_CMD, EN, CMD_CANCEL },

    /* planting verbs: a sentence without a keyword is still a report */
    { "iestādīju", W_PLANTVERB, LV, 0 }, { "iestādījām", W_PLANTVERB, LV, 0 },
    { "iestādīja", W_PLANTVERB, LV, 0 }, { "iestādīji", W_PLANTVERB, LV, 0 },
    { "iestādījāt", W_PLANTVERB, LV, 0 }, { "stādīju", W_PLANTVERB, LV, 0 },
    { "stādījām", W_PLANTVERB, LV, 0 }, { "sastādīju", W_PLANTVERB, LV, 0 },
    { "sastādījām", W_PLANTVERB, LV, 0 }, { "iestādīti", W_PLANTVERB, LV, 0 },
    { "iestādītas", W_PLANTVERB, LV, 0 }, { "iestādīts", W_PLANTVERB, LV, 0 },
    { "iestādīta", W_PLANTVERB, LV, 0 }, { "stādīti", W_PLANTVERB, LV, 0 },
    { "iestādam", W_PLANTVERB, LV, 0 }, { "iestādu", W_PLANTVERB, LV, 0 },
    { "iestaadiju", W_PLANTVERB, LV, 0 }, { "iestaadijaam", W_PLANTVERB, LV, 0 },
    { "iestaadiijaam", W_PLANTVERB, LV, 0 }, { "iestaadiiju", W_PLANTVERB, LV, 0 },
    { "iestādi", W_PLANTVERB, LV, 0 }, { "stādu", W_PLANTVERB, LV, 0 },
    { "посадил", W_PLANTVERB, RU, 0 }, { "посадила", W_PLANTVERB, RU, 0 },
    { "посадили", W_PLANTVERB, RU, 0 }, { "посажено", W_PLANTVERB, RU, 0 },
    { "посадил(а)", W_PLANTVERB, RU, 0 }, { "сажали", W_PLANTVERB, RU, 0 },
    { "посадка", W_PLANTVERB, RU, 0 }, { "посадили", W_PLANTVERB, RU, 0 },
    { "posadil", W_PLANTVERB, RU, 0 }, { "posadila", W_PLANTVERB, RU, 0 },
    { "posadili", W_PLANTVERB, RU, 0 }, { "posazheno", W_PLANTVERB, RU, 0 },
    { "planted", W_PLANTVERB, EN, 0 }, { "planting", W_PLANTVERB, EN, 0 },
    { "plants", W_PLANTVERB, EN, 0 }, { "saplings", W_PLANTVERB, EN, 0 },

    /* skipped words */
    { "gab", W_FILLER, LV, 0 }, { "gb", W_FILLER, LV, 0 }, { "gabali", W_FILLER, LV, 0 },
    { "gabalus", W_FILLER, LV, 0 }, { "gabals", W_FILLER, LV, 0 }, { "gabalu", W_FILLER, LV, 0 },
    { "gabaliņi", W_FILLER, LV, 0 }, { "gabaliņus", W_FILLER, LV, 0 },
    { "un", W_FILLER, LV, 0 }, { "ar", W_FILLER, NL, 0 }, { "pie", W_FILLER, LV, 0 },
    { "mēs", W_FILLER, LV, 0 }, { "es", W_FILLER, LV, 0 }, { "šodien", W_DATEREL, LV, 0 },
    { "sveiki", W_GREETING, LV, 0 }, { "labdien", W_GREETING, LV, 0 },
    { "labrīt", W_GREETING, LV, 0 }, { "labvakar", W_GREETING, LV, 0 },
    { "čau", W_GREETING, LV, 0 }, { "sveiks", W_GREETING, LV, 0 }, { "sveika", W_GREETING, LV, 0 },
    { "paldies", W_FILLER, LV, 0 }, { "lūdzu", W_FILLER, LV, 0 }, { "jauni", W_FILLER, LV, 0 },
    { "jaunas", W_FILLER, LV, 0 }, { "jaunus", W_FILLER, LV, 0 }, { "mazus", W_FILLER, LV, 0 },
    { "mazas", W_FILLER, LV, 0 }, { "mazi", W_FILLER, LV, 0 }, { "vēl", W_FILLER, LV, 0 },
    { "kopā", W_FILLER, LV, 0 }, { "mūsu", W_FILLER, LV, 0 }, { "savā", W_FILLER, LV, 0 },
    { "sētā", W_FILLER, LV, 0 }, { "dārzā", W_FILLER, LV, 0 }, { "mežā", W_FILLER, LV, 0 },
    { "pagalmā", W_FILLER, LV, 0 }, { "skolā", W_FILLER, LV, 0 }, { "pilsētā", W_UNIT, LV, 'c' },
    { "шт", W_FILLER, RU, 0 }, { "штук", W_FILLER, RU, 0 }, { "штуки", W_FILLER, RU, 0 },
    { "штука", W_FILLER, RU, 0 }, { "sht", W_FILLER, RU, 0 }, { "shtuk", W_FILLER, RU, 0 },
    { "и", W_FILLER, RU, 0 }, { "в", W_FILLER, RU, 0 }, { "во", W_FILLER, RU, 0 },
    { "мы", W_FILLER, RU, 0 }, { "я", W_FILLER, RU, 0 }, { "г", W_FILLER, RU, 0 },
    { "город", W_UNIT, RU, 'c' }, { "городе", W_UNIT, RU, 'c' }, { "край", W_UNIT, RU, 'n' },
    { "крае", W_UNIT, RU, 'n' }, { "волость", W_UNIT, RU, 'p' }, { "волости", W_UNIT, RU, 'p' },
    { "привет", W_GREETING, RU, 0 }, { "здравствуйте", W_GREETING, RU, 0 },
    { "добрый", W_GREETING, RU, 0 }, { "день", W_GREETING, RU, 0 },
    { "спасибо", W_FILLER, RU, 0 }, { "пожалуйста", W_FILLER, RU, 0 },
    { "sažencev", W_FILLER, RU, 0 }, { "саженцев", W_FILLER, RU, 0 }, { "саженцы", W_FILLER, RU, 0 },
    { "саженца", W_FILLER, RU, 0 },
    { "privet", W_GREETING, RU, 0 }, { "spasibo", W_FILLER, RU, 0 },
    { "pcs", W_FILLER, EN, 0 }, { "pieces", W_FILLER, EN, 0 }, { "x", W_FILLER, NL, 0 },
    { "and", W_FILLER, EN, 0 }, { "in", W_FILLER, EN, 0 }, { "at", W_FILLER, EN, 0 },
    { "near", W_FILLER, EN, 0 }, { "we", W_FILLER, EN, 0 }, { "i", W_FILLER, EN, 0 },
    { "have", W_FILLER, EN, 0 }, { "just", W_FILLER, EN, 0 }, { "the", W_FILLER, EN, 0 },
    { "a", W_FILLER, EN, 0 }, { "new", W_FILLER, EN, 0 }, { "young", W_FILLER, EN, 0 },
    { "small", W_FILLER, EN, 0 }, { "my", W_FILLER, EN, 0 }, { "our", W_FILLER, EN, 0 },
    { "on", W_FILLER, EN, 0 }, { "of", W_FILLER, EN, 0 }, { "hi", W_GREETING, EN, 0 },
    { "hello", W_GREETING, EN, 0 }, { "thanks", W_FILLER, EN, 0 }, { "please", W_FILLER, EN, 0 },
    { "today", W_DATEREL, EN, 0 }, { "yesterday", W_DATEREL, EN, 1 },
    { "ok", W_FILLER, NL, 0 }, { "nr", W_FILLER, NL, 0 },

    /* relative dates */
    { "vakar", W_DATEREL, LV, 1 }, { "aizvakar", W_DATEREL, LV, 2 },
    { "сегодня", W_DATEREL, RU, 0 }, { "вчера", W_DATEREL, RU, 1 },
    { "позавчера", W_DATEREL, RU, 2 }, { "segodnja", W_DATEREL, RU, 0 },
    { "segodnya", W_DATEREL, RU, 0 }, { "vchera", W_DATEREL, RU, 1 },

    /* months (lv nominative, genitive, locative; ru genitive; en) */
    { "janvāris", W_MONTH, LV, 1 }, { "janvāra", W_MONTH, LV, 1 }, { "janvārī", W_MONTH, LV, 1 },
    { "februāris", W_MONTH, LV, 2 }, { "februāra", W_MONTH, LV, 2 }, { "februārī", W_MONTH, LV, 2 },
    { "marts", W_MONTH, LV, 3 }, { "marta", W_MONTH, LV, 3 }, { "martā", W_MONTH, LV, 3 },
    { "aprīlis", W_MONTH, LV, 4 }, { "aprīļa", W_MONTH, LV, 4 }, { "aprīlī", W_MONTH, LV, 4 },
    { "maijs", W_MONTH, LV, 5 }, { "maija", W_MONTH, LV, 5 }, { "maijā", W_MONTH, LV, 5 },
    { "jūnijs", W_MONTH, LV, 6 }, { "jūnija", W_MONTH, LV, 6 }, { "jūnijā", W_MONTH, LV, 6 },
    { "jūlijs", W_MONTH, LV, 7 }, { "jūlija", W_MONTH, LV, 7 }, { "jūlijā", W_MONTH, LV, 7 },
    { "augusts", W_MONTH, LV, 8 }, { "augusta", W_MONTH, LV, 8 }, { "augustā", W_MONTH, LV, 8 },
    { "septembris", W_MONTH, LV, 9 }, { "septembra", W_MONTH, LV, 9 }, { "septembrī", W_MONTH, LV, 9 },
    { "oktobris", W_MONTH, LV, 10 }, { "oktobra", W_MONTH, LV, 10 }, { "oktobrī", W_MONTH, LV, 10 },
    { "novembris", W_MONTH, LV, 11 }, { "novembra", W_MONTH, LV, 11 }, { "novembrī", W_MONTH, LV, 11 },
    { "decembris", W_MONTH, LV, 12 }, { "decembra", W_MONTH, LV, 12 }, { "decembrī", W_MONTH, LV, 12 },
    { "января", W_MONTH, RU, 1 }, { "февраля", W_MONTH, RU, 2 }, { "марта", W_MONTH, RU, 3 },
    { "апреля", W_MONTH, RU, 4 }, { "мая", W_MONTH, RU, 5 }, { "июня", W_MONTH, RU, 6 },
    { "июля", W_MONTH, RU, 7 }, { "августа", W_MONTH, RU, 8 }, { "сентября", W_MONTH, RU, 9 },
    { "октября", W_MONTH, RU, 10 }, { "ноября", W_MONTH, RU, 11 }, { "декабря", W_MONTH, RU, 12 },
    { "january", W_MONTH, EN, 1 }, { "february", W_MONTH, EN, 2 }, { "march", W_MONTH, EN, 3 },
    { "april", W_MONTH, EN, 4 }, { "may", W_MONTH, EN, 5 }, { "june", W_MONTH, EN, 6 },
    { "july", W_MONTH, EN, 7 }, { "august", W_MONTH, EN, 8 }, { "september", W_MONTH, EN, 9 },
    { "october", W_MONTH, EN, 10 }, { "november", W_MONTH, EN, 11 }, { "december", W_MONTH, EN, 12 },
    { "jan", W_MONTH, EN, 1 }, { "feb", W_MONTH, EN, 2 }, { "mar", W_MONTH, EN, 3 },
    { "apr", W_MONTH, EN, 4 }, { "jun", W_MONTH, EN, 6 }, { "jul", W_MONTH, EN, 7 },
    { "aug", W_MONTH, EN, 8 }, { "sep", W_MONTH, EN, 9 }, { "sept", W_MONTH, EN, 9 },
    { "oct", W_MONTH, EN, 10 }, { "nov", W_MONTH, EN, 11 }, { "dec", W_MONTH, EN, 12 },

    /* administrative units after a place's genitive */
    { "novads", W_UNIT, NL, 'n' }, { "novadā", W_UNIT, NL, 'n' }, { "novadu", W_UNIT, NL, 'n' },
    { "novadam", W_UNIT, NL, 'n' }, { "novada", W_UNIT, NL, 'n' }, { "novadaa", W_UNIT, NL, 'n' },
    { "nov", W_UNIT, NL, 'n' }, { "n", W_UNIT, NL, 'n' },
    { "pagasts", W_UNIT, NL, 'p' }, { "pagastā", W_UNIT, NL, 'p' }, { "pagastu", W_UNIT, NL, 'p' },
    { "pagastam", W_UNIT, NL, 'p' }, { "pagasta", W_UNIT, NL, 'p' }, { "pagastaa", W_UNIT, NL, 'p' },
    { "pag", W_UNIT, NL, 'p' }, { "pils", W_UNIT, NL, 'c' }, { "pilsēta", W_UNIT, NL, 'c' },
    { "pilsētu", W_UNIT, NL, 'c' }, { "pilseta", W_UNIT, NL, 'c' },
    { NULL, 0, 0, 0 }
};
