#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "awaitscope/parser.h"
#include "awaitscope/scenario.h"

namespace aws {
namespace {

namespace fs = std::filesystem;

const std::string kScenarioDir = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

// Each test writes its files into a directory of its own, removed afterwards.
class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / fmt::format("awaitscope_scenario_{}_{}_{}",
                                                   info->test_suite_name(), info->name(), getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  // Loads `text` as `name` and returns the headlines; the scenario must not load.
  std::string Errors(const std::string& name, const std::string& text) {
    std::string p = Write(name, text);
    Diagnostics d;
    std::optional<Scenario> s = LoadScenario(p, d);
    EXPECT_FALSE(s.has_value()) << "loaded although it should not";
    return d.Headlines();
  }
  // `FILE:LINE:COL: error: MESSAGE\n` for a file in the test directory.
  std::string At(const std::string& name, int line, int col, const std::string& msg) const {
    return fmt::format("{}:{}:{}: error: {}\n", (dir_ / name).string(), line, col, msg);
  }
  fs::path dir_;
};

// ---- the shipped scenarios

struct Shipped {
  const char* id;
  const char* source;
  std::vector<std::string> output;
};

TEST(ScenarioShipped, EachLoadsAndItsScriptParses) {
  const std::vector<Shipped> all = {
      {"add_to_inbox", "D4", {"message delivered"}},
      {"example", "D1/D2", {"Hello World"}},
      {"pin_example", "D1/D2", {"3"}},
      {"sum_generator",
       "D3",
       {"sum = 1", "sum = 3", "sum = 6", "sum = 3", "sum = 1", "sum = 0", "finished with 0"}},
      {"write_file", "D1/D2", {"foo.txt written"}},
  };
  for (const Shipped& want : all) {
    SCOPED_TRACE(want.id);
    std::string path = kScenarioDir + "/" + want.id + ".toml";
    Diagnostics d;
    std::optional<Scenario> s = LoadScenario(path, d);
    ASSERT_TRUE(s.has_value()) << d.Render();
    EXPECT_TRUE(d.empty()) << d.Render();
    EXPECT_EQ(s->id, want.id);
    EXPECT_EQ(s->path, path);
    EXPECT_FALSE(s->title.empty());
    EXPECT_FALSE(s->description.empty());
    EXPECT_FALSE(s->document.empty());
    EXPECT_FALSE(s->section.empty());
    EXPECT_EQ(s->source, want.source);
    EXPECT_EQ(s->executor, "waker");
    EXPECT_EQ(s->spawn, std::vector<std::string>{"main()"});
    EXPECT_EQ(s->expect_output, want.output);
    EXPECT_EQ(s->script.name(), kScenarioDir + "/" + want.id + ".rs");
    Diagnostics pd;
    Module m = Parse(s->script, pd);
    EXPECT_FALSE(pd.HasErrors()) << pd.Render();
    EXPECT_NE(m.FindFn("main"), nullptr);
  }
}

TEST(ScenarioShipped, AddToInboxDeclaresItsOperations) {
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(kScenarioDir + "/add_to_inbox.toml", d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  ASSERT_EQ(s->ops.size(), 4u);
  EXPECT_EQ(s->ops[0].name, "load_message");
  EXPECT_EQ(s->ops[0].params, std::vector<std::string>{"u64"});
  EXPECT_EQ(s->ops[0].returns, "Result<Message, Error>");
  EXPECT_TRUE(s->ops[0].is_async);
  EXPECT_EQ(s->ops[0].latency_ms, 30);
  EXPECT_EQ(s->ops[1].name, "get_recipient");
  EXPECT_EQ(s->ops[1].latency_ms, 20);
  EXPECT_EQ(s->ops[2].name, "verify_has_space");
  EXPECT_FALSE(s->ops[2].is_async);
  EXPECT_EQ(s->ops[2].params, (std::vector<std::string>{"&Recipient", "&Message"}));
  EXPECT_EQ(s->ops[3].name, "deliver");
  EXPECT_EQ(s->ops[3].latency_ms, 10);
  EXPECT_EQ(s->ops[3].result, "Ok(())");
  EXPECT_GT(s->ops[0].line, 1u);
  EXPECT_EQ(s->ops[0].col, 1u);
  // The teaching names of the five states are in the script.
  Diagnostics pd;
  Module m = Parse(s->script, pd);
  std::vector<std::string> names;
  for (const Annotation& a : m.annotations) names.push_back(a.key + " " + a.value);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "start NotYetStarted", "end Completed", "state WaitingLoadMessage",
                       "state WaitingGetRecipient", "state WaitingAddToInbox"}));
}

TEST(ScenarioShipped, ListIsSortedById) {
  Diagnostics d;
  std::vector<ScenarioInfo> list = ListScenarios(kScenarioDir, d);
  EXPECT_TRUE(d.empty()) << d.Render();
  std::vector<std::string> ids;
  for (const ScenarioInfo& i : list) ids.push_back(i.id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const char* id : {"add_to_inbox", "example", "pin_example", "sum_generator", "write_file"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  for (const ScenarioInfo& i : list) EXPECT_FALSE(i.title.empty()) << i.id;
}

// ---- defaults and the full format

TEST_F(ScenarioFiles, MinimalTomlGetsTheConventionDefaults) {
  std::string p = Write("tiny.toml", "title = \"Tiny\"\nscript = 'async fn main() {}'\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(s->id, "tiny");
  EXPECT_EQ(s->title, "Tiny");
  EXPECT_EQ(s->executor, "waker");
  EXPECT_EQ(s->spawn, std::vector<std::string>{"main()"});
  EXPECT_EQ(s->step_budget, 1000000);
  EXPECT_FALSE(s->naive_sleep_if_idle);
  EXPECT_TRUE(s->drop_spawner);
  EXPECT_EQ(s->disk.write_latency_ms, 15);
  ASSERT_EQ(s->files.size(), 2u);
  EXPECT_EQ(s->files[0].name, "foo.txt");
  EXPECT_EQ(s->files[0].contents, "Hello");
  EXPECT_EQ(s->files[0].read_latency_ms, 30);
  EXPECT_FALSE(s->files[0].write_latency_ms.has_value());
  EXPECT_EQ(s->files[1].name, "bar.txt");
  EXPECT_EQ(s->files[1].contents, " World");
  EXPECT_EQ(s->files[1].read_latency_ms, 20);
  EXPECT_EQ(s->script.text(), "async fn main() {}");
  EXPECT_EQ(s->script.name(), p);
}

TEST_F(ScenarioFiles, DefaultFilesFollowTheConventions) {
  std::vector<FileSpec> f = DefaultFiles();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "foo.txt");
  EXPECT_EQ(f[0].contents.size(), 5u);
  EXPECT_EQ(f[1].name, "bar.txt");
  EXPECT_EQ(f[1].contents.size(), 6u);
}

TEST_F(ScenarioFiles, BareRustScriptLoadsWithDefaults) {
  std::string text = "async fn main() {\n    println!(\"hi\");\n}\n";
  std::string p = Write("hello.rs", text);
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_EQ(s->id, "hello");
  EXPECT_EQ(s->title, "hello.rs");
  EXPECT_EQ(s->path, p);
  EXPECT_EQ(s->executor, "waker");
  EXPECT_EQ(s->spawn, std::vector<std::string>{"main()"});
  EXPECT_EQ(s->files.size(), 2u);
  EXPECT_EQ(s->script.name(), p);
  EXPECT_EQ(s->script.text(), text);
  EXPECT_EQ(s->script.Locate(text.find("println")).line, 2u);
  EXPECT_EQ(s->script.Locate(text.find("println")).col, 5u);
}

TEST_F(ScenarioFiles, EveryKeyOfTheFormatIsRead) {
  std::string p = Write("full.toml", R"toml(title = "Full"
id = "full-1"
source = "D1/D2"
document = "Doc"
section = "Sec"
description = "Desc"
executor = "channel"
layout = "state-machine"
spawn = ["a(1)", "b()"]
step_budget = 500
naive_sleep_if_idle = true
drop_spawner = false
script = "async fn a(x: u64) {} async fn b() {}"

[files."data.txt"]
contents = "abc"
read_latency_ms = 7
write_latency_ms = 9

[files."empty.txt"]

[disk]
write_latency_ms = 11

[[keyboard]]
t_ms = 200
scancode = 0x9E

[[keyboard]]
t_ms = 100
scancode = 0x1E

[[op]]
name = "fetch"
receiver = "Client"
params = ["u64", "&str"]
returns = "Result<String, Error>"
async = true
latency_ms = 40
result = 'Ok("x".to_string())'

[[op]]
name = "check"
async = false

[[note]]
step = 3
text = "look here"

[expect]
output = ["a", ""]
trace = ["poll(T1,1) -> Pending"]
)toml");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_TRUE(d.empty()) << d.Render();
  EXPECT_EQ(s->id, "full-1");
  EXPECT_EQ(s->source, "D1/D2");
  EXPECT_EQ(s->document, "Doc");
  EXPECT_EQ(s->section, "Sec");
  EXPECT_EQ(s->description, "Desc");
  EXPECT_EQ(s->executor, "channel");
  EXPECT_EQ(s->layout, "state-machine");
  EXPECT_EQ(s->spawn, (std::vector<std::string>{"a(1)", "b()"}));
  EXPECT_EQ(s->step_budget, 500);
  EXPECT_TRUE(s->naive_sleep_if_idle);
  EXPECT_FALSE(s->drop_spawner);
  // [files] replaces the defaults; file order is the order in the file.
  ASSERT_EQ(s->files.size(), 2u);
  EXPECT_EQ(s->files[0].name, "data.txt");
  EXPECT_EQ(s->files[0].contents, "abc");
  EXPECT_EQ(s->files[0].read_latency_ms, 7);
  EXPECT_EQ(s->files[0].write_latency_ms, 9);
  EXPECT_EQ(s->files[1].name, "empty.txt");
  EXPECT_EQ(s->files[1].contents, "");
  EXPECT_EQ(s->files[1].read_latency_ms, 30);
  EXPECT_EQ(s->disk.write_latency_ms, 11);
  // Keyboard events come out in time order.
  ASSERT_EQ(s->keyboard.size(), 2u);
  EXPECT_EQ(s->keyboard[0].t_ms, 100);
  EXPECT_EQ(s->keyboard[0].scancode, 0x1E);
  EXPECT_EQ(s->keyboard[1].t_ms, 200);
  EXPECT_EQ(s->keyboard[1].scancode, 0x9E);
  ASSERT_EQ(s->ops.size(), 2u);
  EXPECT_EQ(s->ops[0].name, "fetch");
  EXPECT_EQ(s->ops[0].receiver, "Client");
  EXPECT_EQ(s->ops[0].params, (std::vector<std::string>{"u64", "&str"}));
  EXPECT_EQ(s->ops[0].returns, "Result<String, Error>");
  EXPECT_TRUE(s->ops[0].is_async);
  EXPECT_EQ(s->ops[0].latency_ms, 40);
  EXPECT_EQ(s->ops[0].result, "Ok(\"x\".to_string())");
  EXPECT_EQ(s->ops[0].line, 33u);
  EXPECT_EQ(s->ops[0].col, 1u);
  EXPECT_EQ(s->ops[1].name, "check");
  EXPECT_FALSE(s->ops[1].is_async);
  EXPECT_EQ(s->ops[1].returns, "()");
  EXPECT_EQ(s->ops[1].result, "()");
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_EQ(s->notes[0].step, 3);
  EXPECT_EQ(s->notes[0].text, "look here");
  EXPECT_EQ(s->expect_output, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(s->expect_trace, std::vector<std::string>{"poll(T1,1) -> Pending"});
}

TEST_F(ScenarioFiles, EmptyFilesTableMeansNoFiles) {
  std::string p = Write("nofiles.toml", "title = \"T\"\nscript = 'fn main() {}'\n[files]\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_TRUE(s->files.empty());
}

TEST_F(ScenarioFiles, LoadScenarioTextUsesThePathForNamesAndScriptFiles) {
  Write("side.rs", "async fn main() {}\n");
  std::string p = (dir_ / "edited.toml").string();  // not on disk: the GUI editor's buffer
  Diagnostics d;
  std::optional<Scenario> s = LoadScenarioText(p, "title = \"E\"\nscript_file = \"side.rs\"\n", d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_EQ(s->id, "edited");
  EXPECT_EQ(s->script.name(), (dir_ / "side.rs").string());
  EXPECT_EQ(s->script.text(), "async fn main() {}\n");

  Diagnostics d2;
  std::optional<Scenario> r = LoadScenarioText((dir_ / "buffer.rs").string(), "fn main() {}", d2);
  ASSERT_TRUE(r.has_value()) << d2.Render();
  EXPECT_EQ(r->title, "buffer.rs");
}

// ---- where diagnostics about the script point

TEST_F(ScenarioFiles, ScriptFileIsNamedAsTheUserWouldTypeIt) {
  fs::create_directories(dir_ / "sub");
  Write("sub/s.rs", "async fn main() {\n    oops\n}\n");
  std::string toml = (dir_ / "sub" / "s.toml").string();
  std::ofstream(toml) << "title = \"S\"\nscript_file = \"s.rs\"\n";
  // A relative path stays relative: `sub/s.toml` gives `sub/s.rs`.
  fs::path old = fs::current_path();
  fs::current_path(dir_);
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario("sub/s.toml", d);
  fs::current_path(old);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_EQ(s->script.name(), "sub/s.rs");
  Diagnostics e;
  e.Error(s->script, {22, 26}, "unknown name `oops`");
  EXPECT_EQ(e.Headlines(), "sub/s.rs:2:5: error: unknown name `oops`\n");
}

TEST_F(ScenarioFiles, InlineScriptDiagnosticsPointAtTheTomlLine) {
  std::string text =
      "title = \"Inline\"\n"  // 1
      "# a comment\n"         // 2
      "script = '''\n"        // 3
      "async fn main() {\n"   // 4
      "    let x = oops;\n"   // 5
      "}\n"                   // 6
      "'''\n";                // 7
  std::string p = Write("inline.toml", text);
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  // TOML drops the newline after the opening `'''`: the script starts with line 4 of the file.
  EXPECT_EQ(s->script.text(), "async fn main() {\n    let x = oops;\n}\n");
  EXPECT_EQ(s->script.name(), p);
  uint32_t at = static_cast<uint32_t>(s->script.text().find("oops"));
  Diagnostics e;
  e.Error(s->script, {at, at + 4}, "unknown name `oops`");
  EXPECT_EQ(e.Headlines(), At("inline.toml", 5, 13, "unknown name `oops`"));
  EXPECT_EQ(e.items()[0].source_line, "    let x = oops;");
  EXPECT_EQ(s->script.Locate(0).line, 4u);
  EXPECT_EQ(s->script.Locate(0).col, 1u);
}

TEST_F(ScenarioFiles, InlineScriptOnTheSameLineKeepsItsColumns) {
  std::string p = Write("same.toml",
                        "title = \"S\"\n"
                        "script = '''async fn main() { oops }\n"
                        "fn f() { oops }'''\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  const std::string& t = s->script.text();
  Diagnostics e;
  uint32_t first = static_cast<uint32_t>(t.find("oops"));
  uint32_t second = static_cast<uint32_t>(t.rfind("oops"));
  e.Error(s->script, {first, first + 4}, "unknown name `oops`");
  e.Error(s->script, {second, second + 4}, "unknown name `oops`");
  EXPECT_EQ(e.Headlines(), At("same.toml", 2, 31, "unknown name `oops`") +
                               At("same.toml", 3, 10, "unknown name `oops`"));
}

TEST_F(ScenarioFiles, InlineBasicStringScriptKeepsItsColumns) {
  std::string p = Write("basic.toml", "title = \"B\"\n  script   = \"fn main() { oops }\"\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  uint32_t at = static_cast<uint32_t>(s->script.text().find("oops"));
  Diagnostics e;
  e.Error(s->script, {at, at + 4}, "x");
  EXPECT_EQ(e.Headlines(), At("basic.toml", 2, 27, "x"));
}

TEST_F(ScenarioFiles, InlineScriptWithWindowsLineEndings) {
  std::string p =
      Write("crlf.toml", "title = \"C\"\r\nscript = '''\r\nfn main() {\r\n  oops\r\n}\r\n'''\r\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  uint32_t at = static_cast<uint32_t>(s->script.text().find("oops"));
  EXPECT_EQ(s->script.Locate(at).line, 4u);
  EXPECT_EQ(s->script.Locate(at).col, 3u);
}

// ---- errors: each with its exact headline

TEST_F(ScenarioFiles, TomlSyntaxError) {
  EXPECT_EQ(
      Errors("syn.toml", "title = \"T\"\nscript = 'x'\nexecutor = \n"),
      At("syn.toml", 3, 12, "TOML syntax error in key-value pair: expected value, saw '\\n'"));
}

TEST_F(ScenarioFiles, TomlSyntaxErrorColumnsCountBytes) {
  // toml++ counts code points; the diagnostic counts bytes like every other one.
  EXPECT_EQ(Errors("utf.toml", "title = \"é\" x\n"),
            At("utf.toml", 1, 14,
               "TOML syntax error in key-value pair: expected a comment or whitespace, saw 'x'"));
}

TEST_F(ScenarioFiles, UnknownTopLevelKey) {
  EXPECT_EQ(Errors("typo.toml", "titel = \"T\"\nscript = 'x'\n"),
            At("typo.toml", 1, 1, "unknown key `titel` in scenario") +
                At("typo.toml", 1, 1, "missing required key `title` in scenario"));
}

TEST_F(ScenarioFiles, UnknownKeysInSubTables) {
  EXPECT_EQ(Errors("sub.toml", R"toml(title = "T"
script = 'x'
[files."foo.txt"]
content = "Hi"
[disk]
read_latency_ms = 3
[[keyboard]]
t_ms = 1
scancode = 2
code = 3
[[op]]
name = "f"
latncy_ms = 3
[[note]]
step = 1
text = "t"
txt = "u"
[expect]
outputs = []
)toml"),
            At("sub.toml", 4, 1, "unknown key `content` in [files.\"foo.txt\"]") +
                At("sub.toml", 6, 1, "unknown key `read_latency_ms` in [disk]") +
                At("sub.toml", 10, 1, "unknown key `code` in [[keyboard]]") +
                At("sub.toml", 13, 1, "unknown key `latncy_ms` in [[op]]") +
                At("sub.toml", 17, 1, "unknown key `txt` in [[note]]") +
                At("sub.toml", 19, 1, "unknown key `outputs` in [expect]"));
}

TEST_F(ScenarioFiles, WrongValueTypes) {
  EXPECT_EQ(Errors("types.toml", R"toml(title = 3
script = 'x'
step_budget = "many"
drop_spawner = 1
spawn = "main()"
disk = 5
keyboard = [1]
[expect]
output = ["a", 2]
[files."foo.txt"]
read_latency_ms = 1.5
[[op]]
name = "f"
async = "yes"
)toml"),
            At("types.toml", 1, 9, "`title` must be a string, not an integer") +
                At("types.toml", 3, 15, "`step_budget` must be an integer, not a string") +
                At("types.toml", 4, 16, "`drop_spawner` must be true or false, not an integer") +
                At("types.toml", 5, 9, "`spawn` must be an array of strings, not a string") +
                At("types.toml", 6, 8, "`disk` must be a table, not an integer") +
                At("types.toml", 7, 13, "each `keyboard` entry must be a table, not an integer") +
                At("types.toml", 9, 16, "`output` entries must be strings, not an integer") +
                At("types.toml", 11, 19,
                   "`read_latency_ms` must be an integer, not a floating-point number") +
                At("types.toml", 14, 9, "`async` must be true or false, not a string"));
}

TEST_F(ScenarioFiles, MissingTitle) {
  EXPECT_EQ(Errors("notitle.toml", "# no title here\nscript = 'x'\n"),
            At("notitle.toml", 1, 1, "missing required key `title` in scenario"));
}

TEST_F(ScenarioFiles, EmptyTitle) {
  EXPECT_EQ(Errors("emptytitle.toml", "title = \" \"\nscript = 'x'\n"),
            At("emptytitle.toml", 1, 9, "`title` must not be empty"));
}

TEST_F(ScenarioFiles, UnknownExecutor) {
  EXPECT_EQ(Errors("exec.toml", "title = \"T\"\nscript = 'x'\nexecutor = \"tokio\"\n"),
            At("exec.toml", 3, 12, "unknown executor `tokio`; use busy, simple, waker or channel"));
}

TEST_F(ScenarioFiles, UnknownDocumentTag) {
  EXPECT_EQ(Errors("src.toml", "title = \"T\"\nscript = 'x'\nsource = \"D1/D5\"\n"),
            At("src.toml", 3, 10,
               "unknown document tag `D5` in `source`; use D1, D2, D3, D4, R1, R2 or R3 (several joined "
               "by `/`, e.g. \"D1/D2\"; scenarios/DOCUMENTS.md names them)"));
}

TEST_F(ScenarioFiles, NegativeLatency) {
  EXPECT_EQ(Errors("neg.toml", "title = \"T\"\nscript = 'x'\n[disk]\nwrite_latency_ms = -5\n"),
            At("neg.toml", 4, 20, "`write_latency_ms` must not be negative (got -5)"));
}

TEST_F(ScenarioFiles, AbsurdLatency) {
  EXPECT_EQ(Errors("big.toml",
                   "title = \"T\"\nscript = 'x'\n[files.\"a.txt\"]\nread_latency_ms = 3600001\n"
                   "[[op]]\nname = \"f\"\nlatency_ms = 99999999999\n"),
            At("big.toml", 4, 19,
               "`read_latency_ms` is 3600001 ms, more than one hour (the limit is 3600000 ms)") +
                At("big.toml", 7, 14,
                   "`latency_ms` is 99999999999 ms, more than one hour (the limit is 3600000 ms)"));
}

TEST_F(ScenarioFiles, OneHourOfLatencyIsAllowed) {
  std::string p =
      Write("hour.toml", "title = \"T\"\nscript = 'x'\n[disk]\nwrite_latency_ms = 3600000\n");
  Diagnostics d;
  std::optional<Scenario> s = LoadScenario(p, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  EXPECT_EQ(s->disk.write_latency_ms, 3600000);
}

TEST_F(ScenarioFiles, ScancodeOutOfRange) {
  EXPECT_EQ(
      Errors("scan.toml",
             "title = \"T\"\nscript = 'x'\n"
             "[[keyboard]]\nt_ms = 1\nscancode = 0x100\n"
             "[[keyboard]]\nt_ms = 2\nscancode = -1\n"),
      At("scan.toml", 5, 12, "`scancode` must be between 0 and 255 (0x00 to 0xFF), not 256") +
          At("scan.toml", 8, 12, "`scancode` must be between 0 and 255 (0x00 to 0xFF), not -1"));
}

TEST_F(ScenarioFiles, NegativeKeyboardTime) {
  EXPECT_EQ(
      Errors("kt.toml", "title = \"T\"\nscript = 'x'\n[[keyboard]]\nt_ms = -10\nscancode = 0x1E\n"),
      At("kt.toml", 4, 8, "`t_ms` must not be negative (got -10)"));
}

TEST_F(ScenarioFiles, KeyboardEntryNeedsBothKeys) {
  EXPECT_EQ(Errors("kb.toml", "title = \"T\"\nscript = 'x'\n[[keyboard]]\nt_ms = 10\n"),
            At("kb.toml", 3, 1, "missing required key `scancode` in [[keyboard]]"));
}

TEST_F(ScenarioFiles, OpMistakes) {
  EXPECT_EQ(Errors("ops.toml", R"toml(title = "T"
script = 'x'
[[op]]
latency_ms = 5
[[op]]
name = "load message"
[[op]]
name = "check"
async = false
latency_ms = 5
[[op]]
name = "check"
)toml"),
            At("ops.toml", 3, 1, "missing required key `name` in [[op]]") +
                At("ops.toml", 6, 8, "op name `load message` is not a Rust identifier") +
                At("ops.toml", 10, 14,
                   "`latency_ms` is only for async ops; a synchronous op (async = false) returns "
                   "at once") +
                At("ops.toml", 12, 8, "op `check` is declared twice (first on line 7)"));
}

TEST_F(ScenarioFiles, NoteMistakes) {
  EXPECT_EQ(
      Errors(
          "notes.toml",
          "title = \"T\"\nscript = 'x'\n[[note]]\nstep = -1\ntext = \"a\"\n[[note]]\nstep = 2\n"),
      At("notes.toml", 4, 8, "`step` must not be negative (got -1)") +
          At("notes.toml", 6, 1, "missing required key `text` in [[note]]"));
}

TEST_F(ScenarioFiles, SpawnMistakes) {
  EXPECT_EQ(Errors("spawn.toml", "title = \"T\"\nscript = 'x'\nspawn = []\n"),
            At("spawn.toml", 3, 9, "`spawn` must name at least one task, e.g. [\"main()\"]"));
  EXPECT_EQ(Errors("spawn2.toml", "title = \"T\"\nscript = 'x'\nspawn = [\"main()\", \"\"]\n"),
            At("spawn2.toml", 3, 20, "`spawn` entries must not be empty"));
}

TEST_F(ScenarioFiles, StepBudgetRange) {
  EXPECT_EQ(Errors("budget.toml", "title = \"T\"\nscript = 'x'\nstep_budget = 0\n"),
            At("budget.toml", 3, 15, "`step_budget` must be between 1 and 1000000000 (got 0)"));
}

TEST_F(ScenarioFiles, ScriptFileNotFound) {
  EXPECT_EQ(Errors("nf.toml", "title = \"T\"\nscript_file = \"missing.rs\"\n"),
            At("nf.toml", 2, 15,
               fmt::format("script file `{}` not found", (dir_ / "missing.rs").string())));
}

TEST_F(ScenarioFiles, ScriptFileUnreadable) {
  fs::create_directories(dir_ / "adir.rs");
  EXPECT_EQ(
      Errors("ur.toml", "title = \"T\"\nscript_file = \"adir.rs\"\n"),
      At("ur.toml", 2, 15,
         fmt::format("cannot read script file `{}`: Is a directory", (dir_ / "adir.rs").string())));
}

TEST_F(ScenarioFiles, ScriptFileEmpty) {
  Write("empty.rs", "\n  \n");
  EXPECT_EQ(
      Errors("se.toml", "title = \"T\"\nscript_file = \"empty.rs\"\n"),
      At("se.toml", 2, 15, fmt::format("script file `{}` is empty", (dir_ / "empty.rs").string())));
}

TEST_F(ScenarioFiles, BothScriptAndScriptFile) {
  Write("s.rs", "fn main() {}\n");
  EXPECT_EQ(Errors("both.toml", "title = \"T\"\nscript_file = \"s.rs\"\nscript = 'fn main() {}'\n"),
            At("both.toml", 3, 1, "give either `script` or `script_file`, not both"));
}

TEST_F(ScenarioFiles, NeitherScriptNorScriptFile) {
  EXPECT_EQ(Errors("neither.toml", "title = \"T\"\n"),
            At("neither.toml", 1, 1,
               "no script: give `script` (inline) or `script_file` (a .rs file next to this one)"));
}

TEST_F(ScenarioFiles, EmptyInlineScript) {
  EXPECT_EQ(Errors("ei.toml", "title = \"T\"\nscript = '''\n'''\n"),
            At("ei.toml", 2, 10, "`script` is empty"));
}

TEST_F(ScenarioFiles, EmptyFile) {
  EXPECT_EQ(Errors("empty.toml", ""), At("empty.toml", 1, 1, "file is empty"));
  EXPECT_EQ(Errors("blank.toml", "\n \n"), At("blank.toml", 1, 1, "file is empty"));
  EXPECT_EQ(Errors("empty.rs", ""), At("empty.rs", 1, 1, "file is empty"));
}

TEST_F(ScenarioFiles, MissingFileHasNoPosition) {
  Diagnostics d;
  std::string p = (dir_ / "nothere.toml").string();
  EXPECT_FALSE(LoadScenario(p, d).has_value());
  EXPECT_EQ(d.Headlines(), p + ": error: file not found\n");
}

TEST_F(ScenarioFiles, UnreadableFile) {
  fs::create_directories(dir_ / "dir.toml");
  Diagnostics d;
  std::string p = (dir_ / "dir.toml").string();
  EXPECT_FALSE(LoadScenario(p, d).has_value());
  EXPECT_EQ(d.Headlines(), p + ": error: cannot read file: Is a directory\n");
}

TEST_F(ScenarioFiles, BinaryGarbage) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919 + 13) % 256));
  std::string headlines = Errors("garbage.toml", garbage);
  EXPECT_EQ(headlines, At("garbage.toml", 1, 2,
                          "invalid UTF-8 (byte 0xFC); a scenario file must be UTF-8 text"));
  EXPECT_EQ(Errors("ctrl.toml", std::string("\x01\x02\x00\x7f", 4)),
            At("ctrl.toml", 1, 1,
               "TOML syntax error in root table: expected keys, tables, whitespace or comments, "
               "saw '\\u0001'"));
  EXPECT_EQ(Errors("nul.toml", std::string("title = \"a\0b\"\n", 14)),
            At("nul.toml", 1, 11,
               "TOML syntax error in string: unescaped control characters other than TAB (U+0009) "
               "are explicitly "
               "prohibited"));
  EXPECT_EQ(
      Errors("utf8.toml", "title = \"a\xff\"\n"),
      At("utf8.toml", 1, 11, "invalid UTF-8 (byte 0xFF); a scenario file must be UTF-8 text"));
  EXPECT_EQ(
      Errors("utf8b.toml", "title = \"T\"\n# caf\xc3\xa9 \xc3(\n"),
      At("utf8b.toml", 2, 9, "invalid UTF-8 (byte 0xC3); a scenario file must be UTF-8 text"));
}

TEST_F(ScenarioFiles, MegabyteLine) {
  std::string line = "title = \"" + std::string(1 << 20, 'x') + "\"\nscript = 'x'\n";
  EXPECT_EQ(
      Errors("long.toml", line),
      At("long.toml", 1, 1,
         "line is too long (1048586 bytes; a scenario file's lines may have at most 65536 bytes)"));
  EXPECT_EQ(
      Errors("long2.toml", "title = \"T\"\n" + std::string(1 << 20, '[') + "\n"),
      At("long2.toml", 2, 1,
         "line is too long (1048576 bytes; a scenario file's lines may have at most 65536 bytes)"));
}

TEST_F(ScenarioFiles, DeepNestingIsAnErrorNotACrash) {
  std::string headlines =
      Errors("deep.toml", "title = \"T\"\nx = " + std::string(60000, '[') + "\n");
  EXPECT_NE(headlines.find("deep.toml:2:"), std::string::npos) << headlines;
  EXPECT_NE(headlines.find("TOML syntax error"), std::string::npos) << headlines;
}

TEST_F(ScenarioFiles, MutatedFilesNeverThrowAndAlwaysExplainFailure) {
  std::ifstream in(kScenarioDir + "/add_to_inbox.toml", std::ios::binary);
  std::string base((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(base.empty());
  static const char kBits[] = "[]=\"'\n.x#{}";
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 400; ++round) {
    std::string text = base;
    for (int k = 0; k < 1 + round % 4; ++k) {
      uint32_t r = next();
      size_t at = (r >> 8) % text.size();
      if (r % 3 == 0)
        text[at] = static_cast<char>(next() >> 24);
      else if (r % 3 == 1)
        text.erase(at, 1 + (next() >> 28));
      else
        text.insert(at, 1, kBits[(next() >> 24) % sizeof kBits]);  // the NUL included
      if (text.empty()) text = "x";
    }
    Diagnostics d;
    std::optional<Scenario> s;
    EXPECT_NO_THROW(s = LoadScenarioText((dir_ / "m.toml").string(), text, d));
    if (!s) EXPECT_TRUE(d.HasErrors()) << text;
  }
}

TEST_F(ScenarioFiles, ErrorsAreCollectedInFileOrder) {
  // toml++ keeps keys sorted; the messages still come in the order of the file.
  EXPECT_EQ(Errors("order.toml", "zeta = 1\ntitle = \"T\"\nalpha = 2\nscript = 'x'\n"),
            At("order.toml", 1, 1, "unknown key `zeta` in scenario") +
                At("order.toml", 3, 1, "unknown key `alpha` in scenario"));
}

TEST_F(ScenarioFiles, ListScenariosSkipsBrokenFilesAndReportsThem) {
  Write("b.toml", "title = \"B\"\nid = \"zz\"\nscript = 'x'\n");
  Write("a.toml", "title = \"A\"\nid = \"yy\"\nscript = 'x'\n");
  Write("c.toml", "title = \n");
  Write("d.rs", "fn main() {}\n");  // only .toml files are listed
  fs::create_directories(dir_ / "nested");
  std::ofstream((dir_ / "nested" / "e.toml").string()) << "title = \"E\"\nscript = 'x'\n";
  Diagnostics d;
  std::vector<ScenarioInfo> list = ListScenarios(dir_.string(), d);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "yy");
  EXPECT_EQ(list[0].title, "A");
  EXPECT_EQ(list[0].path, (dir_ / "a.toml").string());
  EXPECT_EQ(list[1].id, "zz");
  EXPECT_EQ(d.ErrorCount(), 1u);
  EXPECT_EQ(d.items()[0].file, (dir_ / "c.toml").string());
}

TEST_F(ScenarioFiles, ListScenariosOfAMissingDirectory) {
  Diagnostics d;
  std::string p = (dir_ / "none").string();
  EXPECT_TRUE(ListScenarios(p, d).empty());
  EXPECT_EQ(d.Headlines(), p + ": error: cannot list scenarios: No such file or directory\n");
}

}  // namespace
}  // namespace aws
