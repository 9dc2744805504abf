// The shipped scenarios against their documents: tags that name documents the project describes,
// the `document` key that goes with the first tag, every erratum of the documents shown in the
// scenarios it touches, the known mismatches fixed, the course's `next` chain, and the loader's
// checks of `next` and `errata`.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "awaitscope/documents.h"
#include "awaitscope/scenario.h"

namespace aws {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = AWAITSCOPE_SOURCE_DIR;
const std::string kScenarioDir = kSourceDir + "/scenarios";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::map<std::string, Scenario> Shipped() {
  std::map<std::string, Scenario> out;
  for (const fs::directory_entry& f : fs::directory_iterator(kScenarioDir)) {
    if (f.path().extension() != ".toml") continue;
    Diagnostics d;
    std::optional<Scenario> s = LoadScenario(f.path().string(), d);
    EXPECT_TRUE(s.has_value() && !d.HasErrors()) << d.Render();
    if (s) out.emplace(s->id, std::move(*s));
  }
  return out;
}

std::vector<std::string> Tags(const std::string& source) {
  std::vector<std::string> out;
  std::stringstream in(source);
  for (std::string t; std::getline(in, t, '/');) out.push_back(t);
  return out;
}

TEST(ScenarioDocuments, EveryTagNamesADescribedDocumentAndTheDocumentKeyFollowsTheFirst) {
  const auto all = Shipped();
  ASSERT_GE(all.size(), 40u);
  for (const auto& [id, s] : all) {
    SCOPED_TRACE(id);
    ASSERT_FALSE(s.source.empty());
    for (const std::string& tag : Tags(s.source)) EXPECT_NE(FindDocument(tag), nullptr) << tag;
    const DocumentInfo* first = FindDocument(Tags(s.source).front());
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(s.document, first->name);
    EXPECT_FALSE(s.section.empty());
    // A section naming several documents says which document each heading is from.
    if (Tags(s.source).size() > 1 && s.source != "D1/D2") {
      EXPECT_EQ(s.section.find(':') != std::string::npos, true) << s.section;
    }
  }
}

TEST(ScenarioDocuments, WhereEachScenarioComesFrom) {
  const auto all = Shipped();
  // The blog's implementation part is only in the published post, not in the draft (D1) or the
  // translation (D2); the offsets solution is only in the translation; mini-tokio is the Tokio
  // tutorial's, which neither the talk nor the slides contain; the web-server example is the
  // draft's alone.
  const std::map<std::string, std::string> want = {
      {"simple_executor", "R1"},      {"keyboard_hi", "R1"},         {"keyboard_spurious_wake", "R1"},
      {"sleep_if_idle_naive", "R1"},  {"sleep_if_idle_fixed", "R1"}, {"pin_example_offsets", "D2"},
      {"mini_tokio", "R3"},           {"many_requests", "D1"},       {"channel_executor", "D3/R2"},
      {"pin_example_forbid", "D1/D2"}, {"add_to_inbox", "D4"},        {"sum_generator", "D3"},
  };
  for (const auto& [id, source] : want) {
    ASSERT_TRUE(all.count(id)) << id;
    EXPECT_EQ(all.at(id).source, source) << id;
  }
  EXPECT_EQ(all.at("mini_tokio").section, "Mini Tokio");
  EXPECT_EQ(all.at("simple_executor").section.rfind("Implementation: ", 0), 0u);
}

// Each erratum of the documents, the scenarios it touches, and words that must be in their
// `errata` (what the document says and what is right).
struct Erratum {
  const char* name;
  std::vector<std::string> scenarios;
  std::vector<std::string> needles;
};

TEST(ScenarioDocuments, EveryErratumIsShownInTheScenariosItTouches) {
  const auto all = Shipped();
  const std::vector<Erratum> errata = {
      {"draft's first address", {"pin_example"}, {"D1", "0x1001a", "0x1001C"}},
      {"draft's second address", {"pin_example_moved"}, {"D1", "0x1002a", "0x1002C"}},
      {"draft's two solutions",
       {"pin_example_update", "pin_example_forbid"},
       {"D1", "only two solutions", "the second solution", "three"}},
      {"offsets only in the translation", {"pin_example_offsets"}, {"D1", "only two", "D2"}},
      {"WaitingOnFooTxt twice", {"example_ready", "example_poll_after_ready"}, {"WaitingOnFooTxt(state)` twice", "WaitingOnBarTxt"}},
      {"extra parenthesis", {"example_ready", "example_poll_after_ready"}, {"End(EndState));"}},
      {"StringLen", {"string_len"}, {"where Fut:", "Poll<T>", "Poll<usize>"}},
      {"diagram's 100", {"example", "example_long"}, {"content.len() < 100", "min_len"}},
      {"up to 100 times", {"never_yields", "preemptive_threads"}, {"up to 100 times per second", "D2 drops"}},
      {"handle_request", {"many_requests"}, {"handle_request", "second-edition", "0000-01-01"}},
      {"rustc wording", {"pin_box_unsafe"}, {"std::pin::Pin<std::boxed::Box<SelfReferential>>", "E0594", "E0596"}},
      {"VecDeque", {"keyboard_hi"}, {"VecDeque", "ArrayQueue<TaskId>"}},
      {"Unpin is not Copy", {"pin_box_future", "pin_task_new"}, {"Unpin", "Copy", "after it has been pinned"}},
      {"poll without Pin", {"add_to_inbox"}, {"poll(&mut self", "simplified", "Pin<&mut Self>"}},
      {"slide pseudo-code", {"add_to_inbox", "add_to_inbox_error"}, {"three fields", "get_recipient", ".map("}},
      {"no recursion", {"sum_generator_size"}, {"No recursion", "Box::pin"}},
      {"send vs try_send", {"channel_executor"}, {"send", "try_send", "too many tasks queued"}},
      {"write future not stored", {"pin_example", "pin_example_moved"}, {"WaitingOnWriteState", "write_future"}},
  };
  for (const Erratum& e : errata) {
    for (const std::string& id : e.scenarios) {
      SCOPED_TRACE(std::string(e.name) + " in " + id);
      ASSERT_TRUE(all.count(id));
      std::string text;
      for (const std::string& line : all.at(id).errata) text += line + "\n";
      for (const std::string& needle : e.needles) EXPECT_NE(text.find(needle), std::string::npos) << needle;
    }
  }
  // scenarios/DOCUMENTS.md lists them too, for readers of the files.
  const std::string documents = ReadText(kScenarioDir + "/DOCUMENTS.md");
  for (const char* needle : {"0x1001a", "0x1002a", "only two", "WaitingOnFooTxt", "EndState));", "Poll<usize>",
                             "content.len() < 100", "up to", "handle_request", "E0594", "VecDeque", "Copy",
                             "simplified", "get_recipient", "No recursion", "try_send", "WaitingOnWriteState"})
    EXPECT_NE(documents.find(needle), std::string::npos) << needle;
}

TEST(ScenarioDocuments, TheKnownMismatchesAreFixed) {
  const auto all = Shipped();
  // The keyboard task prints with print!, as the blog does: the letters share one line.
  EXPECT_EQ(all.at("keyboard_hi").expect_output, (std::vector<std::string>{"async number: 42", "hi"}));
  EXPECT_NE(all.at("keyboard_hi").script.text().find("print!(\"{}\", key)"), std::string::npos);
  // The combinator version's inner closure needs a `move` the documents do not have; the
  // description says why.
  EXPECT_NE(all.at("combinator_then").script.text().find(".map(move |s| content + &s)"), std::string::npos);
  EXPECT_NE(all.at("combinator_then").description.find("E0373"), std::string::npos);
  // The closing line of the blog's kernel_main is named, and why it is not in the output.
  EXPECT_NE(all.at("simple_executor").description.find("It did not crash!"), std::string::npos);
  // The slides' camelCase names are named where the script uses snake_case.
  for (const char* name : {"addToInbox", "loadMessage", "verifyHasSpace"})
    EXPECT_NE(all.at("add_to_inbox").description.find(name), std::string::npos) << name;
}

TEST(ScenarioDocuments, TheDocumentsAreNamedInTheProject) {
  const std::string documents = ReadText(kScenarioDir + "/DOCUMENTS.md");
  for (const DocumentInfo& d : Documents()) {
    SCOPED_TRACE(std::string(d.tag));
    EXPECT_NE(documents.find("| " + std::string(d.tag) + " |"), std::string::npos);
    EXPECT_NE(documents.find(std::string(d.author)), std::string::npos);
    EXPECT_FALSE(d.where.empty());
    EXPECT_EQ(DescribeSource(d.tag).rfind(std::string(d.tag) + ": " + std::string(d.title), 0), 0u);
  }
  EXPECT_EQ(DocumentTagList(), "D1, D2, D3, D4, R1, R2 or R3");
  EXPECT_EQ(DescribeSource("D3/R2"), std::string("D3: ") + std::string(FindDocument("D3")->title) + " (" +
                                         std::string(FindDocument("D3")->author) + "), " +
                                         std::string(FindDocument("D3")->where) + "\nR2: " +
                                         std::string(FindDocument("R2")->title) + " (" +
                                         std::string(FindDocument("R2")->author) + "), " +
                                         std::string(FindDocument("R2")->where));
  // No pointer to the project's private copy of the documents is left for users.
  for (const char* file : {"/README.md", "/scenarios/README.md", "/scenarios/DOCUMENTS.md"})
    EXPECT_EQ(ReadText(kSourceDir + file).find("seeds"), std::string::npos) << file;
}

TEST(ScenarioDocuments, TheCourseIsOneChainThroughEveryScenario) {
  const auto all = Shipped();
  std::map<std::string, int> named;
  for (const auto& [id, s] : all)
    if (!s.next.empty()) ++named[s.next];
  std::vector<std::string> starts;
  for (const auto& [id, s] : all) {
    EXPECT_LE(named[id], 1) << id << " is the next of two scenarios";
    if (named[id] == 0) starts.push_back(id);
  }
  ASSERT_EQ(starts, std::vector<std::string>{"read_then_foo"});
  std::vector<std::string> course;
  for (std::string id = "read_then_foo"; !id.empty(); id = all.at(id).next) {
    ASSERT_EQ(std::find(course.begin(), course.end(), id), course.end()) << "cycle at " << id;
    course.push_back(id);
  }
  EXPECT_EQ(course.size(), all.size());
  EXPECT_EQ(course.back(), "blocking_starves");
}

// ---- the loader's checks of `next` and `errata`

class NextKey : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt::format("awaitscope_next_{}_{}",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                                                   getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path dir_;
};

TEST_F(NextKey, NamesAScenarioOfTheSameFolder) {
  Write("second.toml", "title = \"2\"\nscript = 'async fn main() {}'\n");
  Write("renamed.toml", "title = \"3\"\nid = \"third\"\nscript = 'async fn main() {}'\n");
  for (const char* next : {"second", "third"}) {
    const std::string p = Write("first.toml", fmt::format("title = \"1\"\nnext = \"{}\"\nscript = 'async fn main() {{}}'\n", next));
    Diagnostics d;
    std::optional<Scenario> s = LoadScenario(p, d);
    ASSERT_TRUE(s.has_value()) << d.Render();
    EXPECT_EQ(s->next, next);
  }
}

TEST_F(NextKey, AnUnknownIdIsAnErrorAtTheValue) {
  Write("renamed.toml", "title = \"3\"\nid = \"third\"\nscript = 'async fn main() {}'\n");
  struct Case {
    std::string next;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"nowhere",
       "`next` names no scenario of this folder: no `.toml` file here has the id `nowhere` (an id is the file's "
       "stem unless its `id` key says otherwise)"},
      // renamed.toml's id is `third`, not its stem.
      {"renamed",
       "`next` names no scenario of this folder: no `.toml` file here has the id `renamed` (an id is the file's "
       "stem unless its `id` key says otherwise)"},
      {"first", "`next` names this scenario itself (`first`)"},
      {"../x", "`next` is a scenario id (letters, digits, `_`, `-` and `.`), not `../x`"},
  };
  for (const Case& c : cases) {
    const std::string p =
        Write("first.toml", "title = \"1\"\nscript = 'async fn main() {}'\nnext = \"" + c.next + "\"\n");
    Diagnostics d;
    EXPECT_FALSE(LoadScenario(p, d).has_value()) << c.next;
    EXPECT_EQ(d.Headlines(), fmt::format("{}:3:8: error: {}\n", p, c.message));
  }
  const std::string p = Write("first.toml", "title = \"1\"\nscript = 'async fn main() {}'\nnext = 3\n");
  Diagnostics d;
  EXPECT_FALSE(LoadScenario(p, d).has_value());
  EXPECT_EQ(d.Headlines(), p + ":3:8: error: `next` must be a string, not an integer\n");
}

TEST_F(NextKey, ErrataAreAListOfSentences) {
  const std::string ok = Write("e.toml", "title = \"E\"\nscript = 'async fn main() {}'\nerrata = [\"D1: wrong\", \"D2: also\"]\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(ok, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_EQ(s->errata, (std::vector<std::string>{"D1: wrong", "D2: also"}));
  const std::string bad = Write("e.toml", "title = \"E\"\nscript = 'async fn main() {}'\nerrata = [\"x\", \"  \"]\n");
  Diagnostics d2;
  EXPECT_FALSE(LoadScenario(bad, d2).has_value());
  EXPECT_EQ(d2.Headlines(), bad + ":3:16: error: `errata` entries must not be empty\n");
}

}  // namespace
}  // namespace aws
