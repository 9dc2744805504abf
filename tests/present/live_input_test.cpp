// What a live class drives from the keyboard, without a window: PageDown / PageUp, the gallery's
// keys (/, Ctrl+F, Up / Down, Enter) in the key map, the gallery's keyboard selection, and the
// window title that names the scenario and the step.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "awaitscope/world.h"
#include "present/gallery.h"
#include "present/keymap.h"
#include "present/window_title.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

TEST(ClassroomKeys, PageDownAndPageUpStepLikeTheArrowsInOrder) {
  KeyPresses in;
  in.keys = {NamedKey::PageDown, NamedKey::PageDown, NamedKey::PageUp, NamedKey::PageDown};
  const std::vector<Command> c = CommandsFor(in, KeyContext{});
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].kind, CommandKind::Step);
  EXPECT_EQ(c[1].kind, CommandKind::Step);
  EXPECT_EQ(c[2].kind, CommandKind::StepBack);
  EXPECT_EQ(c[3].kind, CommandKind::Step);
}

TEST(ClassroomKeys, SlashAndCtrlFFindInTheGallery) {
  KeyPresses in;
  in.chars = U"/";
  std::vector<Command> c = CommandsFor(in, KeyContext{});
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CommandKind::GalleryFind);

  in = {};
  in.keys = {NamedKey::F};
  in.chars = U"\x06";  // what some layouts type for Ctrl+F; ignored with Ctrl held
  in.ctrl = true;
  c = CommandsFor(in, KeyContext{});
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CommandKind::GalleryFind);

  in.ctrl = false;  // F alone is a typed `f` (fullscreen), never the find key
  in.chars.clear();
  EXPECT_TRUE(CommandsFor(in, KeyContext{}).empty());
}

TEST(ClassroomKeys, UpDownEnterChooseInTheGalleryOnlyWhenItIsShown) {
  KeyPresses in;
  in.keys = {NamedKey::Down, NamedKey::Down, NamedKey::Up, NamedKey::Enter};
  EXPECT_TRUE(CommandsFor(in, KeyContext{}).empty());
  KeyContext shown;
  shown.gallery_shown = true;
  const std::vector<Command> c = CommandsFor(in, shown);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].kind, CommandKind::GalleryMove);
  EXPECT_EQ(c[0].value, +1);
  EXPECT_EQ(c[1].value, +1);
  EXPECT_EQ(c[2].kind, CommandKind::GalleryMove);
  EXPECT_EQ(c[2].value, -1);
  EXPECT_EQ(c[3].kind, CommandKind::GalleryOpen);
}

TEST(ClassroomKeys, HelpNamesTheNewKeys) {
  std::string all;
  for (const KeyHelp& k : KeyHelpRows()) all += std::string(k.keys) + " = " + k.action + "\n";
  EXPECT_NE(all.find("PageDown / PageUp = one event forward / back"), std::string::npos) << all;
  EXPECT_NE(all.find("/ or Ctrl+F = search the scenario gallery"), std::string::npos) << all;
  EXPECT_NE(all.find("Up / Down, Enter = gallery: choose a scenario, open it"), std::string::npos) << all;
}

Gallery ThreeEntries() {
  Gallery g;
  for (const char* id : {"a_one", "b_two", "c_three"}) {
    GalleryEntry e;
    e.id = id;
    e.title = id;
    e.key = std::string("/s/") + id + ".toml";
    e.path = e.key;
    g.entries.push_back(e);
  }
  return g;
}

TEST(GallerySelection, FollowsTheLoadedEntryUntilMovedAndStopsAtTheEnds) {
  const Gallery g = ThreeEntries();
  const std::vector<GalleryGroup> all = GroupGallery(g, "");
  ASSERT_NE(GallerySelection(all, "", ""), nullptr);
  EXPECT_EQ(GallerySelection(all, "", "")->id, "a_one");        // nothing loaded: the first
  EXPECT_EQ(GallerySelection(all, "", "/s/b_two.toml")->id, "b_two");  // the loaded one
  EXPECT_EQ(GallerySelection(all, "/s/c_three.toml", "/s/b_two.toml")->id, "c_three");

  EXPECT_EQ(MoveGallerySelection(all, "", "/s/b_two.toml", +1), "/s/c_three.toml");
  EXPECT_EQ(MoveGallerySelection(all, "/s/c_three.toml", "", +1), "/s/c_three.toml");
  EXPECT_EQ(MoveGallerySelection(all, "/s/b_two.toml", "", -1), "/s/a_one.toml");
  EXPECT_EQ(MoveGallerySelection(all, "/s/a_one.toml", "", -1), "/s/a_one.toml");

  // A search that hides the selection falls back to the first entry shown.
  const std::vector<GalleryGroup> some = GroupGallery(g, "three");
  EXPECT_EQ(GallerySelection(some, "/s/a_one.toml", "/s/b_two.toml")->id, "c_three");
  EXPECT_EQ(GallerySelection(GroupGallery(g, "nothing matches"), "", ""), nullptr);
  EXPECT_EQ(MoveGallerySelection(GroupGallery(g, "nothing matches"), "", "", +1), "");
}

TEST(WindowTitle, NamesTheScenarioAndTheStepAsTheTransportBarDoes) {
  Session s;
  EXPECT_EQ(WindowTitle(s), "Awaitscope");
  Diagnostics d;
  ASSERT_TRUE(s.Load((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string(), d)) << d.Render();
  const std::string last = std::to_string(s.size() - 1);
  EXPECT_EQ(WindowTitle(s), "example \u2014 step -1/" + last + " \u2014 Awaitscope");
  s.Seek(12);
  EXPECT_EQ(WindowTitle(s), "example \u2014 step 12/" + last + " \u2014 Awaitscope");
}

}  // namespace
}  // namespace aws::present
