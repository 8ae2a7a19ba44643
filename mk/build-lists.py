#!/usr/bin/env python3
"""build-lists.py: builds the project's own config/species.tsv and config/places.tsv
from the reference facts in ../shared/data (usage: mk/build-lists.py [DATA_DIR]).
The project keeps these copies; this script records how they were made and adds
forms the reference lacks (English plurals, colloquial and extra inflected forms)."""
import csv, os, sys

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data')
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

def rows(name):
    with open(os.path.join(data, name), encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))

def split(s):
    return [x.strip() for x in s.split('|') if x.strip()]

# English everyday names a volunteer would type, singular and plural.
EN = {
    'pinus_sylvestris': 'pine|pines|pine tree|pine trees|scots pine|scots pines',
    'picea_abies': 'spruce|spruces|spruce tree|spruce trees|fir|firs|fir tree|fir trees|christmas tree|christmas trees',
    'betula_pendula': 'birch|birches|birch tree|birch trees|silver birch|silver birches',
    'betula_pubescens': 'downy birch|downy birches',
    'quercus_robur': 'oak|oaks|oak tree|oak trees|english oak|english oaks',
    'quercus_rubra': 'red oak|red oaks',
    'tilia_cordata': 'lime|limes|lime tree|lime trees|linden|lindens|linden tree|linden trees',
    'tilia_platyphyllos': 'large-leaved lime|large-leaved limes|broadleaf lime',
    'acer_platanoides': 'maple|maples|maple tree|maple trees',
    'acer_negundo': 'box elder|box elders|ash-leaved maple',
    'fraxinus_excelsior': 'ash|ashes|ash tree|ash trees',
    'alnus_glutinosa': 'black alder|black alders',
    'alnus_incana': 'grey alder|grey alders|gray alder|gray alders',
    'alnus_spp': 'alder|alders',
    'populus_tremula': 'aspen|aspens',
    'populus_hybrid_aspen': 'hybrid aspen|hybrid aspens',
    'populus_spp': 'poplar|poplars',
    'salix_spp': 'willow|willows',
    'salix_caprea': 'goat willow|goat willows|sallow|sallows',
    'aesculus_hippocastanum': 'horse chestnut|horse chestnuts|chestnut|chestnuts',
    'malus_domestica': 'apple|apples|apple tree|apple trees',
    'malus_sylvestris': 'crab apple|crab apples|crabapple|crabapples',
    'pyrus_communis': 'pear|pears|pear tree|pear trees',
    'prunus_cerasus': 'cherry|cherries|cherry tree|cherry trees|sour cherry|sour cherries',
    'prunus_avium': 'sweet cherry|sweet cherries|wild cherry|wild cherries',
    'prunus_domestica': 'plum|plums|plum tree|plum trees',
    'ulmus_glabra': 'wych elm|wych elms|elm|elms',
    'ulmus_laevis': 'white elm|white elms|elm|elms',
    'carpinus_betulus': 'hornbeam|hornbeams',
    'fagus_sylvatica': 'beech|beeches|beech tree|beech trees',
    'corylus_avellana': 'hazel|hazels|hazelnut|hazelnuts',
    'sorbus_aucuparia': 'rowan|rowans|mountain ash',
    'padus_avium': 'bird cherry|bird cherries',
    'juniperus_communis': 'juniper|junipers',
    'taxus_baccata': 'yew|yews',
    'larix_spp': 'larch|larches',
    'pinus_sibirica': 'siberian pine|siberian pines|cedar|cedars|cedar pine',
    'viburnum_opulus': 'guelder rose|guelder roses|guelder-rose|viburnum',
    'crataegus_spp': 'hawthorn|hawthorns',
    'hippophae_rhamnoides': 'sea buckthorn|sea-buckthorn|buckthorn',
    'thuja_occidentalis': 'thuja|thujas|thuya|arborvitae',
}

# Latvian forms the reference lacks: remaining cases, diminutives, colloquial words.
LV_EXTRA = {
    'pinus_sylvestris': 'priedēs|priedei|priedīšu|priedītēm|priedīti|priedes stādi',
    'picea_abies': 'eglēs|eglei|eglīšu|eglītēm|eglīti|eglītes|egļītes',
    'betula_pendula': 'bērziņu|bērziņiem|bērzam|bērziņa|bērzs',
    'quercus_robur': 'ozolam|ozoliņa|ozoliņu|ozoliņiem',
    'tilia_cordata': 'liepai|liepiņu|liepiņām|liepās',
    'acer_platanoides': 'kļavai|kļaviņas|kļaviņu|kļavu|kļavas|kļavām',
    'fraxinus_excelsior': 'osim|ošiem|ošus|ošiņi|ošiņus|ošiņš',
    'alnus_spp': 'alkšņiem|alksnīši|alksnīšus',
    'populus_tremula': 'apsītes|apsīte|apsei',
    'populus_spp': 'papelei|papelītes',
    'salix_spp': 'vītoliņi|vītoliņus|kārklu|kārkliem',
    'malus_domestica': 'ābelei|ābelīšu|ābelītēm|ābelīti|ābeļu koki|ābeļu kokus|ābeļu koku',
    'pyrus_communis': 'bumbierei|bumbierīte|bumbierītes|bumbieri|bumbieres',
    'prunus_cerasus': 'ķirsim|ķiršiem|ķirsīši|ķirsīšus|ķiršu koki|ķiršu kokus',
    'prunus_domestica': 'plūmei|plūmīte|plūmītes|plūmju koki|plūmju kokus',
    'sorbus_aucuparia': 'pīlādžiem|pīlādzīši|pīlādzīšus',
    'corylus_avellana': 'lazdai|lazdiņa|lazdiņas|lazdiņu',
    'juniperus_communis': 'kadiķiem|kadiķīši|kadiķīšus',
    'larix_spp': 'lapeglei|lapeglītes',
    'aesculus_hippocastanum': 'kastaņiem|kastanim|kastaņkoki|kastaņkokus',
    'thuja_occidentalis': 'tūjiņas|tūjiņa|tūjiņu|tūjai',
    'viburnum_opulus': 'irbenei|irbenītes',
    'padus_avium': 'ievai|ieviņas|ieviņa',
    'taxus_baccata': 'īvei|īvītes',
    'crataegus_spp': 'vilkābelei|vilkābelītes',
}

RU_EXTRA = {
    'pinus_sylvestris': 'сосной|сосен|сосенок|сосёнки|сосёнок|сосны',
    'picea_abies': 'елей|елочки|ёлочки|елочек|ёлочек|ели|ель',
    'betula_pendula': 'берёзок|березок|берёзки|березки|берёзу|березу',
    'quercus_robur': 'дубков|дубочки|дубочков|дубу|дубом',
    'tilia_cordata': 'липок|липки|липку|липа',
    'acer_platanoides': 'кленочки|клёнчики|кленов|клёнов',
    'malus_domestica': 'яблонек|яблоньки|яблонька|яблонь',
    'prunus_cerasus': 'вишенок|вишенки',
}
RU_LATIN_EXTRA = {
    'pinus_sylvestris': 'sosnoj|sosen|sosenok|sosjonki|sosenki',
    'picea_abies': 'elej|elochki|jolochki|elochek|elki|elka|jolki|jolka|yolka|yolki',
    'betula_pendula': 'berezok|berjozok|berezki|berjozki|berezy',
    'quercus_robur': 'dubkov|dubochki|dubochkov',
    'tilia_cordata': 'lipok|lipki|lipku|lipa|lipy|lip',
    'malus_domestica': 'yablonek|jablonek|yablonki|jablonki|yablon|jablon',
}

def word_digraph(s):
    m = {'ā': 'aa', 'č': 'ch', 'ē': 'ee', 'ģ': 'gj', 'ī': 'ii', 'ķ': 'kj', 'ļ': 'lj',
         'ņ': 'nj', 'š': 'sh', 'ū': 'uu', 'ž': 'zh'}
    return ''.join(m.get(c, c) for c in s)

def uniq(xs):
    seen, out = set(), []
    for x in xs:
        k = x.lower()
        if k and k not in seen:
            seen.add(k)
            out.append(x)
    return out

def species_order(ids):
    """id -> its place on the USSD list (1, 2, ...): the ids of mk/lists/species_order.tsv
    (where the order comes from is said there) first, then the rest in reference order."""
    path = os.path.join(root, 'mk', 'lists', 'species_order.tsv')
    with open(path, encoding='utf-8') as f:
        lines = [l for l in f.read().splitlines() if l.strip() and not l.startswith('#')]
    first = [l.split('\t')[0] for l in lines[1:]]
    unknown = [i for i in first if i not in ids]
    if unknown or len(set(first)) != len(first):
        sys.exit('%s: unknown or repeated ids: %s' % (path, ' '.join(unknown) or 'repeated'))
    order = first + [i for i in ids if i not in first]
    return {sid: n + 1 for n, sid in enumerate(order)}

def build_species():
    out = []
    head = ['id', 'name_lv', 'name_ru', 'name_en', 'latin', 'native', 'category',
            'forms_lv', 'forms_ru', 'forms_ru_latin', 'forms_en', 'ussd_order']
    ref = rows('species.tsv')
    order = species_order([r['id'] for r in ref])
    for r in ref:
        sid = r['id']
        lv = split(r['lv_forms']) + split(r['lv_forms_ascii']) + split(r['lv_forms_digraph']) \
            + split(r['lv_colloquial_forms']) + split(r['lv_colloquial_ascii'])
        extra = split(LV_EXTRA.get(sid, ''))
        lv += extra + [word_digraph(x) for x in extra]
        ru = split(r['ru_forms']) + split(RU_EXTRA.get(sid, ''))
        rul = split(r['ru_forms_latin']) + split(RU_LATIN_EXTRA.get(sid, ''))
        en = split(EN.get(sid, ''))
        out.append([sid, r['lv_name'], r['ru_name'], EN.get(sid, r['en_name']).split('|')[0]
                    if sid in EN else r['en_name'], r['latin_name'],
                    r['native_to_latvia'], r['category'],
                    '|'.join(uniq(lv)), '|'.join(uniq(ru)), '|'.join(uniq(rul)), '|'.join(uniq(en)),
                    str(order[sid])])
    return head, out

# Forms the rules in parsers/places.c would not generate, or Russian case forms.
PLACE_EXTRA = {
    'Cēsis': 'Cēsīs|Cēsu|Cēsīm|Cesis|Цесисе',
    'Rīga': 'Rigā|Риге|Ригу|Риги|Riga|Rīgas pilsēta|Rīgas pilsētā',
    'Daugavpils': 'Даугавпилсе|Даугавпилса|Dinaburga|Двинск',
    'Jelgava': 'Елгаве|Елгавы',
    'Jūrmala': 'Юрмале|Юрмалы',
    'Liepāja': 'Лиепае|Лиепаи|Либава',
    'Rēzekne': 'Резекне',
    'Ventspils': 'Вентспилсе|Вентспилса',
    'Ogre': 'Огре',
    'Valmiera': 'Валмиере|Валмиеры',
    'Jēkabpils': 'Екабпилсе|Екабпилса',
    'Saulkrasti': 'Саулкрастах',
    'Līvāni': 'Ливанах',
    'Varakļāni': 'Варакляны|Варакляны',
}

def build_places():
    src = rows('places.tsv')
    top = {}
    for r in src:
        if r['type'] in ('novads',) or (r['type'] == 'valstspilsēta' and not r['parent']):
            top[r['name']] = r
    head = ['name', 'name_ascii', 'type', 'parent', 'municipality', 'atvk', 'nominative',
            'genitive', 'name_ru', 'lat', 'lon', 'forms', 'note']
    out = []
    for r in src:
        name, typ, parent = r['name'], r['type'], r['parent']
        if typ == 'novads' or (typ == 'valstspilsēta' and not parent):
            muni = name
        else:
            muni = parent
        note = r['note']
        if name == 'Varakļānu novads':      # historical: merged into Madonas novads
            muni = 'Madonas novads'
        atvk = top.get(muni, {}).get('atvk', '')
        if typ == 'pagasts':
            nom = r['nominative_guess'] or r['stem']
        elif typ == 'novads':
            nom = ''
        else:
            nom = name
        out.append([name, r['name_ascii'], typ, parent, muni, atvk, nom, r['stem'],
                    r['name_ru'], r['lat'], r['lon'], PLACE_EXTRA.get(name, ''), note])
    return head, out

def write(path, head, body):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('\t'.join(head) + '\n')
        for row in body:
            f.write('\t'.join(c.replace('\t', ' ').replace('\n', ' ') for c in row) + '\n')

if __name__ == '__main__':
    write(os.path.join(root, 'config', 'species.tsv'), *build_species())
    write(os.path.join(root, 'config', 'places.tsv'), *build_places())
