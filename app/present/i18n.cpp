// gettext through glibc: the catalog is chosen by $LANGUAGE, which glibc honours whenever the
// LC_MESSAGES locale is not plain "C". LC_MESSAGES is set to C.UTF-8 (built into glibc, always
// there; it changes nothing but message lookup), so no Chinese locale needs to be installed.
#include "present/i18n.h"

#include <libintl.h>
#include <locale.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <filesystem>
#include <system_error>

#include "present/data_dirs.h"

extern "C" {
// glibc's catalog generation counter: incremented, it makes dgettext drop the translations it
// cached for the previous $LANGUAGE (the gettext manual's "Being a gettext grok").
extern int _nl_msg_cat_cntr;
}

namespace aws::present {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDomain = "awaitscope";

Lang g_lang = Lang::En;
bool g_bound = false;
// $LANGUAGE as the user set it, before SetLanguage(Zh) overrode it (null: it was unset), so
// that the locale's choice stays readable afterwards.
bool g_overridden = false;
std::optional<std::string> g_user_language;

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool HasCatalog(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(fs::path(dir) / "zh" / "LC_MESSAGES" / "awaitscope.mo", ec);
}

}  // namespace

std::optional<Lang> ParseLang(std::string_view text) {
  auto is = [&](std::string_view code) {
    return text.starts_with(code) && (text.size() == code.size() || std::string_view("_-.@:").find(text[code.size()]) != std::string_view::npos);
  };
  if (is("zh")) return Lang::Zh;
  if (is("en")) return Lang::En;
  return std::nullopt;
}

std::string_view LangCode(Lang lang) { return lang == Lang::Zh ? "zh" : "en"; }

Lang LanguageFromEnvironment() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    // While Chinese is on, $LANGUAGE is ours ("zh"): the user's own value is the one saved.
    if (g_overridden && std::string_view(name) == "LANGUAGE" && v != nullptr && std::string_view(v) == "zh")
      v = g_user_language ? g_user_language->c_str() : nullptr;
    if (v == nullptr || *v == '\0') continue;
    return std::string_view(v).starts_with("zh") ? Lang::Zh : Lang::En;
  }
  return Lang::En;
}

std::string LocaleDir() {
  if (const char* env = std::getenv("AWAITSCOPE_LOCALE"); env != nullptr && *env != '\0') return env;
  const fs::path exe_dir = ExecutableDir();
  if (!exe_dir.empty()) {
    const std::string installed = (exe_dir.parent_path() / "share" / "awaitscope" / "locale").string();
    if (HasCatalog(installed)) return installed;
  }
  return BuildLocaleDir();
}

bool SetLanguage(Lang lang, std::string* why) {
  if (lang == Lang::En) {
    // The user's $LANGUAGE back (child processes and LanguageFromEnvironment see it again).
    if (g_overridden) {
      if (g_user_language) setenv("LANGUAGE", g_user_language->c_str(), 1);
      else unsetenv("LANGUAGE");
      g_overridden = false;
    }
    g_lang = Lang::En;
    return true;
  }
  const std::string dir = LocaleDir();
  if (!HasCatalog(dir)) {
    if (why != nullptr)
      *why = "no Chinese catalog (looked for " + (fs::path(dir) / "zh" / "LC_MESSAGES" / "awaitscope.mo").string() +
             "; it is compiled by msgfmt from the gettext package)";
    g_lang = Lang::En;
    return false;
  }
  if (!g_bound) {
    setlocale(LC_MESSAGES, "C.UTF-8");
    g_bound = true;
  }
  bindtextdomain(kDomain, dir.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  if (!g_overridden) {
    if (const char* user = std::getenv("LANGUAGE")) g_user_language = user;
    g_overridden = true;
  }
  setenv("LANGUAGE", "zh", 1);
  ++_nl_msg_cat_cntr;
  g_lang = Lang::Zh;
  return true;
}

Lang CurrentLanguage() { return g_lang; }

std::string CatalogText(Lang lang) {
  if (lang == Lang::En) return "";
  std::ifstream in(fs::path(LocaleDir()) / "zh" / "LC_MESSAGES" / "awaitscope.mo", std::ios::binary);
  const std::string mo((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): magic, revision, count N,
  // offset of the originals' table, offset of the translations' table; each table holds N
  // (length, offset) pairs. msgfmt writes the machine's byte order, read here as such.
  auto word = [&](size_t at, uint32_t* v) {
    if (at + 4 > mo.size()) return false;
    std::memcpy(v, mo.data() + at, 4);
    return true;
  };
  uint32_t magic = 0, count = 0, table = 0;
  if (!word(0, &magic) || magic != 0x950412DEu || !word(8, &count) || !word(16, &table)) return "";
  std::string text;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t len = 0, off = 0;
    if (!word(table + 8 * size_t{i}, &len) || !word(table + 8 * size_t{i} + 4, &off) || size_t{off} + len > mo.size())
      return "";
    text.append(mo, off, len);
  }
  return text;
}

const char* Tr(const char* msgid) {
  if (g_lang == Lang::En || msgid == nullptr || *msgid == '\0') return msgid;
  return dgettext(kDomain, msgid);
}

}  // namespace aws::present
