#include "present/gallery.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "awaitscope/scenario.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOtherGroup = "Other scenarios";
constexpr std::string_view kBrokenGroup = "Could not be read";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view filter) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < filter.size()) {
    while (i < filter.size() && std::isspace(static_cast<unsigned char>(filter[i]))) ++i;
    size_t start = i;
    while (i < filter.size() && !std::isspace(static_cast<unsigned char>(filter[i]))) ++i;
    if (i > start) words.push_back(Lower(filter.substr(start, i - start)));
  }
  return words;
}

bool MatchesWords(const GalleryEntry& e, const std::vector<std::string>& words) {
  if (words.empty()) return true;
  const std::string haystack = Lower(e.id) + '\n' + Lower(e.title) + '\n' + Lower(e.description);
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return haystack.find(w) != std::string::npos; });
}

}  // namespace

std::string GalleryKey(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::path(path).lexically_normal().string() : p.string();
}

Gallery ScanGallery(const std::string& dir, std::string_view lang) {
  Gallery g;
  g.dir = dir;
  g.lang = lang;
  std::vector<std::string> paths;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->path().extension() == ".toml" && it->is_regular_file(ec2))
      paths.push_back((fs::path(dir) / it->path().filename()).string());
  }
  for (const std::string& p : paths) {
    GalleryEntry e;
    e.path = p;
    e.key = GalleryKey(p);
    Diagnostics diags;
    std::optional<Scenario> s = LoadScenario(p, diags);
    if (s && !diags.HasErrors()) {
      ScenarioTexts texts = TextsIn(*s, lang);
      e.id = s->id;
      e.title = std::move(texts.title);
      e.source = s->source;
      e.document = std::move(texts.document);
      e.section = std::move(texts.section);
      e.description = std::move(texts.description);
      e.errata = std::move(texts.errata);
      e.next = s->next;
    } else {
      e.id = fs::path(p).stem().string();
      e.title = fs::path(p).filename().string();
      std::string headlines = diags.Headlines();
      e.error = headlines.substr(0, headlines.find('\n'));
      if (e.error.empty()) e.error = p + ": error: the scenario could not be loaded";
    }
    g.entries.push_back(std::move(e));
  }
  OrderCourse(g.entries);
  return g;
}

void OrderCourse(std::vector<GalleryEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const GalleryEntry& a, const GalleryEntry& b) { return a.id < b.id; });
  std::map<std::string, size_t> by_id;
  std::set<std::string> named;  // ids some entry names as its `next`
  for (size_t i = 0; i < entries.size(); ++i) {
    entries[i].course = -1;
    if (!entries[i].error.empty()) continue;
    by_id.emplace(entries[i].id, i);
    if (!entries[i].next.empty()) named.insert(entries[i].next);
  }
  int pos = 0;
  auto follow = [&](size_t i) {
    for (;;) {
      entries[i].course = pos++;
      auto it = by_id.find(entries[i].next);
      if (it == by_id.end() || entries[it->second].course >= 0) return;
      i = it->second;
    }
  };
  // Heads first (no one points at them), then whatever a cycle left over.
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].error.empty() && !named.count(entries[i].id) && !entries[i].next.empty()) follow(i);
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].error.empty() && entries[i].course < 0 && named.count(entries[i].id)) follow(i);
  std::stable_sort(entries.begin(), entries.end(), [](const GalleryEntry& a, const GalleryEntry& b) {
    if ((a.course < 0) != (b.course < 0)) return a.course >= 0;
    return a.course < b.course;  // equal (-1) for the rest: they keep their id order
  });
}

const GalleryEntry* FindGalleryEntry(const Gallery& gallery, std::string_view id) {
  for (const GalleryEntry& e : gallery.entries)
    if (e.id == id) return &e;
  return nullptr;
}

bool GalleryMatches(const GalleryEntry& entry, std::string_view filter) {
  return MatchesWords(entry, Words(filter));
}

std::vector<GalleryGroup> GroupGallery(const Gallery& gallery, std::string_view filter) {
  const std::vector<std::string> words = Words(filter);
  std::map<std::string, GalleryGroup> by_document;
  GalleryGroup other{std::string(kOtherGroup), {}};
  GalleryGroup broken{std::string(kBrokenGroup), {}};
  for (const GalleryEntry& e : gallery.entries) {
    if (!MatchesWords(e, words)) continue;
    if (!e.error.empty()) {
      broken.entries.push_back(&e);
    } else if (e.document.empty()) {
      other.entries.push_back(&e);
    } else {
      GalleryGroup& g = by_document[e.document];
      g.document = e.document;
      g.entries.push_back(&e);
    }
  }
  // Entries arrive in course order, so a group's first entry is its place in the course.
  std::vector<GalleryGroup> groups;
  for (auto& [name, g] : by_document) groups.push_back(std::move(g));
  std::stable_sort(groups.begin(), groups.end(), [&](const GalleryGroup& a, const GalleryGroup& b) {
    return a.entries.front() < b.entries.front();
  });
  if (!other.entries.empty()) groups.push_back(std::move(other));
  if (!broken.entries.empty()) groups.push_back(std::move(broken));
  return groups;
}

const GalleryEntry* GallerySelection(const std::vector<GalleryGroup>& groups, std::string_view selected_key,
                                     std::string_view loaded_key) {
  const GalleryEntry* loaded = nullptr;
  const GalleryEntry* first = nullptr;
  for (const GalleryGroup& g : groups) {
    for (const GalleryEntry* e : g.entries) {
      if (!selected_key.empty() && e->key == selected_key) return e;
      if (!loaded_key.empty() && e->key == loaded_key) loaded = e;
      if (first == nullptr) first = e;
    }
  }
  return loaded != nullptr ? loaded : first;
}

std::string MoveGallerySelection(const std::vector<GalleryGroup>& groups, std::string_view selected_key,
                                 std::string_view loaded_key, int delta) {
  std::vector<const GalleryEntry*> shown;
  for (const GalleryGroup& g : groups) shown.insert(shown.end(), g.entries.begin(), g.entries.end());
  const GalleryEntry* at = GallerySelection(groups, selected_key, loaded_key);
  if (at == nullptr) return "";
  const auto i = static_cast<int64_t>(std::find(shown.begin(), shown.end(), at) - shown.begin());
  const int64_t to = std::clamp<int64_t>(i + delta, 0, static_cast<int64_t>(shown.size()) - 1);
  return shown[static_cast<size_t>(to)]->key;
}

void RecordLoad(GalleryState& g, const std::string& path, bool ok, const Diagnostics& diags) {
  if (ok) {
    g.load_error.clear();
    g.failed_path.clear();
    return;
  }
  g.failed_path = path;
  g.load_error = diags.Headlines();
  while (!g.load_error.empty() && g.load_error.back() == '\n') g.load_error.pop_back();
  if (g.load_error.empty()) g.load_error = path + ": error: the scenario could not be loaded";
}

}  // namespace aws::present
