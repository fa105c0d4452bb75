# fuyuan - Makefile. `make help` lists the targets.
# SPDX-License-Identifier: MIT

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
LOCALEDIR ?= $(PREFIX)/share/locale
DATADIR  ?= $(PREFIX)/share/fuyuan
MANDIR   ?= $(PREFIX)/share/man
DOCDIR   ?= $(PREFIX)/share/doc/fuyuan
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions

CC       ?= cc
PKGS     := libpcre2-8 xlsxwriter cairo pangocairo pangoft2 fontconfig glib-2.0 zlib \
            inih libcrypto icu-uc icu-i18n jansson
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DFY_LOCALEDIR='"$(LOCALEDIR)"' \
            -DFY_DATADIR='"$(DATADIR)"' -DFY_BINDIR='"$(BINDIR)"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -MMD -MP
# Warnings are errors for developers and CI only (as git's DEVELOPER=1):
# a user's newer compiler may warn where ours does not, and a release
# must still build for them.
ifeq ($(DEVELOPER),1)
CFLAGS   += -Werror
endif
LDLIBS   += -lcsv -lm -lpthread

# pkg-config is asked only when it is there, so `make deps` works first.
ifneq ($(shell command -v pkg-config 2>/dev/null),)
CFLAGS   += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null)
endif

# FUZZ=1: the library built by clang for libFuzzer (`make fuzz`), with
# ASan and UBSan, in its own folder.
ifeq ($(FUZZ),1)
CC       := clang
BUILD    := build/fuzz
CFLAGS   += -fsanitize=fuzzer-no-link,address,undefined \
            -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
else ifeq ($(SANITIZE),1)
BUILD    := build/sanitize
CFLAGS   += -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
else
BUILD    := build/release
endif

Q := @
ifeq ($(V),1)
Q :=
endif

# The install paths compiled into the program: a stamp holding them
# changes when they do, and the objects that use them depend on it, so a
# new PREFIX (LOCALEDIR, DATADIR) rebuilds what it affects.
CONFIG_STAMP := $(BUILD)/config-stamp
CONFIG_VALUES := LOCALEDIR=$(LOCALEDIR) DATADIR=$(DATADIR) BINDIR=$(BINDIR)
CONFIG_USERS := src/cli/cli_main.c src/cli/cli_report.c

PROG     := fuyuan
STAGES   := core norm ingest stats report cli
LIB_SRC  := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c src/$(s)/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz targets (fuzz/fuzz_NAME.c, docs/reliability.md "Fuzzing"): built
# for libFuzzer by `make fuzz`, and as replay programs (fuzz/replay.c)
# that `make check` runs on every committed corpus and regression input.
FUZZ_TARGETS ?= csv caseno values rules courts profile
FUZZ_SECONDS ?= 60
FUZZ_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
PO       := $(wildcard po/*.po)
MO       := $(PO:po/%.po=locale/%/LC_MESSAGES/fuyuan.mo)
SAMPLE   := fixtures/sample

.PHONY: all deps check check-unit fuzz fuzz-build report install uninstall clean \
        valgrind bench help hdrcheck sample pot deb deb-package FORCE

all: $(PROG) $(MO)

# The binary at the root is the one of the last build kind made.
$(PROG): $(BUILD)/$(PROG) FORCE
	$(Q)cmp -s $< $@ || { cp $< $@.tmp && mv -f $@.tmp $@; }

$(BUILD)/$(PROG): $(MAIN_OBJ) $(BUILD)/libfuyuan.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libfuyuan.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfuyuan.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(BUILD)/libfuyuan.a \
	    $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h \
                       $(BUILD)/libfuyuan.a
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -DFUZZ_TARGET='"$*"' -o $@ \
	    fuzz/fuzz_$*.c fuzz/replay.c $(BUILD)/libfuyuan.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libfuyuan.a
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Isrc \
	    -DFUZZ_TARGET='"$*"' -o $@ $< $(BUILD)/libfuyuan.a $(LDFLAGS) \
	    $(LDLIBS)

$(CONFIG_STAMP): FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' '$(CONFIG_VALUES)' | cmp -s - $@ \
	    || printf '%s\n' '$(CONFIG_VALUES)' > $@

$(CONFIG_USERS:%.c=$(BUILD)/%.o): $(CONFIG_STAMP)

locale/%/LC_MESSAGES/fuyuan.mo: po/%.po
	@mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

# Every Debian package that building, testing and reporting need.
DEB_PKGS := build-essential pkg-config libcsv-dev libpcre2-dev \
            libxlsxwriter-dev libcairo2-dev libpango1.0-dev \
            libfontconfig-dev libcmocka-dev gettext locales \
            fonts-noto-cjk fonts-arphic-ukai python3 python3-openpyxl python3-pypdf2 sqlite3 \
            poppler-utils pandoc \
            valgrind libreoffice-calc-nogui libreoffice-writer-nogui \
            zlib1g-dev time libinih-dev libssl-dev libjansson-dev \
            libicu-dev python3-icu groff-base man-db \
            clang libclang-rt-dev
deps:
	$(Q)tools/deps.sh $(DEB_PKGS)

check: all $(UNIT_BIN) $(REPLAY_BIN)
	$(Q)FY_SANITIZE=$(SANITIZE) tools/run-tests.sh $(BUILD) $(UNIT_BIN) \
	    $(REPLAY_BIN)

# Each fuzz target for FUZZ_SECONDS with libFuzzer (clang), from its
# corpus fuzz/corpus/NAME with the dictionary fuzz/dict/NAME.dict; what
# it finds is left in build/fuzz/found/NAME/ (tools/fuzz.sh).
# FUZZ_TARGETS="csv caseno" runs only those.
FUZZ_DEB_PKGS := clang libclang-rt-dev
fuzz:
	$(Q)tools/deps.sh $(FUZZ_DEB_PKGS)
	$(Q)$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	$(Q)tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

check-unit: all $(UNIT_BIN)
	$(Q)FY_SANITIZE=$(SANITIZE) tools/run-tests.sh --unit-only $(BUILD) \
	    $(UNIT_BIN)

# The sample annual report: reports/2023/ (workbook, white paper as PDF,
# .docx and text, charts, rejects, manifest), with the settings of
# profiles/ordos.ini (data: fixtures/sample, output: reports/).
REPORT_YEAR ?= 2023
PROFILE  ?= profiles/ordos.ini
report: deps
	$(Q)$(MAKE) --no-print-directory all
	./$(PROG) annual --year $(REPORT_YEAR) --profile $(PROFILE)

# valgrind cannot follow PCRE2's JIT code: FY_PCRE2_JIT=0 turns it off.
# The end-to-end runs on the sample, each under memcheck: any error, or a
# definite or indirect leak not in tests/valgrind.supp (the libraries'
# own, named there), fails with status 9. CI runs it after make check.
VALGRIND := FY_PCRE2_JIT=0 SOURCE_DATE_EPOCH=1700000000 valgrind -q \
            --suppressions=tests/valgrind.supp --error-exitcode=9 \
            --leak-check=full --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect
valgrind: all
	$(Q)$(VALGRIND) ./$(PROG) validate --quiet $(SAMPLE)
	$(Q)$(VALGRIND) ./$(PROG) annual --year 2023 --quiet \
	    -o build/valgrind-report $(SAMPLE)
	$(Q)$(VALGRIND) ./$(PROG) quarterly --quarter 2023Q3 --quiet \
	    -o build/valgrind-quarterly $(SAMPLE)
	$(Q)$(VALGRIND) ./$(PROG) query --metric fi_closed,loss_rate \
	    --by district --year 2023 --compare yoy $(SAMPLE) > /dev/null
	$(Q)$(VALGRIND) ./$(PROG) query --metric fi_closed --by district \
	    --year 2023 --format xlsx -o build/valgrind-query.xlsx $(SAMPLE)
	$(Q)echo "valgrind: no errors, no leaks"

# Speed against DuckDB and pandas on generated data sets (not a test:
# numbers to read, docs/performance.md). Installs what it needs: the Debian
# packages below, and DuckDB from npm into .bench/ (ignored by git), where
# the data sets are kept between runs.
BENCH_CASES ?= 625000
BENCH_RUNS ?= 3
BENCH_DEB_PKGS := hyperfine python3-pandas time
bench: all
	$(Q)tools/deps.sh $(BENCH_DEB_PKGS)
	$(Q)BENCH_CASES=$(BENCH_CASES) BENCH_RUNS=$(BENCH_RUNS) tools/bench.sh

sample:
	/usr/bin/python3 tools/gen_data.py --out $(SAMPLE)

# The message template; tests/e2e/i18n.sh makes a scratch one (POT=...).
POT ?= po/fuyuan.pot
pot:
	xgettext --from-code=UTF-8 --language=C -k_ -kN_ -kngettext:1,2 \
	    --add-comments=TRANSLATORS: --package-name=fuyuan --sort-by-file \
	    -o $(POT) $(sort $(LIB_SRC) $(wildcard src/*/*.h src/*/*/*.h)) src/main.c

hdrcheck:
	$(Q)for h in include/fuyuan/*.h; do \
	    echo "#include \"$${h#include/}\"" | \
	    $(CC) $(CPPFLAGS) $(CFLAGS) -x c -fsyntax-only - || exit 1; done

# INSTALL_PROG: the binary installed (`make deb` installs one built for
# PREFIX=/usr in its own build folder, leaving ./fuyuan alone).
INSTALL_PROG ?= $(PROG)
install: $(INSTALL_PROG) $(MO)
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(INSTALL_PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR) \
	    $(DESTDIR)$(DOCDIR)
	sed -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@LOCALEDIR@|$(LOCALEDIR)|g' \
	    man/fuyuan.1 > $(DESTDIR)$(MANDIR)/man1/fuyuan.1.tmp
	chmod 644 $(DESTDIR)$(MANDIR)/man1/fuyuan.1.tmp
	mv -f $(DESTDIR)$(MANDIR)/man1/fuyuan.1.tmp $(DESTDIR)$(MANDIR)/man1/fuyuan.1
	install -m 644 completion/fuyuan.bash $(DESTDIR)$(COMPLETIONDIR)/fuyuan
	install -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	for mo in $(MO); do \
	    lang=$${mo#locale/}; lang=$${lang%%/*}; \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	    install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/; \
	done
	install -d $(DESTDIR)$(DATADIR)/data
	install -m 644 data/suggestions.csv data/reference.docx \
	    data/reference-notice.docx $(DESTDIR)$(DATADIR)/data/
	install -d $(DESTDIR)$(DATADIR)/sample $(DESTDIR)$(DATADIR)/fonts \
	    $(DESTDIR)$(DATADIR)/profiles
	# installed, data is the installed sample and output the default
	# (reports/ in the current folder): DATADIR is not for writing
	for f in profiles/*.ini; do \
	    sed -e 's|^data = \.\./fixtures/sample |data = ../sample          |' \
	        -e 's|^output = \.\./reports |output =           |' $$f \
	        > $(DESTDIR)$(DATADIR)/$$f.tmp && \
	    chmod 644 $(DESTDIR)$(DATADIR)/$$f.tmp && \
	    mv -f $(DESTDIR)$(DATADIR)/$$f.tmp $(DESTDIR)$(DATADIR)/$$f || exit 1; \
	done
	install -m 644 $(SAMPLE)/*.csv $(DESTDIR)$(DATADIR)/sample/
	install -m 644 fonts/fonts.conf fonts/LICENSE-NotoSansCJK.txt \
	    $(DESTDIR)$(DATADIR)/fonts/

# The Debian package (docs/debian.md): a program built for PREFIX=/usr
# with Debian's hardening flags in its own folder (./fuyuan is left as it
# is), installed into $(DEB_WORK)/debian/fuyuan, made into
# $(DEB_WORK)/fuyuan_<version>_<arch>.deb by tools/make-deb.sh. `deb`
# installs lintian and checks the package with it; `deb-package` only
# builds it (tests/e2e/deb.sh).
VERSION    := $(shell sed -n 's/^\#define FY_VERSION "\(.*\)"/\1/p' include/fuyuan/cli.h)
DEB_WORK   ?= build/deb
DEB_MAINTAINER ?= fuyuan maintainers <fuyuan@example.org>
deb:
	$(Q)tools/deps.sh lintian
	$(Q)$(MAKE) --no-print-directory deb-package
	lintian --fail-on error,warning --info --pedantic \
	    $(DEB_WORK)/fuyuan_$(VERSION)_*.deb

deb-package:
	$(Q)rm -rf $(DEB_WORK)/debian $(DEB_WORK)/fuyuan_*.deb
	$(Q)eval "$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)" && \
	    $(MAKE) --no-print-directory SANITIZE= BUILD=$(DEB_WORK)/obj \
	    PREFIX=/usr BINDIR=/usr/bin LOCALEDIR=/usr/share/locale \
	    DATADIR=/usr/share/fuyuan MANDIR=/usr/share/man \
	    COMPLETIONDIR=/usr/share/bash-completion/completions \
	    DOCDIR=/usr/share/doc/fuyuan \
	    DESTDIR=$(abspath $(DEB_WORK))/debian/fuyuan \
	    INSTALL_PROG=$(DEB_WORK)/obj/$(PROG) install >/dev/null
	$(Q)tools/make-deb.sh $(DEB_WORK) $(VERSION) '$(DEB_MAINTAINER)'

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(PROG)
	rm -f $(DESTDIR)$(MANDIR)/man1/fuyuan.1 $(DESTDIR)$(COMPLETIONDIR)/fuyuan
	rm -rf $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/fuyuan.mo
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build $(PROG) locale

help:
	@echo "make            build ./fuyuan"
	@echo "make deps       install the Debian packages (apt-get)"
	@echo "make report     deps + build + the sample annual report in reports/2023/"
	@echo "make check      every test; SANITIZE=1 for ASan+UBSan, DEVELOPER=1 for -Werror"
	@echo "make check-unit only the cmocka unit tests"
	@echo "make fuzz       each fuzz target for FUZZ_SECONDS (60) with libFuzzer (clang)"
	@echo "make valgrind   validate, annual, quarterly, query on the sample under valgrind"
	@echo "make bench      fuyuan against DuckDB and pandas on generated data"
	@echo "make uninstall  remove what make install put in place"
	@echo "make pot        update po/fuyuan.pot from the sources"
	@echo "make clean      remove build/, ./fuyuan and locale/"
	@echo "make install    PREFIX=/usr/local DESTDIR= (program, man page, completion, data, docs)"
	@echo "make deb        the Debian package in build/deb/, checked with lintian"
	@echo "make sample     regenerate fixtures/sample"
	@echo "make hdrcheck   compile each public header alone"

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
