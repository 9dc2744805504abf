// The languages of the window and the narration: English (the msgids themselves) and Simplified
// Chinese, from the GNU gettext catalog assets/po/zh.po compiled by msgfmt at build time into
// LOCALE_DIR/zh/LC_MESSAGES/awaitscope.mo and read through glibc's libintl (dgettext).
// Mark a UI string with _("...") where it is shown, or N_("...") in a table translated later;
// scripts/update-pot.sh extracts both into assets/po/awaitscope.pot.
#pragma once
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace aws::present {

enum class Lang { En, Zh };

// "en" / "zh" (also "zh_CN", "zh-CN", "zh_CN.UTF-8", "en_US" ...); nullopt for anything else.
std::optional<Lang> ParseLang(std::string_view text);
std::string_view LangCode(Lang lang);  // "en" | "zh"

// The language the environment asks for: the first of $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG
// that is set and not empty; Chinese when it starts with "zh", else English.
Lang LanguageFromEnvironment();

// The folder holding zh/LC_MESSAGES/awaitscope.mo: $AWAITSCOPE_LOCALE when set, else the installed
// PREFIX/share/awaitscope/locale beside the executable, else the build tree's.
std::string LocaleDir();

// Makes `lang` the language of every later Tr (process-wide, like the locale: call it from the
// thread that draws, between frames). False (and English stays) when Chinese is asked for but its
// catalog is not found; `why` then says where it was looked for.
bool SetLanguage(Lang lang, std::string* why = nullptr);
Lang CurrentLanguage();

// Every translation of `lang`'s compiled catalog, concatenated (read from the .mo file itself), so
// the font atlas can hold a glyph for each character the UI may show; "" for English or when the
// catalog is missing or malformed.
std::string CatalogText(Lang lang);

// `msgid` in the current language (`msgid` itself in English or when the catalog lacks it).
const char* Tr(const char* msgid);

// fmt::format with the translation of `msgid` as its format string. A translation whose
// placeholders do not fit the arguments (i18n_test keeps that from being committed) falls back
// to the English format instead of throwing.
template <typename... Args>
std::string TrFormat(const char* msgid, const Args&... args) {
  try {
    return fmt::format(fmt::runtime(Tr(msgid)), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(msgid), args...);
  }
}

}  // namespace aws::present

#define _(msgid) ::aws::present::Tr(msgid)
#define N_(msgid) msgid
