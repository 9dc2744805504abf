// The editor's model (no window): the draft, the debounce, re-lowering with the last good version
// kept on errors, and where errors land in the editor text; then the same through App commands.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "awaitscope/trace_io.h"
#include "gui/app.h"
#include "present/editor.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";
const std::string kExample = kScenarios + "/example.toml";
const std::string kExampleRs = kScenarios + "/example.rs";
const std::string kMissingName = ":6:24: error: cannot find value `min_len2` in this scope";

std::string Replace(std::string text, const std::string& find, const std::string& with) {
  size_t at = text.find(find);
  EXPECT_NE(at, std::string::npos) << find;
  if (at != std::string::npos) text.replace(at, find.size(), with);
  return text;
}

TEST(Editor, TheDraftIsTheLoadedScenario) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kExample, diags));
  EditorState e;
  SyncEditor(s, e);
  ASSERT_TRUE(e.loaded);
  EXPECT_EQ(e.script, s.scenario()->script.text());
  EXPECT_EQ(e.draft.executor, "waker");
  ASSERT_EQ(e.draft.files.size(), 2u);
  EXPECT_EQ(e.draft.files[0].name, "foo.txt");
  EXPECT_EQ(e.draft.files[0].read_latency_ms, 30);
  Scenario edited = EditedScenario(s, e);
  EXPECT_EQ(edited.script.name(), kExampleRs);
  EXPECT_EQ(edited.script.text(), s.scenario()->script.text());
}

TEST(Editor, ChangesApplyAfterTheDebounceFrames) {
  EditorState e;
  EXPECT_FALSE(TickEditor(e));  // nothing pending
  MarkEdited(e);
  int frames = 0;
  while (!TickEditor(e)) ++frames;
  EXPECT_EQ(frames, kEditDebounceFrames);
  EXPECT_FALSE(TickEditor(e));
  // Typing on restarts the wait.
  MarkEdited(e);
  for (int i = 0; i < kEditDebounceFrames - 1; ++i) EXPECT_FALSE(TickEditor(e));
  MarkEdited(e);
  frames = 0;
  while (!TickEditor(e)) ++frames;
  EXPECT_EQ(frames, kEditDebounceFrames);
}

TEST(Editor, ABrokenEditKeepsTheLastGoodVersionAndAGoodOneReplacesIt) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kExample, diags));
  s.Seek(7);
  const std::string good_trace = TraceToText(s.trace(), s.program());
  EditorState e;
  SyncEditor(s, e);

  e.script = Replace(e.script, "< min_len {", "< min_len2 {");
  EXPECT_FALSE(ApplyEdit(s, e));
  EXPECT_EQ(e.headlines, kExampleRs + kMissingName + "\n");
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].line, 6u);
  EXPECT_EQ(e.errors[0].col, 24u);
  EXPECT_EQ(e.errors[0].caret_len, 8u);
  EXPECT_EQ(EditorLine(s, e.errors[0]), 5);  // the sixth line of the editor text
  EXPECT_EQ(e.applied, 0);
  // The session still runs (and shows) the previous program.
  EXPECT_EQ(TraceToText(s.trace(), s.program()), good_trace);
  EXPECT_EQ(s.scenario()->script.text().find("min_len2"), std::string::npos);
  EXPECT_EQ(s.cursor(), 7);

  // Fixed, and changed: min_len 3 makes "Hello" long enough, so bar.txt is never read.
  e.script = Replace(Replace(e.script, "min_len2", "min_len"), "example(100)", "example(3)");
  EXPECT_TRUE(ApplyEdit(s, e));
  EXPECT_TRUE(e.errors.empty());
  EXPECT_EQ(e.headlines, "");
  EXPECT_EQ(e.applied, 1);
  EXPECT_EQ(s.trace().summary.output, "Hello\n");
  EXPECT_NE(TraceToText(s.trace(), s.program()), good_trace);
  EXPECT_EQ(s.cursor(), 7);

  // Device parameters: foo.txt takes 70 ms on the busy executor.
  e.draft.files[0].read_latency_ms = 70;
  e.draft.executor = "busy";
  EXPECT_TRUE(ApplyEdit(s, e));
  EXPECT_EQ(s.trace().executor, "busy");
  EXPECT_EQ(s.trace().summary.end_time_ms, 70);
  // A negative latency is refused and listed; the run stays.
  e.draft.files[0].read_latency_ms = -1;
  EXPECT_FALSE(ApplyEdit(s, e));
  EXPECT_EQ(e.headlines, kExample + ": error: file `foo.txt`: latencies must not be negative\n");
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(EditorLine(s, e.errors[0]), -1);  // not a line of the script
  EXPECT_EQ(s.trace().summary.end_time_ms, 70);

  RevertEditor(s, e);
  EXPECT_TRUE(e.errors.empty());
  EXPECT_EQ(e.draft.files[0].read_latency_ms, 70);  // the last good version
}

TEST(Editor, AnInlineScriptsErrorsLandOnItsOwnLines) {
  fs::path dir = fs::temp_directory_path() / ("awaitscope_editor_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "inline.toml").string();
  std::ofstream(path) << "title = \"inline\"\n"
                         "script = '''\n"
                         "async fn main() {\n"
                         "    println!(\"hi\");\n"
                         "}\n"
                         "'''\n";
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(path, diags)) << diags.Render();
  EditorState e;
  SyncEditor(s, e);
  e.script = Replace(e.script, "println!(\"hi\");", "println!(\"{}\", nope);");
  EXPECT_FALSE(ApplyEdit(s, e));
  // Line 4 of the .toml is the second line of the script.
  EXPECT_EQ(e.headlines, path + ":4:20: error: cannot find value `nope` in this scope\n");
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(EditorLine(s, e.errors[0]), 1);
  fs::remove_all(dir);
}

TEST(Editor, AppCommandsApplyTheDraftAndALoadTakesANewOne) {
  App app;
  Diagnostics diags;
  ASSERT_TRUE(app.Load(kExample, diags));
  std::string script = app.session().scenario()->script.text();
  Command edit{CommandKind::ApplyEdit};
  edit.text = Replace(script, "< min_len {", "< min_len2 {");
  app.Push(edit);
  app.Apply();
  ASSERT_NE(app.view().editor, nullptr);
  EXPECT_EQ(app.view().editor->headlines, kExampleRs + kMissingName + "\n");
  EXPECT_EQ(app.session().trace().summary.output, "Hello World\n");

  edit.text = Replace(script, "example(100)", "example(3)");
  app.Push(edit);
  app.Apply();
  EXPECT_EQ(app.view().editor->headlines, "");
  EXPECT_EQ(app.session().trace().summary.output, "Hello\n");

  Command load{CommandKind::LoadScenario};
  load.text = kScenarios + "/keyboard_hi.toml";
  app.Push(load);
  app.Apply();
  EXPECT_EQ(app.view().editor, nullptr);  // the editor panel takes the new scenario next frame
}

}  // namespace
}  // namespace aws::gui

namespace aws::gui {
namespace {

// Only the error lines of some headlines.
std::string ErrorLines(const std::string& headlines) {
  std::string out;
  for (size_t start = 0; start < headlines.size();) {
    size_t nl = headlines.find('\n', start);
    std::string line = headlines.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (line.find(": error: ") != std::string::npos) out += line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// Every script of the bad-input corpus typed into the editor over the example: nothing crashes,
// the example keeps running, and the errors are the ones loading the file itself gives, at the
// same line:col (except a missing `main`: the example's spawn entry is in its .toml).
TEST(Editor, EveryBadScriptOfTheCorpusKeepsTheLastGoodVersion) {
  const fs::path bad_dir = fs::path(AWAITSCOPE_SOURCE_DIR) / "tests" / "bad";
  int rejected = 0;
  for (const auto& entry : fs::directory_iterator(bad_dir)) {
    const fs::path rs = entry.path();
    if (rs.extension() != ".rs") continue;
    const std::string name = rs.filename().string();
    Session bare;
    Diagnostics bare_diags;
    // Loading a script without `main` succeeds with the error in the run; the editor refuses it.
    const bool bare_ok = bare.Load(rs.string(), bare_diags) && !bare_diags.HasErrors();

    Session s;
    Diagnostics diags;
    ASSERT_TRUE(s.Load(kExample, diags));
    const std::string good_trace = TraceToText(s.trace(), s.program());
    const std::string good_script = s.scenario()->script.text();
    std::ifstream in(rs, std::ios::binary);
    EditorState e;
    SyncEditor(s, e);
    e.script.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const bool ok = ApplyEdit(s, e);
    EXPECT_EQ(ok, bare_ok) << name << "\n" << e.headlines << bare_diags.Headlines();
    if (ok) continue;
    ++rejected;
    EXPECT_EQ(TraceToText(s.trace(), s.program()), good_trace) << name;
    EXPECT_EQ(s.scenario()->script.text(), good_script) << name;
    const std::string want = ErrorLines(bare_diags.Headlines());
    // The example scenario spawns `main()` by name, so the editor reports a missing `main` at
    // its spawn entry, where running the bare script reports it at the script's end.
    if (want.find("`main` function not found") != std::string::npos) continue;
    // The editor names the example's script; loading names the corpus file.
    std::string got = ErrorLines(e.headlines);
    for (size_t at; (at = got.find(kExampleRs)) != std::string::npos;) got.replace(at, kExampleRs.size(), rs.string());
    EXPECT_EQ(got, want) << name;
  }
  EXPECT_GT(rejected, 60);
}

}  // namespace
}  // namespace aws::gui
