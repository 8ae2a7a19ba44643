/* test_modem_transport.c: `talka sim send` and the libgammu transport on the
 * dummy phone agree: a short Latvian text, a long Russian text in three parts
 * with UDH, removal from the device, a send with the dummy's reference 255, and
 * a delivery report. */
#include "gateway/core/app.h"
#include "gateway/cli/cmd_sim.h"
#include "gateway/core/transport.h"
#include "tests/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

extern const struct transport_kind gammu_transport;

static int sim(const char *a1, const char *a2, const char *a3, const char *a4)
{
    char *argv[] = { "sim", (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL };
    int argc = 2 + (a2 != NULL) + (a3 != NULL) + (a4 != NULL);
    return cmd_sim(argc, argv);
}

TEST(modem_transport_reads_what_sim_writes)
{
    char dir[512], conf[600];
    snprintf(dir, sizeof dir, "%s/mt", test_tmpdir());
    mkdir(dir, 0755);
    snprintf(conf, sizeof conf, "%s/talka.ini", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return;
    fprintf(f, "[gammu]\ndevice = phone\nmodel = dummy\nconnection = none\n");
    fclose(f);
    const char *saved = app_config_path;
    app_config_path = conf;

    const char *ru = "ДЕРЕВО 5 БЕРЁЗЫ Рига. Сегодня сажали вместе со школьниками и соседями, "
                     "был хороший день, всё получилось, спасибо всем, кто пришёл помочь нам.";
    CHECK_INT(sim("send", "+37126000001", "Iestādīju 12 ozolus Cēsīs", NULL), 0);
    CHECK_INT(sim("send", "+37126000002", ru, NULL), 0);
    CHECK_INT(sim("report", "255", NULL, NULL), 0);

    struct config *cfg = config_load(conf, (char[256]){ 0 }, 256);
    char err[256] = "";
    struct transport *t = cfg ? gammu_transport.open(cfg, "gammu0", err, sizeof err) : NULL;
    CHECK(t != NULL);
    if (!t) {
        config_free(cfg);
        app_config_path = saved;
        return;
    }
    CHECK(gammu_transport.poller->present(t));
    CHECK(gammu_transport.connect(t, err, sizeof err));
    struct tmsg *m = calloc(1, sizeof *m);
    int texts = 0, parts = 0, reports = 0;
    char joined[4][400] = { "", "", "", "" };
    bool start = true;
    int r;
    while ((r = gammu_transport.poller->next(t, start, m, err, sizeof err)) == 1) {
        start = false;
        if (m->kind == TMSG_REPORT) {
            reports++;
            CHECK_STR(m->report_ref, "255");
            CHECK(m->delivered);
        } else if (m->concat_total > 1) {
            parts++;
            CHECK_INT(m->concat_total, 3);
            CHECK_STR(m->sender, "+37126000002");
            if (m->concat_part >= 1 && m->concat_part <= 3)
                snprintf(joined[m->concat_part], sizeof joined[0], "%.399s", m->text);
        } else {
            texts++;
            CHECK_STR(m->sender, "+37126000001");
            CHECK_STR(m->text, "Iestādīju 12 ozolus Cēsīs");
            CHECK(m->sent_at > 0);
        }
        CHECK(gammu_transport.poller->remove(t, m, err, sizeof err));
    }
    CHECK_INT(r, 0);
    CHECK_INT(texts, 1);
    CHECK_INT(parts, 3);
    CHECK_INT(reports, 1);
    char all[1200];
    snprintf(all, sizeof all, "%s%s%s", joined[1], joined[2], joined[3]);
    CHECK_STR(all, ru);
    /* deleted: a new pass finds nothing */
    CHECK_INT(gammu_transport.poller->next(t, true, m, err, sizeof err), 0);

    char ref[16];
    CHECK_INT(gammu_transport.sender->send(t, "+37126000001", "Paldies! Reģistrēti 12 ozoli", true, ref,
                                   sizeof ref, err, sizeof err), TSEND_OK);
    CHECK_STR(ref, "255");
    CHECK_INT(gammu_transport.sender->send(t, "not a number", "x", false, ref, sizeof ref, err,
                                   sizeof err), TSEND_REJECTED);
    struct transport_health h;
    CHECK(gammu_transport.health(t, &h, err, sizeof err));
    CHECK_INT(h.signal_percent, 42);
    CHECK(h.registered);
    char reply[128];
    CHECK(gammu_transport.poller->ussd(t, "*245#", reply, sizeof reply, err, sizeof err));
    CHECK_STR(reply, "Reply for *245#");
    free(m);
    gammu_transport.close(t);
    config_free(cfg);
    app_config_path = saved;
}
