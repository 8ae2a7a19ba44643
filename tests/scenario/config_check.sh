# config_check.sh: talka.ini is read with line numbers and every key is checked
# for type and range: bad values, unknown keys and repeated sections exit 2 with
# FILE:LINE: [section] key: what is wrong; `talka config check` prints the
# effective configuration; an empty value means empty.
. tests/lib.sh
plan 67
scratch
export TALKA_NOW="2026-05-15 10:00:00"

# bad CONF-LINE NAME REGEX: appends a section+key to a fresh copy of the shipped
# config and expects `talka config check` and `talka sms` to refuse it with exit 2
bad() {
    cp config/talka.ini "$CONF"
    printf '%b\n' "$1" >> "$CONF"
    out=$("$TALKA" config check 2>&1); rc=$?
    expect_eq "$2: config check exits 2" "$rc" 2
    expect_match "$2: message names file, line, key" "$out" "$3"
    "$TALKA" sms +37126000001 "KOKS 1 OZOLS Cesis" >/dev/null 2>&1
    expect_eq "$2: sms refuses to run" "$?" 2
}
n=$(($(wc -l < config/talka.ini) + 2))
bad "[points]\nnative_multiplier = -2" "negative multiplier" \
    "talka.ini:$n: \[points\] native_multiplier: -2 is out of range \(allowed: 1 to 100"
bad "[points]\nper_tree = ten" "word for a number" "talka.ini:$n: \[points\] per_tree: 'ten' is not a whole number"
bad "[rules]\nreview_threshold = lots" "rules number" "\[rules\] review_threshold: 'lots' is not a whole number"
sed_conf() { sed -i "$1" "$CONF"; }
cp config/talka.ini "$CONF"; sed_conf 's/^max_count = 10000/max_count = -5/'
out=$("$TALKA" config check 2>&1); expect_eq "parse max_count -5: exit 2" "$?" 2
expect_match "parse max_count -5: line" "$out" "talka.ini:[0-9]+: \[parse\] max_count: -5 is out of range"
cp config/talka.ini "$CONF"; sed_conf 's|^timezone = Europe/Riga|timezone = Mars/Olympus|'
out=$("$TALKA" config check 2>&1); expect_eq "unknown zone: exit 2" "$?" 2
expect_match "unknown zone: message" "$out" "\[talka\] timezone: unknown time zone 'Mars/Olympus'"
cp config/talka.ini "$CONF"; sed_conf 's/^sync = normal/sync = sometimes/'
out=$("$TALKA" config check 2>&1); expect_eq "sync word: exit 2" "$?" 2
expect_match "sync word: allowed words listed" "$out" "\[talka\] sync: 'sometimes' is not allowed \(allowed: normal, full\)"
bad "[talka]\nlog_level = debug" "repeated section" "talka.ini:$((n - 1)): \[talka\]: section repeated \(first on line 11\)"
bad "[flood]\ntexts_per_hour = 30\ntexts_per_hour = 40" "repeated key" "\[flood\] texts_per_hour: key repeated"
bad "[flood]\ntext_per_hour = 30" "unknown key" "talka.ini:$n: \[flood\] text_per_hour: unknown key \(allowed: .*texts_per_hour"
bad "[flod]\ntexts_per_hour = 30" "unknown section" "talka.ini:$n: \[flod\]: unknown section"
bad "[flood]\nthis line has no equals sign" "malformed line" "talka.ini:$n: not a \[section\] or key = value line"
cp config/talka.ini "$CONF"; sed_conf 's/^;numbers = +37120000000, +37120000001$/numbers = +37120000000, hello/'
out=$("$TALKA" config check 2>&1); expect_eq "bad phone list: exit 2" "$?" 2
expect_match "bad phone list: names the bad entry" "$out" "\[staff\] numbers: 'hello' is not a phone number"
bad "[gammu1]\ndevice = /dev/null\nrate = fast" "modem key in a gammu section" "\[gammu1\] rate: 'fast' is not a whole number"

# addresses are read with the endpoints' parsers: a bad one stops `config check`
# and `talka run` (before any service or modem starts), naming file, line and key
cp config/talka.ini "$CONF"; sed_conf 's/^listen = 127.0.0.1:8080$/listen = nonsense/'
line=$(grep -n '^listen = nonsense$' "$CONF" | cut -d: -f1)
out=$("$TALKA" config check 2>&1); expect_eq "web listen nonsense: exit 2" "$?" 2
expect_match "web listen nonsense: names file, line, key" "$out" \
    "talka.ini:$line: \[web\] listen: 'nonsense' is not an address to listen on"
out=$(timeout 60 "$TALKA" run 2>&1); expect_eq "web listen nonsense: run exits 2" "$?" 2
expect_match "web listen nonsense: run names the key" "$out" "talka.ini:$line: \[web\] listen:"
case "$out" in *modem*|*gammu*) not_ok "web listen nonsense: no modem started" "$out" ;;
               *) ok "web listen nonsense: no modem started" ;; esac
cp config/talka.ini "$CONF"; sed_conf 's/^;listen = 127.0.0.1:8733$/listen = 127.0.0.1:99999/'
out=$("$TALKA" config check 2>&1); expect_eq "ussd listen port 99999: exit 2" "$?" 2
expect_match "ussd listen port 99999: names the key" "$out" \
    "talka.ini:[0-9]+: \[ussd\] listen: '127.0.0.1:99999' is not an address to listen on"
cp config/talka.ini "$CONF"; sed_conf 's|^;allow = 127.0.0.1, 10.0.0.0/8$|allow = 127.0.0.1, 10.0.0.0/33|'
out=$("$TALKA" config check 2>&1); expect_eq "ussd allow /33: exit 2" "$?" 2
expect_match "ussd allow /33: names the key and the entry" "$out" \
    "talka.ini:[0-9]+: \[ussd\] allow: '10.0.0.0/33' is not an address or CIDR range"
bad "[registry]\nurl = registry.example.lv/api" "registry url without a scheme" \
    "talka.ini:$n: \[registry\] url: 'registry.example.lv/api' is not a URL"
cp config/talka.ini "$CONF"; printf '[registry]\nurl = http://registry.example.lv/api\n' >> "$CONF"
out=$("$TALKA" config check 2>&1); expect_eq "registry url over plain http: exit 2" "$?" 2
expect_match "registry url over plain http: names file, line, key" "$out" \
    "talka.ini:$n: \[registry\] url uses plain http:// to registry.example.lv"
bad "[web2]\nlisten = :8080" "unknown section" "talka.ini:$n: \[web2\]: unknown section"

# quiet_hours with an empty value means none (libgammu used to drop it)
cp config/talka.ini "$CONF"; sed_conf 's/^quiet_hours = 21:00-09:00/quiet_hours =/'
out=$("$TALKA" config check 2>&1); expect_eq "empty quiet_hours: valid" "$?" 0
expect_match "empty quiet_hours: shown as empty" "$out" "^quiet_hours = *; line"

# config check on the shipped config: valid, prints effective values and defaults
cp config/talka.ini "$CONF"
out=$("$TALKA" config check 2>&1); expect_eq "shipped config: valid" "$?" 0
expect_match "shipped config: value with its line" "$out" "timezone = Europe/Riga +; line [0-9]+"
expect_match "shipped config: defaults shown" "$out" "native_multiplier = 2 +; default"
printf '[registry]\nurl = https://talka:hunter2@registry.example.lv/api\n' >> "$CONF"
out=$("$TALKA" config check 2>&1)
expect_match "secrets masked: URL password hidden" "$out" "url = https://talka:\*\*\*@registry"
case "$out" in *hunter2*) not_ok "secrets masked: password never printed" ;; *) ok "secrets masked: password never printed" ;; esac
# every key's row as `config keys` prints it, in both builds (the release build
# once printed the allowed words as garbage), stands in docs/configuration.md
for bin in "$TALKA" build/talka; do
    "$bin" config keys > "$T/keys.md"; expect_eq "config keys ($bin): exit 0" "$?" 0
    rows=$(grep -c '^| `' "$T/keys.md")
    expect_match "config keys ($bin): the allowed words" "$(cat "$T/keys.md")" '\| `sync` \| word \| `normal` \| normal, full \|'
    undoc=$(grep '^| `' "$T/keys.md" | grep -vxF -f docs/configuration.md | head -3)
    expect_eq "config keys ($bin): all $rows rows in docs/configuration.md" "$undoc" ""
done
"$TALKA" config --help | grep -q "config check"; expect_eq "config --help" "$?" 0
"$TALKA" config 2>/dev/null; expect_eq "config without check: usage, exit 2" "$?" 2
finish
