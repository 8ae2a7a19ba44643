# at_simfull.sh: a SIM full of messages that are not texts. A 25-slot SIM taken
# from an old phone holds its sent messages and drafts, data messages, two
# unreadable PDUs and three class-3 texts with the status-report-indication bit
# (the message that once stayed on a SIM for ever); then 200 texts are offered at
# once. -> every slot is emptied: the texts stored once each, everything else set
# aside with its exact PDU and deleted, so all 200 arrive; talka status shows the
# SIM slots and the messages set aside.
. tests/lib.sh
plan 13
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

python3 - "$AT_DIR" "$T" <<'PY'
import datetime, random, sys
sys.path.insert(0, sys.argv[1])
import pdu
T = sys.argv[2]
rnd = random.Random(7)
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
old = now - datetime.timedelta(days=400)
sim, aside = [], []
for i in range(8):      # what the old phone sent
    p = pdu.submit("+3712%07d" % (5550000 + i), "Sveiki, te Janis %d" % i, smsc=pdu.DEFAULT_SMSC)
    sim.append("sent:" + p); aside.append(p)
for i in range(7):      # its drafts
    p = pdu.submit("+3712%07d" % (5560000 + i), "melnraksts %d" % i)
    sim.append("unsent:" + p); aside.append(p)
for i in range(5):      # data messages (8-bit)
    p = pdu.deliver("+3712%07d" % (5570000 + i), bytes([0x0B, 0x05, 0x04, i]) + b"wap", coding="8bit",
                    when=old)
    sim.append("read:" + p); aside.append(p)
for i in range(2):      # cut short: libgammu cannot decode them
    p = pdu.deliver("+3712%07d" % (5580000 + i), "KOKS 3 OZOLS Cesis", when=old)[:-10]
    sim.append("read:" + p); aside.append(p)
texts = []
for i in range(3):      # class 3, status report indication: a text all the same
    t = "KOKS %d OZOLS Cesis" % (i + 1)
    sim.append(pdu.deliver("+3712%07d" % (5590000 + i), t, msg_class=3, sri=True,
                           when=now - datetime.timedelta(seconds=900 + i)))
    texts.append(("+3712%07d" % (5590000 + i), t))
offer = []
for i in range(200):    # 170 from names and short codes (never answered), 30 from numbers
    sender = ("LMT", "Tele2", "1345", "Info")[i % 4] if i >= 30 else "+3712%07d" % (5600000 + i)
    t = rnd.choice(["KOKS %d OZOLS Cesis", "koks %d bērzi Limbažos", "ДЕРЕВО %d СОСНЫ Рига"]) % (i + 1)
    offer.append(pdu.deliver(sender, t, when=now - datetime.timedelta(seconds=300 - i)))
    texts.append((sender, t))
open(T + "/sim.pdus", "w").write("\n".join(sim) + "\n")
open(T + "/offer.pdus", "w").write("\n".join(offer) + "\n")
open(T + "/aside.expected", "w").write("\n".join(sorted(aside)) + "\n")
with open(T + "/texts.expected", "w") as f:
    for s, t in texts:
        f.write(s + "\t" + t + "\n")
PY
check "at simfull: the emulator answers on a pty" at_start --slots 25
at_offer "$T/sim.pdus"
_end=$(( $(date +%s) + 10 )); while [ "$(at_state used)" != 25 ] && [ "$(date +%s)" -le "$_end" ]; do sleep 0.1; done
expect_eq "at simfull: the old phone's SIM is full" "$(at_state used)" 25
at_config
check "at simfull: talka connects" start_daemon
at_offer "$T/offer.pdus"
check "at simfull: every slot emptied, every text handled" at_settled 180
expect_eq "at simfull: 203 texts stored, each once" "$(q "SELECT count(*) || ':' || count(DISTINCT sender || CAST(text AS TEXT)) FROM inbound")" "203:203"
LC_ALL=C sort "$T/texts.expected" > "$T/texts.sorted"
expect_eq "at simfull: the stored texts are the texts offered (class 3 ones included)" \
    "$(stored_texts | cmp -s - "$T/texts.sorted" && echo same || stored_texts | diff - "$T/texts.sorted" | head -5)" same
expect_eq "at simfull: 22 messages set aside, by kind" \
    "$(q "SELECT group_concat(kind || '=' || n, ' ') FROM (SELECT kind, count(*) n FROM modem_aside GROUP BY kind ORDER BY kind)")" \
    "data=5 submit=15 undecodable=2"
expect_eq "at simfull: each kept with its exact PDU" \
    "$(q "SELECT pdu FROM modem_aside ORDER BY pdu" | LC_ALL=C sort | cmp -s - "$T/aside.expected" && echo same)" same
expect_match "at simfull: what was decoded is kept too" \
    "$(q "SELECT decoded FROM modem_aside WHERE kind='submit' AND decoded LIKE '%\"state\":\"sent\"%' LIMIT 1")" \
    '"text":"Sveiki, te Janis [0-9]"'
expect_eq "at simfull: the SIM is empty, nothing waits in the network" "$(at_pending)" 0
status=$(TALKA_CONFIG=$CONF "$TALKA" status)
expect_match "at simfull: talka status shows SIM slots and messages set aside" "$status" \
    "SIM 0 of 25 slots used .*22 messages set aside"
expect_eq "at simfull: 33 replies (30 numbers + 3 class-3 texts), each sent once" \
    "$(sent_check | cut -d' ' -f1-2)" "ok 33"
stop_daemon
expect_eq "at simfull: no errors logged" "$(grep -c ' error: ' "$T/run.log")" 0
at_done
