// The scenario gallery's model (no window): scanning the shipped folder, grouping by document,
// searching, and loading from it through the App's commands (a broken file keeps the current
// scenario and shows its error).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "gui/app.h"
#include "gui/gallery.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

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
  Gallery g = ScanGallery(kScenarios);
  ASSERT_EQ(g.entries.size(), 40u);
  for (const GalleryEntry& e : g.entries) {
    EXPECT_EQ(e.error, "") << e.path;
    EXPECT_FALSE(e.title.empty()) << e.path;
    EXPECT_FALSE(e.description.empty()) << e.path;
  }
  EXPECT_EQ(g.entries.front().id, "add_to_inbox");
  EXPECT_EQ(g.entries.back().id, "write_file");
  const std::vector<std::pair<std::string, size_t>> expected = {
      {"Async/Await (blog_os, post 12)", 27},
      {"Async/Await (blog_os, post 12, draft)", 1},
      {"Asynchronous Programming in Rust (CS3211 lecture slides)", 4},
      {"The Talk You've Been Await-ing for (Steve Klabnik, QCon 2019)", 7},
      {"Tokio tutorial, Async in depth (supplementary to the talk and the lecture)", 1},
  };
  std::vector<GalleryGroup> groups = GroupGallery(g, "");
  EXPECT_EQ(Headings(groups), expected);
  // Inside a group, by id.
  ASSERT_EQ(groups[2].entries.size(), 4u);
  EXPECT_EQ(groups[2].entries[0]->id, "add_to_inbox");
  EXPECT_EQ(groups[2].entries[1]->id, "add_to_inbox_error");
  EXPECT_EQ(groups[2].entries[2]->id, "blocking_starves");
  EXPECT_EQ(groups[2].entries[3]->id, "threads_vs_futures");
  // The loaded scenario is recognised however its path was spelled.
  EXPECT_EQ(GalleryKey(kScenarios + "/../scenarios/./example.toml"), groups[0].entries[2]->key);
  EXPECT_EQ(groups[0].entries[2]->id, "example");
}

TEST(Gallery, SearchMatchesEveryWordInIdTitleOrDescription) {
  Gallery g = ScanGallery(kScenarios);
  // "keyboard" is in the id or title of two, and in the description of sleep_if_idle_naive.
  EXPECT_EQ(Ids(GroupGallery(g, "keyboard")),
            (std::vector<std::string>{"keyboard_hi", "keyboard_spurious_wake", "sleep_if_idle_naive"}));
  EXPECT_EQ(Ids(GroupGallery(g, "  INTERRUPT   halts ")),
            (std::vector<std::string>{"keyboard_hi", "sleep_if_idle_fixed", "sleep_if_idle_naive"}));
  EXPECT_EQ(Ids(GroupGallery(g, "busy")), (std::vector<std::string>{"example_busy", "read_busy", "many_requests"}));
  EXPECT_EQ(Headings(GroupGallery(g, "busy")),
            (std::vector<std::pair<std::string, size_t>>{{"Async/Await (blog_os, post 12)", 2},
                                                         {"Async/Await (blog_os, post 12, draft)", 1}}));
  EXPECT_EQ(Ids(GroupGallery(g, "spurious")), (std::vector<std::string>{"keyboard_spurious_wake"}));
  EXPECT_TRUE(GroupGallery(g, "no-such-word").empty());
  // The document name and section are not searched: only id, title and description.
  EXPECT_TRUE(GroupGallery(g, "Klabnik").empty());
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
