# kannel_summary.awk: bench/kannel.sh's figures and its verdict, from its results
# file, one line a run: "SERVICE RATE REPLIES CPU_BEARERBOX CPU_SMSBOX CPU_SERVICE
# CPU_FAKESMSC" (round trips/s, replies back, CPU ms per round trip), SERVICE one of
# echo, http, anchor, talka, nodlr. Prints the medians; exits 0 when talka made at
# least 300 round trips/s and at least 75 % of the anchor's, 1 otherwise.
# usage: awk -v n=TEXTS -v links=LINKS -f bench/kannel_summary.awk RESULTS
function median(svc, col,    k, i, j, t, a) {
    k = 0
    for (i = 1; i <= NR; i++) if (S[i] == svc) a[++k] = V[i, col]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
function all(svc,    i, s) {
    s = ""
    for (i = 1; i <= NR; i++) if (S[i] == svc) s = s (s == "" ? "" : " ") V[i, 1]
    return s
}
function cpu(svc) {
    return sprintf("CPU ms a round trip: bearerbox %.2f, smsbox %.2f, %s %.2f, fakesmsc %.2f",
                   median(svc, 3), median(svc, 4),
                   svc ~ /talka|nodlr/ ? "talka" : svc == "anchor" ? "anchor" : "echo service",
                   median(svc, 5), median(svc, 6))
}
{ S[NR] = $1; for (c = 2; c <= NF; c++) V[NR, c - 1] = $c }
END {
    e = median("echo", 1); h = median("http", 1); a = median("anchor", 1); t = median("talka", 1)
    printf "kannel_echo_ceiling: %d round trips/s (Kannel alone, text = \"%%a\": no service, no HTTP; runs: %s)\n", e, all("echo")
    printf "   %s\n", cpu("echo")
    printf "kannel_http_echo_ceiling: %d round trips/s (Kannel alone with a trivial echo service: get-url answered with the text; runs: %s)\n", h, all("http")
    printf "   %s\n", cpu("http")
    printf "kannel_anchor: %d round trips/s (the anchor, bench/anchor_service.c: get-url answered, the reply through sendsms with a dlr-url, the report taken; runs: %s)\n", a, all("anchor")
    printf "   %s\n", cpu("anchor")
    printf "kannel_talka: %d round trips/s (%d texts in from fakesmsc, stored, answered, replies back through sendsms; %d link(s); runs: %s; target >= 300: %s)\n", t, n, links, all("talka"), (t >= 300 ? "met" : "NOT met")
    printf "   %s\n", cpu("talka")
    printf "kannel_talka_no_reports: %d round trips/s (the same with dlr_mask = 0: no delivery report back through dlr-url; runs: %s)\n", median("nodlr", 1), all("nodlr")
    printf "   %s\n", cpu("nodlr")
    share = a > 0 ? t / a * 100 : 0
    printf "kannel_talka_share: %.0f %% of the anchor's round trips a second (target >= 75: %s)\n", share, (share >= 75 ? "met" : "NOT met")
    printf "   CPU ms a round trip: talka %.2f, the anchor %.2f; Kannel (bearerbox + smsbox) %.2f through talka, %.2f through the anchor\n", median("talka", 5), median("anchor", 5), median("talka", 3) + median("talka", 4), median("anchor", 3) + median("anchor", 4)
    exit (t >= 300 && share >= 75) ? 0 : 1
}