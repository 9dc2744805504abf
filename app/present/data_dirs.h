// Where the app finds what it loads at run time: the shipped scenarios and the assets folder.
// An installed binary finds them relative to itself (PREFIX/bin/awaitscope ->
// PREFIX/share/awaitscope/{scenarios,assets}); a binary in the build tree finds the source tree's.
#pragma once
#include <string>

namespace aws::present {

// The scenarios folder: $AWAITSCOPE_SCENARIOS when set, else the installed one beside the
// executable, else the source tree's, else "scenarios" in the working directory.
std::string ScenariosDir();

// The assets folder (icon, desktop entry, data files), found the same way ($AWAITSCOPE_ASSETS
// overrides); "" when there is none.
std::string AssetsDir();

// The build tree's compiled translation catalogs (BUILD/locale, written by msgfmt; i18n.h).
std::string BuildLocaleDir();

}  // namespace aws::present
