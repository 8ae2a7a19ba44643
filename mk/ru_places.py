#!/usr/bin/env python3
"""ru_places.py: the Russian name of a Latvian place and the case forms Russian
speakers write (used by build-lists.py; see docs/sms-language.md, Places).

Names: cities and towns keep the established exonym of the reference list
(Даугавпилс, Резекне, Елгава); novadi take theirs from config/src/places_ru.tsv
(Прейльский край). A parish is its Latvian name transliterated letter by letter,
"pagasts" becoming "волость": Vīksnas pagasts → Викснас волость. That convention
(not the adjective, Виксненская волость) was chosen because it is one mechanical
rule that needs no guess at Russian word formation (whose suffixes vary from name
to name), keeps the name recognisable against the Latvian signs, and is what
Russian-language local papers write beside the adjective; the place itself
(Vīksna → Виксна, в Виксне) is declined like any Russian noun.

Transliteration (Latvian → Russian, as in the established exonyms): ā a, ē e, ī i,
ū u lose their length; c ц, č ч, ģ г, ķ к, š ш, ž ж; ļ ņ soften the next vowel
(ļa ля, ņu ню, ļi ли) or become ль нь; ja я, ju ю, je е (йе after a vowel:
Naujene → Науйене), ji йи; i after a vowel is й (Aizpute → Айзпуте), ie stays ие
(Iecava → Иецава); e at a word's start is э (Engure → Энгуре); plural -āni is -аны
(Līvāni → Ливаны).

Cases: -а, -я nouns (Сигулда: в Сигулде, из Сигулды, под Сигулдой, в Сигулду), -ы/-и
plurals (Вишки: в Вишках, из Вишек; Лимбажи: из Лимбажей), consonant endings (Вентспилс: в Вентспилсе, из Вентспилса,
под Вентспилсом); names in -е, -о, -у, -и of one thing and the Latvian plurals in
-as/-es (Плявиняс) stay as they are; край and волость decline in their own way."""

VOWELS = set('aāeēiīoōuū')
BASE = {'a': 'а', 'ā': 'а', 'b': 'б', 'c': 'ц', 'č': 'ч', 'd': 'д', 'e': 'е', 'ē': 'е',
        'f': 'ф', 'g': 'г', 'ģ': 'г', 'h': 'х', 'i': 'и', 'ī': 'и', 'j': 'й', 'k': 'к',
        'ķ': 'к', 'l': 'л', 'ļ': 'ль', 'm': 'м', 'n': 'н', 'ņ': 'нь', 'o': 'о', 'ō': 'о',
        'p': 'п', 'r': 'р', 's': 'с', 'š': 'ш', 't': 'т', 'u': 'у', 'ū': 'у', 'v': 'в',
        'z': 'з', 'ž': 'ж', 'y': 'и', 'w': 'в', 'x': 'кс', 'q': 'к'}
SOFT = {'a': 'я', 'ā': 'я', 'u': 'ю', 'ū': 'ю', 'e': 'е', 'ē': 'е', 'i': 'и', 'ī': 'и',
        'o': 'о', 'ō': 'о'}


def _word(w):
    """One Latvian word (lower case) in Russian letters."""
    out, i, n = [], 0, len(w)
    while i < n:
        c, nx = w[i], w[i + 1] if i + 1 < n else '#'   # '#': no letter ('' is in every str)
        prev = w[i - 1] if i else '#'
        if c == 'j':
            after_vowel = prev in VOWELS
            if nx in 'aā':
                out.append('я'); i += 2; continue
            if nx in 'uū':
                out.append('ю'); i += 2; continue
            if nx in 'eē':
                out.append('йе' if after_vowel else 'е'); i += 2; continue
            if nx in 'iī' and after_vowel and i + 2 == n:
                i += 1; continue                # Rugāji → Ругаи
            out.append('й'); i += 1; continue
        if c in 'ļņ':
            hard = 'л' if c == 'ļ' else 'н'
            if nx in SOFT and not (nx in 'iī' and i + 2 < n and w[i + 2] == 'e'):
                out.append(hard + SOFT[nx]); i += 2; continue
            if nx in 'iī':
                out.append(hard); i += 1; continue
            out.append(hard + ('ь' if nx not in VOWELS else '')); i += 1
            continue
        if c in 'iī' and prev in 'aāeēoōuū' and prev not in 'iī' and not (nx in 'eē'):
            out.append('й'); i += 1; continue
        if c in 'eē' and prev in '#-':
            out.append('э'); i += 1; continue
        out.append(BASE.get(c, c)); i += 1
    return ''.join(out)


def translit(lv):
    """A Latvian name in Russian letters, each word capitalised as written."""
    words = lv.split(' ')
    res = []
    for w in words:
        parts = []
        for part in w.split('-'):
            low = part.lower()
            ru = _word(low)
            if low.endswith('āni') and len(low) > 4:
                ru = ru[:-1] + 'ы'
            parts.append(ru[:1].upper() + ru[1:] if part[:1].isupper() else ru)
        res.append('-'.join(parts))
    return ' '.join(res)


def name_ru(typ, nom, stem):
    """The Russian name of a place the lists have none for."""
    if typ == 'pagasts':
        return translit(stem) + ' волость'
    if typ == 'novads':
        return translit(stem) + ' край'
    return translit(nom)


HUSH = set('жшчщц')
VELAR = set('гкхжшчщ')


def decline(word, lv_nom=''):
    """The case forms of one Russian noun (a place's name), nominative first."""
    w = word
    if not w:
        return []
    low = w.lower()
    last, stem = low[-1], w[:-1]
    if lv_nom.lower().endswith(('as', 'es')) and not lv_nom.lower().endswith('pils'):
        return [w]                              # Плявиняс: left as it is
    if last == 'а':
        gen = 'и' if stem[-1:].lower() in VELAR else 'ы'
        ins = 'ей' if stem[-1:].lower() in HUSH else 'ой'
        return [w, stem + 'е', stem + gen, stem + 'у', stem + ins]
    if last == 'я':
        loc = 'и' if stem[-1:].lower() == 'и' else 'е'
        return [w, stem + loc, stem + 'и', stem + 'ю', stem + 'ей']
    if last in 'ыи' and lv_nom.lower().endswith('i'):
        soft = lv_nom.lower().endswith(('ļi', 'ņi', 'ji')) or stem[-1:].lower() in 'аеиоуй'
        a = 'я' if soft else 'а'
        out = [w, stem + a + 'х', stem + a + 'м', stem + a + 'ми']
        # the genitive where it is regular: Лимбажи → из Лимбажей, Прейли → Прейлей,
        # Вишки → Вишек (others, Ливаны → Ливан, are left out)
        if soft and stem[-1:].lower() not in 'аеиоуй' or stem[-1:].lower() in HUSH:
            out.append(stem + 'ей')
        elif stem[-1:].lower() == 'к' and stem[-2:-1].lower() not in 'аеиоуыэюяй':
            out.append(stem[:-1] + 'ек')
        return out
    if last in 'еоуиыэю':
        return [w]
    if last == 'й':
        return [w, stem + 'е', stem + 'я', stem + 'ю', stem + 'ем']
    if last == 'ь':
        return [w]
    ins = 'ем' if last in HUSH else 'ом'
    return [w, w + 'е', w + 'а', w + 'у', w + ins]


def adjective(a):
    """-ский край in its cases (Прейльский край: в Прейльском крае)."""
    st = a[:-2]
    return [(a, 'край'), (st + 'ого', 'края'), (st + 'ом', 'крае'), (st + 'ому', 'краю'),
            (st + 'им', 'краем')]


# Declined place words that are everyday Russian words a planting text may hold
# (море "sea", сели "sat down", сею "I sow", кони "horses"): left out, the place
# keeps its волость forms (Морес волость).
RU_WORDS = {'море', 'моря', 'морю', 'сели', 'сею', 'кони'}


def parish_adjective(stem):
    """The adjective Russian writers also use for a parish, from its Latvian
    genitive stem: Aglonas → Аглонская, Višķu → Вишкская, Ērgļu → Эргльская,
    Rugāju → Ругайская. Accepted when read, never written: its suffix varies by
    name (Виксненская, not Викснская), so the name stays the transliteration."""
    low = stem.lower()
    for end in ('as', 'es', 'us', 'u', 'a', 's'):
        if low.endswith(end) and len(low) > len(end) + 1:
            low = low[:-len(end)]
            break
    soft = low.endswith(('ļ', 'ņ'))
    base = _word(low)
    if soft and not base.endswith('ь'):
        base += 'ь'
    if base.endswith('й') and base[-2:-1] not in 'аеиоуыэюя':
        base = base[:-1]                        # Kalncempju → Калнцемпская
    return base[:1].upper() + base[1:] + 'ская'


def forms_ru(typ, name, lv_nom, stem=''):
    """Every Russian form of a place that names it, as written (the loader folds
    them): the name in its cases, and for a parish the place word too."""
    out = []
    words = name.split(' ')
    if len(words) == 2 and words[1] == 'волость':
        for u in ('волость', 'волости', 'волостью'):
            out.append(words[0] + ' ' + u)
        if stem:
            adj = parish_adjective(stem)[:-2]
            out += [adj + 'ая волость', adj + 'ой волости', adj + 'ую волость',
                    adj + 'ой волостью']
        if lv_nom:
            out += [f for f in decline(translit(lv_nom), lv_nom) if f.lower() not in RU_WORDS]
    elif len(words) == 2 and words[1] == 'край':
        if words[0].endswith('ский'):
            out += [x + ' ' + y for x, y in adjective(words[0])]
        else:
            out += [words[0] + ' ' + u for u in ('край', 'края', 'крае', 'краю', 'краем')]
    elif len(words) == 1:
        out += decline(name, lv_nom)
    else:
        out.append(name)
    return out
