// The scenario gallery's model (no window): scanning the shipped folder, grouping by document,
// searching, and loading from it through the App's commands (a broken file keeps the current
// scenario and shows its error). Expected listings are worked out from the files on disk, so a
// new scenario needs no change here.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "awaitscope/scenario.h"
#include "gui/app.h"
#include "present/gallery.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

// A gallery listing as headings with the ids under each, in order.
using Listing = std::vector<std::pair<std::string, std::vector<std::string>>>;

Listing ListingOf(const std::vector<GalleryGroup>& groups) {
  Listing out;
  for (const GalleryGroup& g : groups) {
    out.emplace_back(g.document, std::vector<std::string>{});
    for (const GalleryEntry* e : g.entries) out.back().second.push_back(e->id);
  }
  return out;
}

std::vector<std::pair<std::string, size_t>> Headings(const std::vector<GalleryGroup>& groups) {
  std::vector<std::pair<std::string, size_t>> out;
  for (const GalleryGroup& g : groups) out.emplace_back(g.document, g.entries.size());
  return out;
}

std::vector<std::string> Ids(const std::vector<GalleryGroup>& groups) {
  std::vector<std::string> out;
  for (const GalleryGroup& g : groups)
    for (const GalleryEntry* e : g.entries) out.push_back(e->id);
  return out;
}

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// [SECTION] The oracle: what the gallery should show, worked out from the files on disk without
// gallery.cpp (each file read by the engine's scenario loader, then grouped and searched here).
struct Shipped {
  std::string path, id, document, text;  // text: id, title and description, lowercased
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<Shipped> ReadShipped() {
  std::vector<Shipped> out;
  for (const fs::directory_entry& f : fs::directory_iterator(kScenarios)) {
    if (f.path().extension() != ".toml") continue;
    Diagnostics diags;
    std::optional<Scenario> s = LoadScenario(f.path().string(), diags);
    if (!s || diags.HasErrors()) {
      ADD_FAILURE() << "shipped scenario does not load: " << diags.Headlines();
      continue;
    }
    out.push_back({f.path().string(), s->id, s->document, Lower(s->id + "\n" + s->title + "\n" + s->description)});
  }
  return out;
}

// Documents in name order, then the scenarios naming none; ids in order inside each; a scenario
// is kept when every whitespace-separated word of `filter` occurs in its text, ignoring case.
Listing Expected(const std::vector<Shipped>& shipped, const std::string& filter) {
  std::vector<std::string> words;
  std::istringstream in(Lower(filter));
  for (std::string w; in >> w;) words.push_back(w);
  std::map<std::string, std::vector<std::string>> by_document;
  std::vector<std::string> other;
  for (const Shipped& s : shipped) {
    bool all = true;
    for (const std::string& w : words) all = all && s.text.find(w) != std::string::npos;
    if (all) (s.document.empty() ? other : by_document[s.document]).push_back(s.id);
  }
  Listing out(by_document.begin(), by_document.end());
  if (!other.empty()) out.emplace_back("Other scenarios", other);
  for (auto& [heading, ids] : out) std::sort(ids.begin(), ids.end());
  return out;
}

// A folder of its own for files that must not sit among the shipped scenarios.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("awaitscope_gallery_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

TEST(Gallery, ShippedScenariosGroupedByDocument) {
  const std::vector<Shipped> shipped = ReadShipped();
  ASSERT_FALSE(shipped.empty());
  Gallery g = ScanGallery(kScenarios);
  ASSERT_EQ(g.entries.size(), shipped.size());
  for (const GalleryEntry& e : g.entries) {
    EXPECT_EQ(e.error, "") << e.path;
    EXPECT_FALSE(e.title.empty()) << e.path;
    EXPECT_FALSE(e.description.empty()) << e.path;
  }
  EXPECT_TRUE(std::is_sorted(g.entries.begin(), g.entries.end(),
                             [](const GalleryEntry& a, const GalleryEntry& b) { return a.id < b.id; }));

  std::vector<GalleryGroup> groups = GroupGallery(g, "");
  // Every file on disk exactly once across the groups.
  std::vector<std::string> listed, on_disk;
  for (const GalleryGroup& group : groups)
    for (const GalleryEntry* e : group.entries) listed.push_back(GalleryKey(e->path));
  for (const Shipped& s : shipped) on_disk.push_back(GalleryKey(s.path));
  std::sort(listed.begin(), listed.end());
  std::sort(on_disk.begin(), on_disk.end());
  EXPECT_EQ(listed, on_disk);
  // Grouped by document, groups by name, ids in order inside each.
  EXPECT_EQ(ListingOf(groups), Expected(shipped, ""));
  ASSERT_GE(groups.size(), 2u);
  for (size_t i = 1; i < groups.size(); ++i) EXPECT_LT(groups[i - 1].document, groups[i].document);

  // The loaded scenario is recognised however its path was spelled.
  const GalleryEntry* example = nullptr;
  for (const GalleryEntry& e : g.entries)
    if (e.id == "example") example = &e;
  ASSERT_NE(example, nullptr);
  EXPECT_EQ(GalleryKey(kScenarios + "/../scenarios/./example.toml"), example->key);
  EXPECT_EQ(example->document, "Async/Await (blog_os, post 12)");
}

TEST(Gallery, SearchMatchesEveryWordInIdTitleOrDescription) {
  const std::vector<Shipped> shipped = ReadShipped();
  Gallery g = ScanGallery(kScenarios);
  for (const char* filter : {"keyboard", "  INTERRUPT   halts ", "busy", "spurious", "Pin", "no-such-word", "Klabnik"})
    EXPECT_EQ(ListingOf(GroupGallery(g, filter)), Expected(shipped, filter)) << filter;

  // Checked by hand against today's files, so the oracle cannot share a mistake with the code:
  // "keyboard" is in the id of two and only in the description of sleep_if_idle_naive.
  const std::vector<std::string> keyboard = Ids(GroupGallery(g, "keyboard"));
  for (const char* id : {"keyboard_hi", "keyboard_spurious_wake", "sleep_if_idle_naive"})
    EXPECT_TRUE(Contains(keyboard, id)) << id;
  EXPECT_FALSE(Contains(keyboard, "example"));
  // Case and extra spaces do not matter; both words must match.
  EXPECT_EQ(Ids(GroupGallery(g, "  INTERRUPT   halts ")), Ids(GroupGallery(g, "interrupt halts")));
  const std::vector<std::string> halts = Ids(GroupGallery(g, "interrupt halts"));
  for (const char* id : {"keyboard_hi", "sleep_if_idle_fixed", "sleep_if_idle_naive"})
    EXPECT_TRUE(Contains(halts, id)) << id;
  EXPECT_LT(halts.size(), Ids(GroupGallery(g, "interrupt")).size());
  EXPECT_TRUE(GroupGallery(g, "no-such-word").empty());
  // The document name and section are not searched: a scenario of Klabnik's talk is left out.
  const std::vector<std::string> klabnik = Ids(GroupGallery(g, "Klabnik"));
  size_t left_out = 0;
  for (const GalleryEntry& e : g.entries)
    if (e.document.find("Klabnik") != std::string::npos && !Contains(klabnik, e.id)) ++left_out;
  EXPECT_GT(left_out, 0u);
}

TEST(Gallery, BrokenFilesAreListedWithTheirErrorAndScenariosWithoutDocumentGoLast) {
  TempDir dir;
  dir.Write("plain.toml", "title = \"no document\"\nscript = \"async fn main() {}\"\n");
  const std::string broken = dir.Write("broken.toml", "title = \"broken\nscript = \"async fn main() {}\"\n");
  Gallery g = ScanGallery(dir.path.string());
  ASSERT_EQ(g.entries.size(), 2u);
  std::vector<GalleryGroup> groups = GroupGallery(g, "");
  ASSERT_EQ(Headings(groups), (std::vector<std::pair<std::string, size_t>>{{"Other scenarios", 1},
                                                                          {"Could not be read", 1}}));
  const GalleryEntry& bad = *groups[1].entries[0];
  EXPECT_EQ(bad.id, "broken");
  EXPECT_EQ(bad.title, "broken.toml");
  EXPECT_EQ(bad.error, broken + ":1:16: error: TOML syntax error in string: unescaped control characters "
                                "other than TAB (U+0009) are explicitly prohibited");
}

TEST(Gallery, LoadingABrokenScenarioKeepsTheCurrentOneAndShowsTheError) {
  TempDir dir;
  const std::string broken = dir.Write("broken.toml", "title = \"broken\"\nscript = \"async fn main() { let x = ; }\"\n");
  App app;
  Diagnostics diags;
  ASSERT_TRUE(app.Load(kScenarios + "/example.toml", diags));
  app.Push({CommandKind::Seek, 7});
  app.Apply();
  Command load{CommandKind::LoadScenario};
  load.text = broken;
  app.Push(load);
  app.Apply();
  EXPECT_EQ(app.session().scenario()->id, "example");
  EXPECT_EQ(app.session().cursor(), 7);
  ASSERT_NE(app.view().gallery, nullptr);
  EXPECT_EQ(app.view().gallery->load_error, broken + ":2:37: error: expected an expression, found `;`");
  EXPECT_EQ(app.view().gallery->failed_path, broken);
  EXPECT_EQ(app.view().status, app.view().gallery->load_error);

  // A file that is not there: the same.
  load.text = kScenarios + "/no_such_scenario.toml";
  app.Push(load);
  app.Apply();
  EXPECT_EQ(app.session().scenario()->id, "example");
  EXPECT_EQ(app.view().gallery->load_error, kScenarios + "/no_such_scenario.toml: error: file not found");

  // A good one loads, starts before its first event and clears the error; the search stays.
  app.view().gallery->filter = "keyboard";
  load.text = kScenarios + "/keyboard_hi.toml";
  app.Push(load);
  app.Apply();
  EXPECT_EQ(app.session().scenario()->id, "keyboard_hi");
  EXPECT_EQ(app.session().cursor(), -1);
  ASSERT_NE(app.view().gallery, nullptr);
  EXPECT_EQ(app.view().gallery->load_error, "");
  EXPECT_EQ(app.view().gallery->filter, "keyboard");
}

}  // namespace
}  // namespace aws::gui
