// The public entry points of scenario loading (awaitscope/scenario.h): a file or a text, a bare
// `.rs` script, a folder's list; and the ids of a folder's scenarios, which `next` names.
#include "awaitscope/scenario.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "awaitscope/file_io.h"
#include "scenario/loader.h"

namespace aws {
namespace scenario_load {
namespace {

namespace fs = std::filesystem;

// The id a scenario file declares: its `id` key, else its stem; "" when it cannot be read.
std::string DeclaredId(const fs::path& p) {
  FileRead f = ReadWholeFile(p.string());
  if (!f.ok) return "";
  try {
    toml::table t = toml::parse(f.text, p.string());
    if (std::optional<std::string> id = t["id"].value<std::string>()) return *id;
  } catch (const toml::parse_error&) {
    return "";
  }
  return p.stem().string();
}

}  // namespace

FileRead ReadWholeFile(const std::string& path) { return ReadInputFile(path, kMaxScriptBytes); }

bool ScenarioIdInFolder(const std::filesystem::path& dir, const std::string& id) {
  const fs::path folder = dir.empty() ? fs::path(".") : dir;
  const fs::path direct = folder / (id + ".toml");
  std::error_code ec;
  if (fs::is_regular_file(direct, ec) && DeclaredId(direct) == id) return true;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->path().extension() == ".toml" && it->path().filename() != direct.filename() &&
        it->is_regular_file(ec2) && DeclaredId(it->path()) == id)
      return true;
  }
  return false;
}

}  // namespace scenario_load

namespace {

using namespace scenario_load;
namespace fs = std::filesystem;

bool IsRustPath(const std::string& path) { return fs::path(path).extension() == ".rs"; }

Scenario RustScenario(const std::string& path, const std::string& text) {
  Scenario s;
  s.path = path;
  s.id = fs::path(path).stem().string();
  s.title = fs::path(path).filename().string();
  s.spawn = {"main()"};
  s.script_only = true;
  s.files = DefaultFiles();
  s.script = SourceFile(path, text, 0, 0);
  return s;
}

std::optional<Scenario> LoadText(const std::string& path, const std::string& text,
                                 Diagnostics& diags) {
  if (IsBlank(text)) {
    diags.ReportAt(Severity::Error, path, 1, 1, "file is empty");
    return std::nullopt;
  }
  if (IsRustPath(path)) return RustScenario(path, text);
  return Loader(path, text, diags).Run();
}

}  // namespace

const std::vector<std::string_view>& ScenarioLanguages() {
  static const std::vector<std::string_view> kLanguages = {"zh"};
  return kLanguages;
}

std::vector<FileSpec> DefaultFiles() {
  FileSpec foo;
  foo.name = "foo.txt";
  foo.contents = "Hello";
  foo.read_latency_ms = 30;
  FileSpec bar;
  bar.name = "bar.txt";
  bar.contents = " World";
  bar.read_latency_ms = 20;
  return {foo, bar};
}

std::optional<Scenario> LoadScenarioText(const std::string& path, const std::string& text,
                                         Diagnostics& diags) {
  try {
    return LoadText(path, text, diags);
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, path, 0, 0,
                   fmt::format("could not load the scenario: {}", e.what()));
  } catch (...) {
    diags.ReportAt(Severity::Error, path, 0, 0, "could not load the scenario");
  }
  return std::nullopt;
}

std::optional<Scenario> LoadScenario(const std::string& path, Diagnostics& diags) {
  try {
    FileRead f = ReadWholeFile(path);
    if (!f.ok) {
      diags.ReportAt(Severity::Error, path, 0, 0,
                     f.not_found ? std::string("file not found")
                                 : fmt::format("cannot read file: {}", f.reason));
      return std::nullopt;
    }
    return LoadText(path, f.text, diags);
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, path, 0, 0,
                   fmt::format("could not load the scenario: {}", e.what()));
  } catch (...) {
    diags.ReportAt(Severity::Error, path, 0, 0, "could not load the scenario");
  }
  return std::nullopt;
}

std::vector<ScenarioInfo> ListScenarios(const std::string& dir, Diagnostics& diags) {
  std::vector<ScenarioInfo> out;
  try {
    std::error_code ec;
    std::vector<std::string> paths;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (it->path().extension() == ".toml" && it->is_regular_file(ec2))
        paths.push_back((fs::path(dir) / it->path().filename()).string());
    }
    if (ec) {
      diags.ReportAt(Severity::Error, dir, 0, 0,
                     fmt::format("cannot list scenarios: {}", ec.message()));
      return out;
    }
    std::sort(paths.begin(), paths.end());
    std::map<std::string, std::string> seen;  // id -> path
    for (const std::string& p : paths) {
      std::optional<Scenario> s = LoadScenario(p, diags);
      if (!s) continue;
      auto [it, fresh] = seen.emplace(s->id, p);
      if (!fresh) {
        diags.ReportAt(Severity::Error, p, 0, 0,
                       fmt::format("scenario id `{}` is already used by {}; this file is skipped",
                                   s->id, it->second));
        continue;
      }
      out.push_back({s->id, s->title, s->source, p, s->next});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ScenarioInfo& a, const ScenarioInfo& b) { return a.id < b.id; });
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, dir, 0, 0, fmt::format("cannot list scenarios: {}", e.what()));
  }
  return out;
}

}  // namespace aws
