// `awaitscope run` as a user runs it: exit codes, the text and native JSON traces, replaying a
// native trace byte for byte (from another folder too), and the Chrome trace. Every command runs
// the real binary (AWAITSCOPE_BINARY) from the repo root, stdout and stderr captured apart.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
constexpr int kExitOk = 0;
constexpr int kExitFault = 1;
constexpr int kExitBadInput = 2;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

struct RunResult {
  int exit_code = -1;  // the exit status, or 128 + N when killed by signal N
  std::string out;
  std::string err;
  std::string command;
};

// Runs `awaitscope ARGS` (ARGS already shell-quoted where needed) in `cwd`.
RunResult RunCli(const std::string& args, const fs::path& cwd = kRoot) {
  static std::atomic<int> counter{0};
  fs::path err_file =
      fs::temp_directory_path() / ("awaitscope_run_cli_test_" + std::to_string(getpid()) + "_" +
                                   std::to_string(counter++) + ".stderr");
  RunResult r;
  r.command =
      "cd " + ShellQuote(cwd.string()) + " && " + std::string(AWAITSCOPE_BINARY) + " " + args;
  // Hang limits: 60 s of CPU (ulimit -t, not affected by a loaded machine), 600 s of wall time.
  std::string timeout = "ulimit -t 60 && exec " + std::string(fs::exists("/usr/bin/timeout") ? "/usr/bin/timeout -k 5 600 " : "");
  std::string cmd = "cd " + ShellQuote(cwd.string()) + " && unset AWAITSCOPE_SCENARIOS && " +
                    timeout + ShellQuote(AWAITSCOPE_BINARY) + " " + args + " 2>" +
                    ShellQuote(err_file.string());
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    r.out.append(buf, n);
  int status = pclose(p);
  if (WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    r.exit_code = 128 + WTERMSIG(status);
  r.err = ReadFile(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return r;
}

std::string Describe(const RunResult& r) {
  return "\n  command: " + r.command + "\n  exit: " + std::to_string(r.exit_code) +
         "\n  stdout:\n" + r.out.substr(0, 3000) + "\n  stderr:\n" + r.err.substr(0, 3000);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// Each test gets a scratch folder of its own, removed afterwards.
class RunCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("awaitscope_run_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// [SECTION] Text trace and exit codes

TEST_F(RunCliTest, ExampleRunsAndPrintsOneLinePerEventThenTheSummary) {
  RunResult r = RunCli("run scenarios/example.toml");
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 10u) << Describe(r);
  for (size_t i = 0; i + 1 < lines.size(); ++i)
    EXPECT_EQ(lines[i].rfind("t=", 0), 0u) << lines[i];
  EXPECT_EQ(lines.back().rfind(
                "summary: polls=3 pending=2 ready=1 wakes=2 end_time=50ms end=finished output=", 0),
            0u)
      << lines.back();
  // The documents' `example`: Start -> WaitingOnFooTxt -> WaitingOnBarTxt -> End, two disk reads.
  auto find = [&](const std::string& needle, size_t from) {
    for (size_t i = from; i < lines.size(); ++i)
      if (lines[i].find(needle) != std::string::npos) return i;
    ADD_FAILURE() << "no line with `" << needle << "` after line " << from << Describe(r);
    return lines.size();
  };
  size_t at = find("t=0ms spawn task=0 future=main#0 main()", 0);
  at = find("t=0ms poll_begin task=0 future=main#0 depth=0", at);
  at = find("future=example#1 Start -> WaitingOnFooTxt {min_len=100", at);
  at = find("t=0ms device_start device=disk request=1 due=30ms read foo.txt", at);
  at = find("t=0ms register waker=W0 future=async_read_file(\"foo.txt\")#2 device=disk", at);
  at = find("t=0ms poll_end task=0 future=main#0 depth=0 -> Pending", at);
  at = find("t=30ms wake task=0 waker=W0 by=disk", at);
  at = find("WaitingOnFooTxt -> WaitingOnBarTxt {content=\"Hello\"", at);
  at = find("t=50ms print task=0 \"Hello World", at);
  find("t=50ms run_end reason=finished", at);
  EXPECT_EQ(r.err, "");
}

TEST_F(RunCliTest, SameRunTwiceIsByteIdentical) {
  RunResult a = RunCli("run scenarios/two_tasks.toml");
  RunResult b = RunCli("run scenarios/two_tasks.toml");
  ASSERT_EQ(a.exit_code, kExitOk) << Describe(a);
  EXPECT_EQ(a.out, b.out);
}

TEST_F(RunCliTest, MissingFileIsBadInput) {
  RunResult r = RunCli("run scenarios/no_such_scenario.toml");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "scenarios/no_such_scenario.toml: error: file not found\n");
}

TEST_F(RunCliTest, UnknownExecutorIsAUsageError) {
  RunResult r = RunCli("run scenarios/example.toml --executor fast");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find("--executor"), std::string::npos) << Describe(r);
  EXPECT_EQ(r.out, "");
}

TEST_F(RunCliTest, UnknownFormatAndMissingFileArgumentAreUsageErrors) {
  EXPECT_EQ(RunCli("run scenarios/example.toml --format xml").exit_code, kExitBadInput);
  EXPECT_EQ(RunCli("run").exit_code, kExitBadInput);
}

TEST_F(RunCliTest, BrokenScenarioIsBadInputWithItsDiagnostics) {
  WriteFile(Path("broken.rs"), "async fn main() {\n    let x: u32 = \"no\";\n}\n");
  RunResult r = RunCli("run " + ShellQuote(Path("broken.rs")));
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find(Path("broken.rs") + ":2:"), std::string::npos) << Describe(r);
  EXPECT_EQ(r.out, "");
}

TEST_F(RunCliTest, BareScriptRunsOnTheWakerExecutorWithTheDefaultFiles) {
  WriteFile(Path("mine.rs"),
            "async fn main() {\n    let s = async_read_file(\"bar.txt\").await;\n    "
            "println!(\"got{}\", s);\n}\n");
  RunResult r = RunCli("run " + ShellQuote(Path("mine.rs")) + " --format json");
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["executor"], "waker");
  EXPECT_EQ(j["scenario"], "mine");
  EXPECT_EQ(j["summary"]["output"], "got World\n");
  EXPECT_EQ(j["summary"]["end_time_ms"], 20);  // bar.txt: 20 ms
}

TEST_F(RunCliTest, ExecutorOverrideChangesTheRun) {
  RunResult r = RunCli("run scenarios/example.toml --executor busy --format json");
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["executor"], "busy");
  EXPECT_EQ(j["options"]["executor"], "busy");
  EXPECT_GT(j["summary"]["polls"].get<int>(), 3);  // one poll per 1 ms tick
  EXPECT_EQ(j["summary"]["wakes"], 0);
}

TEST_F(RunCliTest, FaultingScenarioExitsOneAndStillPrintsItsTrace) {
  RunResult r = RunCli("run scenarios/never_yields.toml");
  EXPECT_EQ(r.exit_code, kExitFault) << Describe(r);
  ASSERT_FALSE(r.out.empty());
  EXPECT_NE(Lines(r.out).back().find("end=faulted"), std::string::npos) << Describe(r);
  EXPECT_NE(r.err.find("scenarios/never_yields.toml: "), std::string::npos) << Describe(r);
}

// [SECTION] Native JSON

TEST_F(RunCliTest, JsonHasTheDocumentedKeysAndSummary) {
  RunResult r = RunCli("run scenarios/example.toml --format json");
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["format"], "awaitscope-trace");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["scenario"], "example");
  EXPECT_EQ(j["executor"], "waker");
  for (const char* key : {"polls", "pending", "ready", "wakes", "end_time_ms", "output"})
    EXPECT_TRUE(j["summary"].contains(key)) << key;
  EXPECT_EQ(j["summary"]["polls"], 3);
  EXPECT_EQ(j["summary"]["pending"], 2);
  EXPECT_EQ(j["summary"]["ready"], 1);
  EXPECT_EQ(j["summary"]["wakes"], 2);
  EXPECT_EQ(j["summary"]["end_time_ms"], 50);
  EXPECT_EQ(j["summary"]["output"].get<std::string>().rfind("Hello World", 0), 0u);
  EXPECT_EQ(j["source"]["path"], "scenarios/example.toml");
  EXPECT_EQ(j["source"]["text"], ReadFile(kRoot / "scenarios/example.toml"));
  EXPECT_EQ(j["source"]["script_path"], "scenarios/example.rs");
  EXPECT_EQ(j["source"]["script_text"], ReadFile(kRoot / "scenarios/example.rs"));
  EXPECT_TRUE(j["injected"].is_array());
  ASSERT_TRUE(j["events"].is_array());
  ASSERT_FALSE(j["events"].empty());
  int64_t step = 0, polls = 0;
  for (const json& e : j["events"]) {
    EXPECT_EQ(e["step"], step++);
    EXPECT_TRUE(e.contains("t_ms") && e.contains("kind") && e.contains("line")) << e;
    if (e["kind"] == "poll_begin" && e["depth"] == 0) ++polls;
  }
  EXPECT_EQ(polls, 3);
  EXPECT_EQ(j["events"].back()["kind"], "run_end");
}

TEST_F(RunCliTest, OutThenReplayIsByteIdentical) {
  std::string x = Path("x.json");
  RunResult r = RunCli("run scenarios/example.toml --format json --out " + ShellQuote(x));
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  // With --out, stdout carries only the summary line.
  EXPECT_EQ(r.out.rfind("summary: polls=3 ", 0), 0u) << Describe(r);
  EXPECT_EQ(Lines(r.out).size(), 1u);
  std::string written = ReadFile(x);
  ASSERT_FALSE(written.empty());

  RunResult again = RunCli("run " + ShellQuote(x) + " --format json");
  ASSERT_EQ(again.exit_code, kExitOk) << Describe(again);
  EXPECT_EQ(again.out, written);

  // The text trace of the replay equals the text trace of the scenario.
  EXPECT_EQ(RunCli("run " + ShellQuote(x)).out, RunCli("run scenarios/example.toml").out);
}

TEST_F(RunCliTest, ReplayNeedsNothingButTheTrace) {
  // Written from a scenario whose script sits next to it; replayed after both are gone.
  WriteFile(Path("lesson.toml"), "title = \"lesson\"\nscript_file = \"lesson.rs\"\n");
  WriteFile(Path("lesson.rs"),
            "async fn main() {\n    println!(\"{}\", async_read_file(\"foo.txt\").await);\n}\n");
  std::string trace = Path("lesson.json");
  RunResult r = RunCli("run lesson.toml --format json --out lesson.json", dir_);
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::string written = ReadFile(trace);
  fs::remove(Path("lesson.rs"));
  WriteFile(Path("lesson.toml"), "garbage");
  RunResult again = RunCli("run " + ShellQuote(trace) + " --format json");
  ASSERT_EQ(again.exit_code, kExitOk) << Describe(again);
  EXPECT_EQ(again.out, written);
}

TEST_F(RunCliTest, InjectedKeysAreReplayed) {
  std::string x = Path("k.json");
  ASSERT_EQ(RunCli("run scenarios/keyboard_hi.toml --format json --out " + ShellQuote(x)).exit_code,
            kExitOk);
  json j = json::parse(ReadFile(x));
  std::string before = j["summary"]["output"];
  j["injected"] =
      json::array({{{"t_ms", 400}, {"scancode", 0x23}}, {{"t_ms", 450}, {"scancode", 0x17}}});
  std::string edited = Path("k2.json");
  WriteFile(edited, j.dump(1));

  std::string y = Path("k3.json");
  RunResult r = RunCli("run " + ShellQuote(edited) + " --format json --out " + ShellQuote(y));
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  json k = json::parse(ReadFile(y));
  EXPECT_EQ(k["injected"], j["injected"]);
  EXPECT_EQ(k["summary"]["output"], before + "hi");  // 0x23 'h', 0x17 'i' (print!: one line)
  int injects = 0;
  for (const json& e : k["events"])
    if (e["kind"] == "inject") ++injects;
  EXPECT_EQ(injects, 2);
  // ...and the replay of that trace is byte-identical.
  EXPECT_EQ(RunCli("run " + ShellQuote(y) + " --format json").out, ReadFile(y));
}

TEST_F(RunCliTest, BrokenNativeTraceIsBadInputWithAPosition) {
  WriteFile(Path("bad.json"),
            "{\n  \"format\": \"awaitscope-trace\",\n  \"version\": 1,\n  oops\n}\n");
  RunResult r = RunCli("run " + ShellQuote(Path("bad.json")));
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.err.rfind(Path("bad.json") + ":4:3: error: invalid JSON: ", 0), 0u) << Describe(r);

  WriteFile(Path("other.json"), "{\"traceEvents\": []}\n");
  r = RunCli("run " + ShellQuote(Path("other.json")));
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find("not an awaitscope trace"), std::string::npos) << Describe(r);
}

// [SECTION] Chrome trace

TEST_F(RunCliTest, ChromeTraceIsWrittenAndParses) {
  std::string c = Path("c.json");
  RunResult r = RunCli("run scenarios/example.toml --chrome-trace " + ShellQuote(c));
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(Lines(r.out).back().rfind("summary: ", 0), 0u);  // the text trace still on stdout
  json j = json::parse(ReadFile(c));
  ASSERT_TRUE(j["traceEvents"].is_array());
  std::map<std::string, int> phases;
  std::vector<std::string> threads;
  for (const json& e : j["traceEvents"]) {
    phases[e["ph"]]++;
    if (e["ph"] == "M" && e["name"] == "thread_name") threads.push_back(e["args"]["name"]);
  }
  EXPECT_EQ(threads, (std::vector<std::string>{"executor (waker)", "task 0: main()", "disk"}));
  EXPECT_EQ(phases["s"], 2);  // two wakes, each flowing to the next poll
  EXPECT_EQ(phases["f"], 2);
  EXPECT_GE(phases["X"], 9);  // 3 top-level polls, their inner polls, wakes, hlt
  EXPECT_GE(phases["C"], 1);
  EXPECT_GE(phases["i"], 2);
  // Written twice: the same bytes.
  std::string d = Path("d.json");
  ASSERT_EQ(RunCli("run scenarios/example.toml --chrome-trace " + ShellQuote(d)).exit_code,
            kExitOk);
  EXPECT_EQ(ReadFile(c), ReadFile(d));
}

// speedscope cannot open a Chrome trace named *.chrome.json (it reads the name as a DevTools
// profile): the file is still written, with a note naming the suffix that works.
TEST_F(RunCliTest, ChromeTraceNamedDotChromeJsonGetsANote) {
  std::string c = Path("x.chrome.json");
  RunResult r = RunCli("run scenarios/example.toml --chrome-trace " + ShellQuote(c));
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, c + ": note: speedscope reads names ending in .chrome.json as a DevTools profile and "
                       "cannot open this file; Perfetto can. Name it .chrome-trace.json for both.\n");
  EXPECT_TRUE(json::parse(ReadFile(c))["traceEvents"].is_array());
  r = RunCli("run scenarios/example.toml --chrome-trace " + ShellQuote(Path("x.chrome-trace.json")));
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, "");
}

TEST_F(RunCliTest, UnwritableOutputIsBadInput) {
  RunResult r = RunCli("run scenarios/example.toml --out " + ShellQuote(Path("no/such/dir/x.txt")));
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << Describe(r);
}

// [SECTION] memory events (issue 5)

TEST_F(RunCliTest, JsonIncludesMemoryEventsWithAddressesAndTheDanglingReadIsPositioned) {
  RunResult r = RunCli("run --format json scenarios/pin_example_moved.toml");
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err,
            "scenarios/pin_example.rs:8:5: error: undefined behaviour: a pointer to array[2] holds 0x1001C, but "
            "array[2] has moved to 0x1002C. 0x1001C is stale memory left behind by the move: its old bytes still read "
            "3, by luck; the program meant array[2] at 0x1002C, and once the old place is reused it reads garbage\n"
            "      *element\n"
            "      ^^^^^^^^\n");
  json j = json::parse(r.out);
  std::map<std::string, int> kinds;
  const json* move = nullptr;
  const json* dangling = nullptr;
  for (const json& e : j["events"]) {
    std::string k = e["kind"];
    kinds[k]++;
    if (k == "mem_move") move = &e;
    if (k == "mem_dangling") dangling = &e;
  }
  EXPECT_EQ(kinds["mem_move"], 1);
  EXPECT_EQ(kinds["mem_dangling"], 1);
  EXPECT_GE(kinds["mem_alloc"], 2);
  EXPECT_GE(kinds["mem_write"], 2);
  ASSERT_NE(move, nullptr);
  EXPECT_EQ((*move)["from"], "0x10010");
  EXPECT_EQ((*move)["to"], "0x10020");
  const json& block = (*move)["blocks"][0];
  EXPECT_EQ(block["address"], "0x10020");
  EXPECT_EQ(block["moved_from"], "0x10010");
  EXPECT_EQ(block["pinned"], true);
  EXPECT_EQ(block["unpin"], false);
  bool found = false;
  for (const json& f : block["fields"]) {
    if (f["name"] != "element") continue;
    found = true;
    EXPECT_EQ(f["offset"], 16);
    EXPECT_EQ(f["target"], "0x1001C");
    EXPECT_EQ(f["target_name"], "array[2]");
    EXPECT_EQ(f["dangling"], true);
  }
  EXPECT_TRUE(found);
  ASSERT_NE(dangling, nullptr);
  EXPECT_EQ((*dangling)["address"], "0x1001C");
  EXPECT_EQ((*dangling)["line"], 8);
  // The native trace replays to the same text.
  std::string x = Path("moved.json");
  WriteFile(x, r.out);
  EXPECT_EQ(RunCli("run " + ShellQuote(x)).out, RunCli("run scenarios/pin_example_moved.toml").out);
}

TEST_F(RunCliTest, LowerReportsSelfReferentialFields) {
  RunResult r = RunCli("lower scenarios/pin_example.toml");
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_NE(r.out.find("state machine `PinExampleStateMachine`: 72 bytes, align 8, self-referential (!Unpin)"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("element: &i32 @16 (local, points into array)"), std::string::npos) << r.out;
}

TEST_F(RunCliTest, HelpDescribesRun) {
  RunResult r = RunCli("run --help");
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  for (const char* word : {"--executor", "--format", "--out", "--chrome-trace", "native trace"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << Describe(r);
}

}  // namespace
