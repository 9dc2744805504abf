// The bad-input corpus: every tests/bad/NAME.rs or NAME.toml that has a NAME.expected is run as
// `awaitscope check tests/bad/NAME.x` from the repo root (`awaitscope run` when NAME starts with
// `run_`: input that only running finds bad, such as a script without `main`). The command must exit 2, print nothing
// on stdout, and print on stderr exactly the headlines (`FILE:LINE:COL: error: MESSAGE`) listed in
// NAME.expected, each followed by the source line and a caret line under the reported column.
// Files named helper_* are scripts that scenario cases refer to; they are not cases themselves.
//
// Inputs too large or too odd to commit (a 1 MB line, 10,000 nested parentheses, binary garbage)
// are generated into a temporary directory by the BadInputGenerated tests below.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
const fs::path kBadDir = kRoot / "tests" / "bad";
constexpr int kExitBadInput = 2;
// A hang is a run that spends more than kCpuLimitSeconds of CPU (counted by the kernel, so a
// loaded machine or a sanitizer build does not make a slow run look like a hang), or that has not
// ended after kWallLimitSeconds (a run blocked without using CPU).
constexpr int kCpuLimitSeconds = 60;
constexpr int kWallLimitSeconds = 600;

// ---- running the CLI

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

// A scratch directory for this test process, removed at exit.
const fs::path& ScratchDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("awaitscope_bad_input_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("awaitscope_bad_input_" + std::to_string(getpid())), ec);
    });
    return d;
  }();
  return dir;
}

struct RunResult {
  int exit_code = -1;    // the exit status, or 128 + N when killed by signal N
  bool timed_out = false;
  std::string out;       // stdout
  std::string err;       // stderr
  double seconds = 0;
  std::string command;   // for failure messages
};

// Runs `awaitscope ARGS` with the working directory `cwd`; stdout and stderr are kept apart.
RunResult RunCli(const std::string& args, const fs::path& cwd = kRoot) {
  static std::atomic<int> counter{0};
  fs::path err_file = ScratchDir() / ("stderr_" + std::to_string(counter++) + ".txt");
  RunResult r;
  r.command = "cd " + ShellQuote(cwd.string()) + " && " + std::string(AWAITSCOPE_BINARY) + " " + args;
  std::string timeout = fs::exists("/usr/bin/timeout") ? "/usr/bin/timeout -k 5 " + std::to_string(kWallLimitSeconds) + " "
                                                       : std::string();
  std::string cmd = "cd " + ShellQuote(cwd.string()) + " && unset AWAITSCOPE_SCENARIOS && ulimit -t " +
                    std::to_string(kCpuLimitSeconds) + " && exec " + timeout +
                    ShellQuote(AWAITSCOPE_BINARY) + " " + args + " 2>" + ShellQuote(err_file.string());
  auto start = std::chrono::steady_clock::now();
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    r.err = "popen failed";
    return r;
  }
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  r.timed_out = (!timeout.empty() && (r.exit_code == 124 || r.exit_code == 128 + SIGKILL)) || r.exit_code == 128 + SIGXCPU;
  r.err = ReadFile(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return r;
}

std::string Describe(const RunResult& r) {
  std::ostringstream os;
  os << "\n  command: " << r.command << "\n  exit: " << r.exit_code << (r.timed_out ? " (over the CPU or wall-time limit: a hang?)" : "")
     << (r.exit_code > 128 && !r.timed_out ? " (killed by a signal: a crash?)" : "") << "\n  time: " << r.seconds
     << " s\n  stdout (" << r.out.size() << " bytes):\n" << r.out.substr(0, 2000) << "\n  stderr (" << r.err.size()
     << " bytes):\n" << r.err.substr(0, 4000) << (r.err.size() > 4000 ? "\n  [stderr cut]" : "");
  return os.str();
}

// ---- reading diagnostics

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += l + "\n";
  return s;
}

// Source and caret lines are indented by two spaces; every other line is a headline.
bool IsHeadline(const std::string& line) { return line.compare(0, 2, "  ") != 0; }

std::vector<std::string> Headlines(const std::string& err) {
  std::vector<std::string> out;
  for (const std::string& l : Lines(err))
    if (IsHeadline(l)) out.push_back(l);
  return out;
}

// `FILE:LINE:COL: SEVERITY: MESSAGE` (or `error[E0382]: `) -> COL, or 0 when the headline has no position. Parsed by
// hand: std::regex recurses per character and overflows the stack on a 1 MB headline.
size_t HeadlineColumn(const std::string& line) {
  for (const char* sev : {": error: ", ": error[", ": warning: ", ": note: "}) {
    size_t at = line.find(sev);
    if (at == std::string::npos) continue;
    size_t c2 = line.rfind(':', at - 1);
    if (c2 == std::string::npos || c2 + 1 >= at) return 0;
    std::string col = line.substr(c2 + 1, at - c2 - 1);
    if (col.find_first_not_of("0123456789") != std::string::npos) return 0;
    size_t c1 = line.rfind(':', c2 - 1);
    if (c1 == std::string::npos) return 0;
    std::string ln = line.substr(c1 + 1, c2 - c1 - 1);
    if (ln.empty() || ln.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoul(col);
  }
  return 0;
}

// `  ` + spaces + `^^^`: the number of spaces before the first `^`, or npos when not a caret line.
size_t CaretIndent(const std::string& line) {
  if (line.compare(0, 2, "  ") != 0) return std::string::npos;
  size_t first = line.find_first_not_of(' ', 2);
  if (first == std::string::npos || line[first] != '^') return std::string::npos;
  if (line.find_first_not_of('^', first) != std::string::npos) return std::string::npos;
  return first - 2;
}

// Every headline must be followed by the offending source line and a caret line; when the source
// line is shown whole (short lines are not clipped), the caret must sit under the reported column.
void ExpectSourceAndCaretLines(const std::string& err, const std::string& context) {
  std::vector<std::string> lines = Lines(err);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsHeadline(lines[i])) continue;
    SCOPED_TRACE("headline: " + lines[i].substr(0, 300));
    ASSERT_LT(i + 2, lines.size()) << "a headline without its source line and caret line" << context;
    EXPECT_FALSE(IsHeadline(lines[i + 1])) << "no source line after the headline" << context;
    size_t indent = CaretIndent(lines[i + 2]);
    ASSERT_NE(indent, std::string::npos) << "no caret line after the source line: `" << lines[i + 2] << "`" << context;
    size_t col = HeadlineColumn(lines[i]);
    if (col > 0 && lines[i + 1].size() - 2 < 160)
      EXPECT_EQ(indent + 1, col) << "the caret is not under column " << col << context;
    i += 2;
  }
}

// ---- the committed corpus

// The case files' names, e.g. "syntax_missing_semi.rs", sorted.
std::vector<std::string> CorpusCases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kBadDir, ec)) {
    fs::path p = e.path();
    if (p.extension() != ".rs" && p.extension() != ".toml") continue;
    if (!fs::exists(fs::path(p).replace_extension(".expected"))) continue;
    out.push_back(p.filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string s;
  for (char c : info.param) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, ReportsExactlyTheExpectedErrors) {
  const std::string name = GetParam();
  const std::string rel = "tests/bad/" + name;
  std::vector<std::string> expected = Lines(ReadFile(kBadDir / fs::path(name).replace_extension(".expected")));
  ASSERT_FALSE(expected.empty()) << "the .expected file of " << rel << " is empty";

  const bool run = name.rfind("run_", 0) == 0;
  RunResult r = RunCli((run ? "run " : "check ") + ShellQuote(rel));
  std::string context = Describe(r);
  ASSERT_FALSE(r.timed_out) << context;
  EXPECT_EQ(r.exit_code, kExitBadInput) << context;
  EXPECT_EQ(r.out, "") << "stdout must be empty for bad input" << context;
  EXPECT_EQ(Join(Headlines(r.err)), Join(expected)) << context;
  ExpectSourceAndCaretLines(r.err, context);
}

INSTANTIATE_TEST_SUITE_P(, BadInput, ::testing::ValuesIn(CorpusCases()), CaseName);

// Every .rs/.toml in tests/bad is a case (has a .expected) or a helper_* script, and every
// .expected belongs to a case: nothing is silently skipped.
TEST(BadInputCorpus, EveryFileIsACaseOrAHelper) {
  size_t cases = 0;
  for (const auto& e : fs::directory_iterator(kBadDir)) {
    fs::path p = e.path();
    std::string file = p.filename().string();
    if (p.extension() == ".rs" || p.extension() == ".toml") {
      bool has_expected = fs::exists(fs::path(p).replace_extension(".expected"));
      if (file.rfind("helper_", 0) == 0) {
        EXPECT_FALSE(has_expected) << file << ": a helper must not have a .expected file";
      } else {
        EXPECT_TRUE(has_expected) << file << " has no .expected file";
        cases += has_expected;
      }
    } else if (p.extension() == ".expected") {
      bool has_rs = fs::exists(fs::path(p).replace_extension(".rs"));
      bool has_toml = fs::exists(fs::path(p).replace_extension(".toml"));
      EXPECT_TRUE(has_rs != has_toml) << file << " needs exactly one NAME.rs or NAME.toml";
    } else {
      ADD_FAILURE() << "unexpected file in tests/bad: " << file;
    }
  }
  EXPECT_GE(cases, 45u);
  EXPECT_EQ(cases, CorpusCases().size());
}

// Each .expected headline names its own case file (or a helper script that the case loads).
TEST(BadInputCorpus, ExpectedFilesNameTheFileTheyAreAbout) {
  for (const std::string& name : CorpusCases()) {
    for (const std::string& line : Lines(ReadFile(kBadDir / fs::path(name).replace_extension(".expected")))) {
      bool own = line.rfind("tests/bad/" + name + ":", 0) == 0;
      bool helper = line.rfind("tests/bad/helper_", 0) == 0;
      EXPECT_TRUE(own || helper) << name << ".expected: " << line;
      // An error (with or without rustc's code) or the note that follows one.
      bool diagnostic = line.find(": error: ") != std::string::npos || line.find(": error[E") != std::string::npos ||
                        line.find(": note: ") != std::string::npos;
      EXPECT_TRUE(diagnostic) << name << ".expected: " << line;
    }
  }
}

// ---- generated inputs

class BadInputGenerated : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = ScratchDir() / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  // Runs `check PATH` and checks what every bad input must satisfy. (No time limit beyond the
  // hang limits above; how fast the rest is belongs in benchmarks.)
  RunResult Check(const std::string& path) {
    RunResult r = RunCli("check " + ShellQuote(path));
    std::string context = Describe(r);
    EXPECT_FALSE(r.timed_out) << context;
    EXPECT_EQ(r.exit_code, kExitBadInput) << context;
    EXPECT_EQ(r.out, "") << context;
    ExpectSourceAndCaretLines(r.err, context);
    return r;
  }
  fs::path dir_;
};

// A 1 MB string literal on one line, then a type error on the same line: the error is reported at
// its byte column, and the shown source line is a short window around the caret.
TEST_F(BadInputGenerated, OneMegabyteLine) {
  std::string prefix = "async fn main() { let s = \"" + std::string(1 << 20, 'x') + "\"; let n: u32 = ";
  std::string text = prefix + "s; println!(\"{}\", n); }\n";
  std::string path = Write("long_line.rs", text);
  RunResult r = Check(path);
  std::string want = path + ":1:" + std::to_string(prefix.size() + 1) +
                     ": error[E0308]: mismatched types: expected `u32`, found `&str`";
  EXPECT_EQ(Join(Headlines(r.err)), want + "\n") << Describe(r);
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 3u) << Describe(r);
  EXPECT_LE(lines[1].size(), 200u) << "the 1 MB source line must be clipped around the caret";
  EXPECT_NE(lines[1].find("let n: u32 = s;"), std::string::npos) << lines[1];
  EXPECT_LT(r.err.size(), 2000u);
}

// A 1 MB identifier: the message must not repeat the whole name (a 1 MB headline is useless).
TEST_F(BadInputGenerated, OneMegabyteIdentifierGivesAShortMessage) {
  std::string path = Write("long_ident.rs", "async fn main() { let n = " + std::string(1 << 20, 'a') + "; }\n");
  RunResult r = Check(path);
  std::vector<std::string> heads = Headlines(r.err);
  ASSERT_EQ(heads.size(), 1u) << Describe(r).substr(0, 3000);
  EXPECT_EQ(heads[0].rfind(path + ":1:27: error: cannot find value `aaaa", 0), 0u) << heads[0].substr(0, 300);
  EXPECT_LT(heads[0].size(), 400u) << "headline is " << heads[0].size() << " bytes: " << heads[0].substr(0, 300)
                                   << "...";
}

// A scenario file with a 1 MB line is rejected before the TOML parser runs.
TEST_F(BadInputGenerated, OneMegabyteTomlLine) {
  std::string line = "title = \"" + std::string(1 << 20, 'x') + "\"";
  std::string path = Write("long_line.toml", line + "\nscript = \"async fn main() {}\"\n");
  RunResult r = Check(path);
  EXPECT_EQ(Join(Headlines(r.err)),
            path + ":1:1: error: line is too long (" + std::to_string(line.size()) +
                " bytes; a scenario file's lines may have at most 65536 bytes)\n")
      << Describe(r);
}

// Deep nesting is one error, not a stack overflow, whatever does the nesting.
TEST_F(BadInputGenerated, TenThousandNestedParentheses) {
  std::string path = Write("parens.rs", "async fn main() {\n    let x = " + std::string(10000, '(') + "1" +
                                            std::string(10000, ')') + ";\n    println!(\"{}\", x);\n}\n");
  RunResult r = Check(path);
  std::vector<std::string> heads = Headlines(r.err);
  ASSERT_EQ(heads.size(), 1u) << Describe(r);
  EXPECT_EQ(heads[0].rfind(path + ":2:", 0), 0u) << heads[0];
  EXPECT_NE(heads[0].find(": error: nesting is too deep"), std::string::npos) << heads[0];
}

TEST_F(BadInputGenerated, TenThousandNestedBlocksArraysNegationsAndGenerics) {
  struct Variant {
    const char* name;
    std::string text;
  };
  const int n = 10000;
  std::vector<Variant> variants = {
      {"braces.rs", "async fn main() " + std::string(n, '{') + std::string(n, '}') + "\n"},
      {"brackets.rs", "async fn main() {\n    let x = " + std::string(n, '[') + "1" + std::string(n, ']') + ";\n}\n"},
      {"negations.rs", "async fn main() {\n    let x = " + std::string(n, '-') + "1;\n}\n"},
      {"nots.rs", "async fn main() {\n    let x = " + std::string(n, '!') + "true;\n}\n"},
      {"derefs.rs", "async fn main() {\n    let x = " + std::string(n, '*') + "y;\n}\n"},
      {"refs.rs", "async fn main() {\n    let x = " + std::string(n, '&') + "1;\n}\n"},
      {"ifs.rs", [&] {
         std::string s = "async fn main() {\n";
         for (int i = 0; i < n; ++i) s += "if true { ";
         for (int i = 0; i < n; ++i) s += "} ";
         return s + "\n}\n";
       }()},
      {"generics.rs", [&] {
         std::string s = "async fn main() {\n    let x: ";
         for (int i = 0; i < n; ++i) s += "Vec<";
         s += "u8";
         for (int i = 0; i < n; ++i) s += "> ";
         return s + "= Vec::new();\n}\n";
       }()},
      {"tuple_patterns.rs", "async fn main() {\n    let " + std::string(n, '(') + "x" + std::string(n, ')') + " = 1;\n}\n"},
  };
  for (const Variant& v : variants) {
    SCOPED_TRACE(v.name);
    RunResult r = Check(Write(v.name, v.text));
    std::vector<std::string> heads = Headlines(r.err);
    ASSERT_EQ(heads.size(), 1u) << Describe(r);
    EXPECT_NE(heads[0].find(": error: nesting is too deep"), std::string::npos) << heads[0];
  }
}

// Flat chains far past the depth limit: one error each, at the link where the limit is passed, and
// on every command (the later passes never see the tree).
TEST_F(BadInputGenerated, LongFlatChainsAreOneDepthError) {
  struct Variant {
    const char* name;
    std::string text;
    std::string where;  // LINE:COL of the error
  };
  std::string sum = "    let x: u64 = 1";
  for (int i = 1; i < 100000; ++i) sum += " + 1";
  std::string methods = "    let t = s";
  for (int i = 0; i < 10000; ++i) methods += ".clone()";
  std::string chain = "async fn main() {\n    let x: u32 = 7;\n    if x == 0 {\n        println!(\"0\");\n    }";
  for (int i = 1; i < 10000; ++i)
    chain += " else if x == " + std::to_string(i) + " {\n        println!(\"" + std::to_string(i) + "\");\n    }";
  chain += "\n}\n";
  auto nth = [](const std::string& line, const std::string& needle, size_t k) {
    size_t pos = 0;
    for (size_t i = 0; i < k; ++i) pos = line.find(needle, i == 0 ? 0 : pos + 1);
    return std::to_string(pos + 1);
  };
  std::vector<Variant> variants = {
      {"sum.rs", "async fn main() {\n" + sum + ";\n    println!(\"{}\", x);\n}\n", "2:" + nth(sum, "+", 100000 - 512)},
      {"methods.rs", "async fn main() {\n    let s = String::new();\n" + methods + ";\n}\n",
       "3:" + nth(methods, "clone", 10000 - 511)},
      {"else_if.rs", chain, "1025:12"},
  };
  for (const Variant& v : variants) {
    SCOPED_TRACE(v.name);
    std::string path = Write(v.name, v.text);
    RunResult r = Check(path);
    std::vector<std::string> heads = Headlines(r.err);
    ASSERT_EQ(heads.size(), 1u) << Describe(r);
    EXPECT_EQ(heads[0].rfind(path + ":" + v.where + ": error: nesting is too deep: more than 512 levels", 0), 0u)
        << heads[0];
    for (const char* cmd : {"lower --format json ", "run "}) {
      RunResult o = RunCli(cmd + ShellQuote(path));
      EXPECT_EQ(o.exit_code, kExitBadInput) << Describe(o);
      EXPECT_EQ(Headlines(o.err), heads) << Describe(o);
    }
  }
}

// Binary garbage is one error at the first byte that is not script text, and no raw control byte
// reaches the terminal.
std::string Garbage(size_t n, unsigned char first) {
  std::string s(1, static_cast<char>(first));
  uint32_t x = 12345;
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s.push_back(static_cast<char>(x >> 24));
  }
  return s;
}

void ExpectNoControlBytes(const std::string& err) {
  for (unsigned char c : err)
    if (c != '\n') ASSERT_TRUE(c >= 0x20 && c != 0x7f) << "raw control byte 0x" << std::hex << int(c) << " on stderr";
}

TEST_F(BadInputGenerated, BinaryGarbageScript) {
  std::string path = Write("garbage.rs", Garbage(4096, 0x00));
  RunResult r = Check(path);
  ExpectNoControlBytes(r.err);
  std::vector<std::string> heads = Headlines(r.err);
  EXPECT_EQ(heads.size(), 1u) << "one error for one binary file, not one per byte" << Describe(r).substr(0, 3000);
  ASSERT_FALSE(heads.empty());
  EXPECT_EQ(heads[0], path + ":1:1: error: unexpected byte 0x00: this file is not script text");
}

TEST_F(BadInputGenerated, BinaryGarbageScenario) {
  std::string path = Write("garbage.toml", Garbage(4096, 0xFF));
  RunResult r = Check(path);
  ExpectNoControlBytes(r.err);
  EXPECT_EQ(Join(Headlines(r.err)),
            path + ":1:1: error: invalid UTF-8 (byte 0xFF); a scenario file must be UTF-8 text\n")
      << Describe(r);
}

// A scenario whose script_file is binary garbage: the errors point into the script file.
TEST_F(BadInputGenerated, BinaryGarbageScriptFile) {
  std::string script = Write("garbage_script.rs", Garbage(512, 0x01));
  std::string path = Write("uses_garbage.toml", "title = \"garbage\"\nscript_file = \"garbage_script.rs\"\n");
  RunResult r = Check(path);
  ExpectNoControlBytes(r.err);
  std::vector<std::string> heads = Headlines(r.err);
  EXPECT_EQ(heads.size(), 1u) << "one error for one binary file, not one per byte" << Describe(r).substr(0, 3000);
  ASSERT_FALSE(heads.empty());
  EXPECT_EQ(heads[0], script + ":1:1: error: unexpected byte 0x01: this file is not script text");
}

}  // namespace
