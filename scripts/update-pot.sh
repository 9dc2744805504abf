#!/usr/bin/env bash
# Extracts every string marked _("...") or N_("...") in app/ into assets/po/awaitscope.pot, then
# merges it into each translation (assets/po/LANG.po; new strings arrive untranslated, and
# i18n_test fails until they are translated). Needs xgettext and msgmerge (Debian's gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
find app -name '*.cpp' | LC_ALL=C sort > /tmp/awaitscope-pot-files.txt
xgettext --language=C++ --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS: \
         --package-name=awaitscope --msgid-bugs-address=awaitscope@localhost --no-location --sort-output \
         --files-from=/tmp/awaitscope-pot-files.txt -o assets/po/awaitscope.pot
rm -f /tmp/awaitscope-pot-files.txt
# The creation date changes on every run: keep the file stable when nothing else did.
sed -i '/^"POT-Creation-Date:/d' assets/po/awaitscope.pot
for po in assets/po/*.po; do
  [[ -f "$po" ]] || continue
  msgmerge --quiet --update --backup=none --no-location --sort-output "$po" assets/po/awaitscope.pot
done
