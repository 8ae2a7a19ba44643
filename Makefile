# talka build: one release binary (build/talka), a sanitizer build for the tests
# (build/asan/), a libFuzzer harness (build/fuzz/) and the benchmarks.
#
#   make            release binary build/talka
#   make deps       install the Debian packages talka builds with (as root)
#   make test-deps  install those the tests need too (Chromium, Kannel; as root)
#   make test       ASan+UBSan build, every test, TEST_JOBS at a time (default 4 x
#                   the cores); last line "N passed, N failed"
#   make bench      figures for the release binary
#   make fuzz       long libFuzzer run over the parser (FUZZ_SECONDS, default 600)
#   make run        the daemon on the simulated modem, in the foreground
#   make run-at     the daemon on libgammu's at driver and the AT modem emulator
#   make run-kannel the daemon behind the real Kannel, fakesmsc as the operator
#   make deb        the Debian package build/deb/talka_VERSION_ARCH.deb (debian/)
#   make test-deb   build, lint, install, upgrade, remove and purge it (as root)
#   make install    PREFIX=/usr/local, config in /etc/talka, data in /var/lib/talka
#   make check-layout  dependencies point down (docs/architecture.md)

.DEFAULT_GOAL := all
CC       ?= cc
PREFIX   ?= /usr/local
PKGS     := gammu sqlite3 libcurl libpcre2-8 libmicrohttpd jansson openssl libxcrypt inih
# Debian packages behind PKGS, plus the tools the tests and benchmarks use (gammu: the
# CLI, libgammu's own send ceiling in bench/at.sh). `make deps` installs them.
DEBS     := libgammu-dev libsqlite3-dev libcurl4-openssl-dev libpcre2-dev \
            libmicrohttpd-dev libjansson-dev libssl-dev libcrypt-dev libinih-dev pkg-config \
            pcre2-utils clang python3 sqlite3 curl gammu
# what only the tests need (`make test-deps`): a real browser for the dashboard
# scenarios, Kannel and kannel-extras' fakesmsc for the Kannel ones, Prometheus's
# parser for the metrics one
# what plain `make` checks is installed (debian/rules empties it: dpkg-buildpackage
# has checked debian/control's Build-Depends already)
CHECK_DEBS ?= $(DEBS)
# what `make deb` needs besides DEBS (`make deps` installs them too)
DEB_DEBS := debhelper dpkg-dev fakeroot pandoc lintian
TEST_DEBS := chromium chromium-driver python3-selenium kannel kannel-extras python3-prometheus-client

# build/deps.mk checks the Debian packages (never installing them: that is `make
# deps`) and records pkg-config's flags; make re-reads itself once it is written.
NODEPS_GOALS := clean deps test-deps print-debs print-fuzz-cflags
ifeq ($(if $(MAKECMDGOALS),$(filter-out $(NODEPS_GOALS),$(MAKECMDGOALS)),all),)
else
include build/deps.mk
endif
build/deps.mk: mk/deps.sh Makefile
	@mkdir -p build
	@sh mk/deps.sh check "$(PKGS)" $(CHECK_DEBS) > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

WARN     := -std=c11 -Wall -Wextra -Werror -Wshadow
DEFS     := -D_GNU_SOURCE -Ibuild/gen -I.
# EXTRA_CFLAGS, EXTRA_LDFLAGS: debian/rules passes dpkg-buildflags' hardening flags
CFLAGS_REL  := -O2 -g $(WARN) $(DEFS) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
CFLAGS_ASAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=undefined $(WARN) $(DEFS) $(PKG_CFLAGS)
LIBS     := $(PKG_LIBS) -lpthread -lm

LIB_SRC  := $(sort $(wildcard parsers/*.c db/*.c gateway/*/*.c))
LIB_SRC  := $(filter-out gateway/cli/main.c,$(LIB_SRC))
GEN_SRC  := build/gen/migrations.c build/gen/web_assets.c
# the version: debian/changelog's first line is the one place it is written
# (`make deb` packages it, `talka --version` prints it through build/gen/version.h)
TALKA_VERSION := $(shell head -n1 debian/changelog | cut -d' ' -f2 | tr -d '()')
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
MIGRATIONS := $(sort $(wildcard db/migrations/*.sql))
WEB_ASSETS := $(sort $(wildcard gateway/web/assets/*))

REL_OBJ  := $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(GEN_SRC))
ASAN_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(LIB_SRC) $(GEN_SRC))
TEST_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(TEST_SRC))

.PHONY: deb test-deb FORCE all test test-deps test-deps-check bench soak fuzz run run-at run-kannel install clean deps asan check-layout print-fuzz-cflags print-debs
all: build/talka

# the Debian packages to build and run talka (as root: installs them)
deps:
	@sh mk/deps.sh install $(DEBS) $(DEB_DEBS)

build/gen/migrations.c: $(MIGRATIONS) mk/embed-sql.sh
	@mkdir -p $(@D)
	sh mk/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

# rewritten only when the version changes (main.c alone depends on it)
build/gen/version.h: FORCE
	@mkdir -p $(@D)
	@echo '#define TALKA_VERSION "$(TALKA_VERSION)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
build/obj/gateway/cli/main.o build/asan/obj/gateway/cli/main.o: build/gen/version.h
FORCE:

build/gen/web_assets.c: $(WEB_ASSETS) mk/embed-files.sh
	@mkdir -p $(@D)
	sh mk/embed-files.sh $(WEB_ASSETS) > $@.tmp && mv $@.tmp $@

# quiet by default; make V=1 shows the commands
Q := $(if $(V),,@)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_REL) -MMD -MP -c $< -o $@

build/asan/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC asan $<")
	$(Q)$(CC) $(CFLAGS_ASAN) -MMD -MP -c $< -o $@

build/talka: build/obj/gateway/cli/main.o $(REL_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS_REL) $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

build/asan/talka: build/asan/obj/gateway/cli/main.o $(ASAN_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LIBS)

build/asan/unit-tests: $(TEST_OBJ) $(ASAN_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LIBS)

# The parser fuzzer needs clang's libFuzzer; it links only parsers/ (and base's
# language codes, gateway/base/lang.c, which the parser's JSON names). Every
# sanitizer report stops the run with a non-zero exit (a recovered UBSan report
# would let `make fuzz` exit 0).
FUZZ_SRC := $(sort $(wildcard parsers/*.c)) gateway/base/lang.c tests/fuzz/fuzz_parse.c
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
               -std=c11 -D_GNU_SOURCE -I.
build/fuzz/fuzz-parse: $(FUZZ_SRC) $(wildcard parsers/*.h) Makefile
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) $(PKG_CFLAGS) -o $@ $(FUZZ_SRC) $(PKG_LIBS) -lm

# what tests/meta/fuzz_flags.sh checks: the fuzz build's flags, the package list
print-fuzz-cflags:
	@echo $(FUZZ_CFLAGS)
print-debs:
	@echo $(DEBS)

asan: build/asan/talka build/asan/unit-tests

# the browser and Kannel for the tests: `make test-deps` installs them, `make test`
# only checks (mk/test-deps.sh) and says what to run
test-deps: deps
	@sh mk/deps.sh install --no-recommends $(TEST_DEBS)

test-deps-check:
	@sh mk/test-deps.sh $(TEST_DEBS)

test: test-deps-check build/asan/talka build/asan/unit-tests build/fuzz/fuzz-parse build/talka
	@sh tests/run.sh

# the layering rules (mk/check-layout.py); tests/scenario/layout.sh runs it in make test
check-layout: build/talka
	@python3 mk/check-layout.py build/obj

# bench/kannel.sh's trivial HTTP echo service (Kannel's own ceiling with HTTP in it)
build/bench/echo-service: bench/echo_service.c bench/bench_http.c bench/bench_http.h Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_REL) -o $@ bench/echo_service.c bench/bench_http.c $(LIBS)

# bench/kannel.sh's anchor: get-url answered, the reply through sendsms with a
# dlr-url, the report taken (talka's target is a share of its round trips); its
# sendsms requests built and judged by talka's own kannel_sendsms.c
ANCHOR_OBJ := $(patsubst %.c,build/obj/%.o,gateway/kannel/kannel_sendsms.c \
              gateway/base/sms_text.c gateway/base/log.c)
build/bench/anchor-service: bench/anchor_service.c bench/bench_http.c bench/bench_http.h \
                            $(ANCHOR_OBJ) Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_REL) -o $@ bench/anchor_service.c bench/bench_http.c $(ANCHOR_OBJ) $(LIBS)

bench: build/talka build/bench/echo-service build/bench/anchor-service
	@sh bench/run.sh

# a compressed day (bench/soak.sh, docs/soak.md): not part of `make test` or `make bench`
soak: build/talka
	@sh bench/soak.sh

fuzz: build/fuzz/fuzz-parse
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz-parse -max_total_time=$${FUZZ_SECONDS:-600} -max_len=2048 \
	    -dict=tests/fuzz/parse.dict build/fuzz/corpus tests/fuzz/seeds

run: build/talka
	@sh mk/run-dev.sh

run-at: build/talka
	@sh mk/run-at.sh

# installs Debian's kannel and kannel-extras when missing (mk/kannel-deps.sh)
run-kannel: build/talka
	@sh mk/run-kannel.sh

install: build/talka
	sh mk/install.sh "$(DESTDIR)" "$(PREFIX)"

# the Debian package ../talka_VERSION_ARCH.deb is copied to build/deb/ (debian/,
# dpkg-buildpackage; `make deps` installs what it needs: mk/deb-deps)
deb:
	@sh mk/deb.sh

# builds the package (twice: an upgrade), lints it, installs, upgrades, removes and
# purges it on this machine (as root; not part of `make test`)
test-deb:
	@sh tests/deb/test-deb.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
