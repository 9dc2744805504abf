// The `awaitscope` command line as a user runs it: help and version, usage errors, `list`,
// `check` over the shipped scenarios, and `lower --format json` on the documents' `example`.
// Every command runs the real binary (AWAITSCOPE_BINARY) from the repo root, with stdout and
// stderr captured separately.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
const std::string kVersion = "awaitscope 0.1.0";

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
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
  fs::path err_file = fs::temp_directory_path() / ("awaitscope_cli_test_" + std::to_string(getpid()) + "_" +
                                                   std::to_string(counter++) + ".stderr");
  RunResult r;
  r.command = "cd " + ShellQuote(cwd.string()) + " && " + std::string(AWAITSCOPE_BINARY) + " " + args;
  // Hang limits: 60 s of CPU (ulimit -t, not affected by a loaded machine), 600 s of wall time.
  std::string timeout = "ulimit -t 60 && exec " + std::string(fs::exists("/usr/bin/timeout") ? "/usr/bin/timeout -k 5 600 " : "");
  std::string cmd = "cd " + ShellQuote(cwd.string()) + " && unset AWAITSCOPE_SCENARIOS && " + timeout +
                    ShellQuote(AWAITSCOPE_BINARY) + " " + args + " 2>" + ShellQuote(err_file.string());
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  r.err = ReadFile(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return r;
}

std::string Describe(const RunResult& r) {
  return "\n  command: " + r.command + "\n  exit: " + std::to_string(r.exit_code) + "\n  stdout:\n" +
         r.out.substr(0, 3000) + "\n  stderr:\n" + r.err.substr(0, 3000);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The shipped scenarios: id (the `id` key, else the file stem) -> title, read from the files.
// Top-level `key = "basic string"` lines only, which is how every shipped scenario writes them.
std::string UnquoteBasic(const std::string& v) {
  std::string out;
  for (size_t i = 1; i + 1 < v.size(); ++i) {
    if (v[i] == '\\' && i + 2 < v.size()) {
      char e = v[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += v[i];
    }
  }
  return out;
}

std::map<std::string, std::string> ShippedScenarios() {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot / "scenarios")) {
    if (e.path().extension() != ".toml") continue;
    std::string id = e.path().stem().string(), title;
    for (const std::string& line : Lines(ReadFile(e.path()))) {
      if (!line.empty() && line[0] == '[') break;  // sub-tables follow the top-level keys
      auto value = [&](const std::string& key) -> std::optional<std::string> {
        std::string k = key + " = \"";
        if (line.rfind(k, 0) != 0 || line.back() != '"') return std::nullopt;
        return UnquoteBasic(line.substr(key.size() + 3));
      };
      if (auto t = value("title")) title = *t;
      if (auto i = value("id")) id = *i;
    }
    out[id] = title;
  }
  return out;
}

std::vector<std::string> ShippedTomlPaths() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot / "scenarios"))
    if (e.path().extension() == ".toml") out.push_back("scenarios/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// ---- help and version

TEST(CliHelp, AppAndEverySubcommandPrintHelpAndExitZero) {
  for (const std::string args : {"--help", "-h", "lower --help", "check --help", "list --help", "check -h"}) {
    SCOPED_TRACE(args);
    RunResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << Describe(r);
    EXPECT_EQ(r.err, "") << Describe(r);
  }
  // Each subcommand's help names its own options.
  EXPECT_NE(RunCli("lower --help").out.find("--format"), std::string::npos);
  EXPECT_NE(RunCli("list --help").out.find("--dir"), std::string::npos);
  std::string top = RunCli("--help").out;
  for (const char* sub : {"lower", "check", "list"}) EXPECT_NE(top.find(sub), std::string::npos) << sub;
}

TEST(CliVersion, AppAndEverySubcommandPrintTheVersion) {
  for (const std::string args : {"--version", "lower --version", "check --version", "list --version"}) {
    SCOPED_TRACE(args);
    RunResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_EQ(r.out, kVersion + "\n") << Describe(r);
    EXPECT_EQ(r.err, "") << Describe(r);
  }
}

// ---- usage errors: exit 2, a message on stderr, nothing on stdout

TEST(CliUsage, UnknownSubcommandMissingFileAndUnknownOptionsExitTwo) {
  for (const std::string args : {"bogus", "chek scenarios/example.toml", "check", "lower", "--bogus",
                                 "check --bogus scenarios/example.toml", "lower scenarios/example.toml --bogus",
                                 "lower scenarios/example.toml --format xml", "lower scenarios/example.toml --format",
                                 "lower scenarios/example.toml scenarios/write_file.toml", "list extra"}) {
    SCOPED_TRACE(args);
    RunResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
    EXPECT_NE(r.err, "") << "a usage error must say what is wrong" << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
  }
}

TEST(CliUsage, FileThatDoesNotExistExitsTwo) {
  for (const std::string sub : {"check", "lower"}) {
    SCOPED_TRACE(sub);
    RunResult r = RunCli(sub + " tests/bad/no_such_file.rs");
    EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
    EXPECT_EQ(r.err, "tests/bad/no_such_file.rs: error: file not found\n") << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
  }
}

// ---- list

TEST(CliList, PrintsEveryShippedScenarioIdWithItsTitle) {
  std::map<std::string, std::string> shipped = ShippedScenarios();
  ASSERT_FALSE(shipped.empty());
  RunResult r = RunCli("list");
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, "") << Describe(r);
  std::vector<std::string> lines = Lines(r.out);
  EXPECT_EQ(lines.size(), shipped.size()) << Describe(r);
  std::map<std::string, std::string> listed;  // id -> whole line
  for (const std::string& line : lines) {
    std::string id = line.substr(0, line.find(' '));
    EXPECT_TRUE(listed.emplace(id, line).second) << "listed twice: " << id;
  }
  for (const auto& [id, title] : shipped) {
    SCOPED_TRACE(id);
    auto it = listed.find(id);
    ASSERT_NE(it, listed.end()) << "scenario `" << id << "` is not listed" << Describe(r);
    ASSERT_FALSE(title.empty());
    const std::string& line = it->second;
    ASSERT_GE(line.size(), title.size());
    EXPECT_EQ(line.substr(line.size() - title.size()), title) << "line: " << line;
  }
  for (const auto& [id, line] : listed) EXPECT_TRUE(shipped.count(id)) << "listed but not shipped: " << line;
  // Sorted by id.
  std::vector<std::string> ids;
  for (const std::string& line : lines) ids.push_back(line.substr(0, line.find(' ')));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(CliList, FindsTheShippedScenariosFromAnotherDirectory) {
  RunResult here = RunCli("list");
  RunResult elsewhere = RunCli("list", fs::temp_directory_path());
  EXPECT_EQ(elsewhere.exit_code, kExitOk) << Describe(elsewhere);
  EXPECT_EQ(elsewhere.out, here.out) << Describe(elsewhere);
}

TEST(CliList, MissingDirectoryExitsTwo) {
  RunResult r = RunCli("list --dir tests/bad/no_such_dir");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find("error:"), std::string::npos) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
}

// ---- check

TEST(CliCheck, EveryShippedScenarioIsClean) {
  std::vector<std::string> paths = ShippedTomlPaths();
  ASSERT_FALSE(paths.empty());
  std::string args = "check";
  for (const std::string& p : paths) args += " " + ShellQuote(p);
  RunResult r = RunCli(args);
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err.find("error:"), std::string::npos) << Describe(r);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), paths.size()) << Describe(r);
  for (size_t i = 0; i < paths.size(); ++i)
    EXPECT_EQ(lines[i].rfind(paths[i] + ": ok (", 0), 0u) << lines[i];
}

// One bad file among good ones: every file is still checked, and the exit code is 2.
TEST(CliCheck, ChecksEveryFileAndExitsTwoIfAnyIsBad) {
  RunResult r = RunCli("check scenarios/example.toml tests/bad/type_unknown_variable.rs scenarios/write_file.toml");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.out,
            "scenarios/example.toml: ok (2 state machines)\n"
            "scenarios/write_file.toml: ok (2 state machines)\n")
      << Describe(r);
  EXPECT_EQ(r.err.rfind("tests/bad/type_unknown_variable.rs:3:20: error: cannot find value `totl` in this scope\n", 0),
            0u)
      << Describe(r);
}

// ---- lower

nlohmann::json LowerJson(const std::string& file) {
  RunResult r = RunCli("lower " + ShellQuote(file) + " --format json");
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, "") << Describe(r);
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "stdout is not JSON" << Describe(r);
  return j;
}

// Every function, state, field and transition has the documented keys with the right types.
void ExpectDocumentedShape(const nlohmann::json& j) {
  ASSERT_TRUE(j.is_object());
  ASSERT_TRUE(j.contains("functions"));
  ASSERT_TRUE(j["functions"].is_array());
  ASSERT_FALSE(j["functions"].empty());
  for (const auto& f : j["functions"]) {
    ASSERT_TRUE(f.is_object());
    SCOPED_TRACE(f.value("name", "?"));
    EXPECT_TRUE(f["name"].is_string());
    EXPECT_TRUE(f["kind"].is_string());
    EXPECT_TRUE(f["size"].is_number_unsigned());
    EXPECT_TRUE(f["align"].is_number_unsigned());
    EXPECT_TRUE(f["desugared"].is_string());
    ASSERT_TRUE(f["states"].is_array());
    ASSERT_TRUE(f["transitions"].is_array());
    std::vector<std::string> names;
    for (size_t i = 0; i < f["states"].size(); ++i) {
      const auto& s = f["states"][i];
      EXPECT_EQ(s["index"], i);
      EXPECT_TRUE(s["name"].is_string());
      EXPECT_TRUE(s["label"].is_string());
      EXPECT_TRUE(s["size"].is_number_unsigned());
      EXPECT_LE(s["size"].get<uint64_t>(), f["size"].get<uint64_t>()) << "a state larger than its machine";
      ASSERT_TRUE(s["fields"].is_array());
      for (const auto& fld : s["fields"]) {
        EXPECT_TRUE(fld["name"].is_string());
        EXPECT_TRUE(fld["type"].is_string());
        EXPECT_TRUE(fld["size"].is_number_unsigned());
        EXPECT_TRUE(fld["offset"].is_number_unsigned());
        EXPECT_TRUE(fld["role"].is_string());
      }
      names.push_back(s["name"].get<std::string>());
    }
    for (const auto& t : f["transitions"]) {
      ASSERT_TRUE(t["from"].is_string());
      ASSERT_TRUE(t["to"].is_string());
      EXPECT_NE(std::find(names.begin(), names.end(), t["from"].get<std::string>()), names.end()) << t.dump();
      EXPECT_NE(std::find(names.begin(), names.end(), t["to"].get<std::string>()), names.end()) << t.dump();
    }
  }
}

TEST(CliLower, ExampleJsonHasTheDocumentedKeys) {
  nlohmann::json j = LowerJson("scenarios/example.toml");
  ExpectDocumentedShape(j);
}

TEST(CliLower, ExampleJsonStatesLabelsAndFields) {
  nlohmann::json j = LowerJson("scenarios/example.toml");
  ASSERT_TRUE(j.contains("functions"));
  const nlohmann::json* example = nullptr;
  for (const auto& f : j["functions"])
    if (f.value("name", "") == "example") example = &f;
  ASSERT_NE(example, nullptr) << j.dump(2);
  const auto& f = *example;
  EXPECT_EQ(f["kind"], "async fn");
  ASSERT_EQ(f["states"].size(), 5u) << f["states"].dump(2);

  struct Field {
    std::string name, role;
  };
  struct State {
    std::string name, label;
    std::vector<Field> fields;
  };
  const std::vector<State> want = {
      {"Unresumed", "Start", {{"min_len", "param"}}},
      {"Suspend0", "WaitingOnFooTxt", {{"min_len", "param"}, {"foo_txt_future", "awaitee"}}},
      {"Suspend1", "WaitingOnBarTxt", {{"content", "local"}, {"bar_txt_future", "awaitee"}}},
      {"Returned", "End", {}},
      {"Panicked", "Panicked", {}},
  };
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& s = f["states"][i];
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(s["index"], i);
    EXPECT_EQ(s["name"], want[i].name);
    EXPECT_EQ(s["label"], want[i].label);
    ASSERT_EQ(s["fields"].size(), want[i].fields.size()) << s["fields"].dump(2);
    for (size_t k = 0; k < want[i].fields.size(); ++k) {
      EXPECT_EQ(s["fields"][k]["name"], want[i].fields[k].name);
      EXPECT_EQ(s["fields"][k]["role"], want[i].fields[k].role);
    }
  }
  // The types the blog post names: the parameter, the String it read, the two read futures.
  EXPECT_EQ(f["states"][0]["fields"][0]["type"], "usize");
  EXPECT_EQ(f["states"][2]["fields"][0]["type"], "String");
  // The machine is as large as its largest state, and every transition joins two of its states.
  uint64_t largest = 0;
  for (const auto& s : f["states"]) largest = std::max(largest, s["size"].get<uint64_t>());
  EXPECT_GE(f["size"].get<uint64_t>(), largest);
  bool start_to_foo = false;
  for (const auto& t : f["transitions"])
    start_to_foo |= t["from"] == "Unresumed" && t["to"] == "Suspend0";
  EXPECT_TRUE(start_to_foo) << f["transitions"].dump(2);
}

TEST(CliLower, EveryShippedScenarioLowersToJson) {
  for (const std::string& p : ShippedTomlPaths()) {
    SCOPED_TRACE(p);
    if (p.ends_with("echo_server_sync.toml") || p.ends_with("epoll_loop.toml") ||
        p.ends_with("preemptive_threads.toml")) {  // plain code only: no async fn, no machine
      EXPECT_EQ(LowerJson(p)["functions"], nlohmann::json::array());
      continue;
    }
    ExpectDocumentedShape(LowerJson(p));
  }
}

TEST(CliLower, TextFormatIsTheDefault) {
  RunResult r = RunCli("lower scenarios/example.toml");
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_NE(r.out.find("example"), std::string::npos) << Describe(r);
  EXPECT_NE(r.out.find("--- desugared: example ---"), std::string::npos) << Describe(r);
  EXPECT_EQ(RunCli("lower scenarios/example.toml --format text").out, r.out);
}

TEST(CliLower, BadInputExitsTwoWithDiagnosticsOnly) {
  RunResult r = RunCli("lower tests/bad/type_unknown_variable.rs --format json");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
  EXPECT_NE(r.err.find("error: cannot find value `totl`"), std::string::npos) << Describe(r);
}

}  // namespace

namespace {

// A teacher's file with one `async fn` and no `main`: `lower` and `check` take it as it is (rustc
// would want a `main` only to build a binary); `run` has nothing to spawn and says so (bad input,
// exit 2) at the end of the file, where a `main` would go. The same file is tests/bad's
// run_no_main case for `run`.
TEST(CliNoMain, LowerAndCheckNeedNoMainRunSaysItIsMissing) {
  const std::string file = "tests/bad/run_no_main.rs";
  RunResult lower = RunCli("lower " + file);
  EXPECT_EQ(lower.exit_code, kExitOk) << lower.err;
  EXPECT_EQ(lower.err, "");
  EXPECT_EQ(lower.out.rfind("async fn helper() -> u32\n  state machine `HelperStateMachine`: ", 0), 0u) << lower.out;

  RunResult check = RunCli("check " + file);
  EXPECT_EQ(check.exit_code, kExitOk) << check.err;
  EXPECT_EQ(check.out, file + ": ok (1 state machine)\n");

  RunResult run = RunCli("run " + file);
  EXPECT_EQ(run.exit_code, kExitBadInput);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, file + ":3:1: error: `main` function not found: running a script spawns `async fn main()` "
                            "(add one, or name the tasks to spawn in a scenario's `spawn = [...]`)\n  }\n  ^\n");
}

// A spawn entry naming a function the script lacks is bad input, and the diagnostic quotes the
// scenario's line with the entry (it quoted an empty line before).
TEST(CliNoMain, SpawnOfAMissingFunctionQuotesItsLine) {
  const std::string file = "tests/bad/scenario_spawn_unknown.toml";
  for (const char* command : {"check ", "run "}) {
    RunResult r = RunCli(command + file);
    EXPECT_EQ(r.exit_code, kExitBadInput) << command;
    EXPECT_EQ(r.err, file + ":2:11: error: cannot find function `start` in this scope\n"
                            "  spawn = [\"start()\"]\n            ^\n") << command;
  }
}

}  // namespace
