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
  std::string next;
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
    out.push_back(
        {f.path().string(), s->id, s->document, Lower(s->id + "\n" + s->title + "\n" + s->description), s->next});
  }
  // The course: from the one scenario no other names as `next`, along the `next` pointers; the
  // shipped scenarios form a single chain through all of them.
  std::map<std::string, std::string> next_of;
  std::vector<std::string> named;
  for (const Shipped& s : out) {
    next_of[s.id] = s.next;
    if (!s.next.empty()) named.push_back(s.next);
  }
  std::vector<std::string> heads;
  for (const Shipped& s : out)
    if (!Contains(named, s.id)) heads.push_back(s.id);
  EXPECT_EQ(heads.size(), 1u) << "the course must have one start";
  std::vector<std::string> course;
  for (std::string id = heads.empty() ? "" : heads[0]; !id.empty() && !Contains(course, id); id = next_of[id])
    course.push_back(id);
  EXPECT_EQ(course.size(), out.size()) << "the course must visit every shipped scenario once";
  std::stable_sort(out.begin(), out.end(), [&](const Shipped& a, const Shipped& b) {
    return std::find(course.begin(), course.end(), a.id) < std::find(course.begin(), course.end(), b.id);
  });
  return out;
}

// Documents in the order the course (`shipped`'s order) first reaches them, then the scenarios
// naming none; course order inside each; a scenario is kept when every whitespace-separated word
// of `filter` occurs in its text, ignoring case.
Listing Expected(const std::vector<Shipped>& shipped, const std::string& filter) {
  std::vector<std::string> words;
  std::istringstream in(Lower(filter));
  for (std::string w; in >> w;) words.push_back(w);
  Listing out;
  std::vector<std::string> other;
  for (const Shipped& s : shipped) {
    bool all = true;
    for (const std::string& w : words) all = all && s.text.find(w) != std::string::npos;
    if (!all) continue;
    if (s.document.empty()) {
      other.push_back(s.id);
      continue;
    }
    auto group = std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == s.document; });
    if (group == out.end()) group = out.emplace(out.end(), s.document, std::vector<std::string>{});
    group->second.push_back(s.id);
  }
  if (!other.empty()) out.emplace_back("Other scenarios", other);
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
  // In course order.
  for (size_t i = 0; i < g.entries.size(); ++i) {
    EXPECT_EQ(g.entries[i].id, shipped[i].id) << i;
    EXPECT_EQ(g.entries[i].course, static_cast<int>(i)) << g.entries[i].id;
  }

  std::vector<GalleryGroup> groups = GroupGallery(g, "");
  // Every file on disk exactly once across the groups.
  std::vector<std::string> listed, on_disk;
  for (const GalleryGroup& group : groups)
    for (const GalleryEntry* e : group.entries) listed.push_back(GalleryKey(e->path));
  for (const Shipped& s : shipped) on_disk.push_back(GalleryKey(s.path));
  std::sort(listed.begin(), listed.end());
  std::sort(on_disk.begin(), on_disk.end());
  EXPECT_EQ(listed, on_disk);
  // Grouped by document, groups in course order, the course's order inside each: the course
  // reads the documents one after another, so each document is one group.
  EXPECT_EQ(ListingOf(groups), Expected(shipped, ""));
  ASSERT_GE(groups.size(), 2u);
  EXPECT_EQ(groups.front().entries.front()->id, "read_then_foo");
  EXPECT_EQ(Headings(groups),
            (std::vector<std::pair<std::string, size_t>>{{"Async/Await (blog_os, post 12)", 27},
                                                         {"Async/Await (blog_os, post 12, as published)", 15},
                                                         {"The Talk You've Been Await-ing for (Steve Klabnik, QCon 2019)", 9},
                                                         {"Async in depth (Tokio tutorial)", 5},
                                                         {"Asynchronous Programming in Rust (CS3211 lecture slides)", 8}}));

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

TEST(Gallery, CourseOrderFollowsNextFromTheStartAndPutsTheRestLastById) {
  TempDir dir;
  const std::string main = "script = \"async fn main() {}\"\n";
  dir.Write("a.toml", "title = \"A\"\ndocument = \"Doc 2\"\nnext = \"c\"\n" + main);
  dir.Write("c.toml", "title = \"C\"\ndocument = \"Doc 1\"\nnext = \"b\"\n" + main);
  dir.Write("b.toml", "title = \"B\"\ndocument = \"Doc 2\"\n" + main);
  dir.Write("0_alone.toml", "title = \"alone\"\ndocument = \"Doc 1\"\n" + main);
  Gallery g = ScanGallery(dir.path.string());
  std::vector<std::string> order;
  for (const GalleryEntry& e : g.entries) order.push_back(e.id + ":" + std::to_string(e.course));
  EXPECT_EQ(order, (std::vector<std::string>{"a:0", "c:1", "b:2", "0_alone:-1"}));
  // Groups come in the order the course reaches them, entries in course order inside each; the
  // scenario on no chain comes after its group's course entries.
  EXPECT_EQ(ListingOf(GroupGallery(g, "")),
            (Listing{{"Doc 2", {"a", "b"}}, {"Doc 1", {"c", "0_alone"}}}));
  // The loaded scenario's next one, by id.
  ASSERT_NE(FindGalleryEntry(g, "c"), nullptr);
  EXPECT_EQ(FindGalleryEntry(g, "c")->title, "C");
  EXPECT_EQ(FindGalleryEntry(g, "nope"), nullptr);

  // A cycle has no start: it still gets a course, beginning at its smallest id.
  std::vector<GalleryEntry> cycle(2);
  cycle[0].id = "y";
  cycle[0].next = "x";
  cycle[1].id = "x";
  cycle[1].next = "y";
  OrderCourse(cycle);
  EXPECT_EQ(cycle[0].id, "x");
  EXPECT_EQ(cycle[0].course, 0);
  EXPECT_EQ(cycle[1].course, 1);
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
