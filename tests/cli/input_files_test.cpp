// What every command does with input that is not a sensible file: special files (a device such
// as /dev/zero, a FIFO with no writer, a directory) are refused at once with `FILE: error: ...`
// and exit 2, never read or waited on; files past the readers' size limits (file_io.h) are
// refused the same way. Also `run --out` on a path that cannot be written, and a write that
// fails halfway (a file size limit): the previous file stays whole and no temporary is left.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "awaitscope/file_io.h"
#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;
using aws::testing::CliResult;
using aws::testing::Describe;
using aws::testing::RunCli;
using aws::testing::ShellQuote;

constexpr int kExitBadInput = 2;

class InputFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("awaitscope_input_files_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

// The commands that read a scenario, script or trace file. `gui` refuses before opening a window.
std::vector<std::string> ReadingCommands() {
  std::vector<std::string> commands = {"check", "lower", "lower --format json", "run", "run --format json"};
#if AWAITSCOPE_WITH_GUI_TESTS
  commands.push_back("gui --screenshot /tmp/awaitscope_never_written.png");
#endif
  return commands;
}

void ExpectRefused(const std::string& file, const std::string& message) {
  for (const std::string& command : ReadingCommands()) {
    SCOPED_TRACE(command);
    CliResult r = RunCli(command + " " + ShellQuote(file), aws::testing::kRoot, "", 20);
    EXPECT_FALSE(r.timed_out) << Describe(r);
    EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
    EXPECT_EQ(r.err, file + ": error: " + message + "\n") << Describe(r);
  }
}

TEST_F(InputFiles, DeviceIsRefusedWithoutReadingIt) {
  ExpectRefused("/dev/zero", "cannot read file: it is a device, not a regular file");
}

TEST_F(InputFiles, FifoWithoutWriterIsRefusedWithoutWaiting) {
  fs::path fifo = dir_ / "pipe.rs";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ExpectRefused(fifo.string(), "cannot read file: it is a FIFO, not a regular file");
}

TEST_F(InputFiles, DirectoryIsRefused) {
  fs::create_directories(dir_ / "folder.toml");
  ExpectRefused((dir_ / "folder.toml").string(), "cannot read file: Is a directory");
}

TEST_F(InputFiles, ScriptOverTheLimitIsRefused) {
  fs::path big = dir_ / "big.rs";
  // Valid comment lines: only the size is wrong.
  std::string line = "// " + std::string(1021, 'x') + "\n";
  std::string text;
  while (text.size() <= aws::kMaxScriptBytes) text += line;
  aws::testing::WriteFileText(big, text);
  ExpectRefused(big.string(), "cannot read file: it is larger than 8 MiB");
}

TEST_F(InputFiles, NativeTraceOverTheLimitIsRefusedBeforeReading) {
  fs::path big = dir_ / "big.json";
  aws::testing::WriteFileText(big, "{");
  // A sparse file: the size alone refuses it, nothing is read.
  fs::resize_file(big, aws::kMaxNativeTraceBytes + 1);
  for (const std::string& command : {std::string("run"), std::string("run --format json")}) {
    CliResult r = RunCli(command + " " + ShellQuote(big.string()), aws::testing::kRoot, "", 20);
    EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
    EXPECT_EQ(r.err, big.string() + ": error: cannot read file: it is larger than 256 MiB\n") << Describe(r);
  }
}

TEST_F(InputFiles, ScenarioScriptFileNamingADeviceIsRefused) {
  fs::path toml = dir_ / "s.toml";
  aws::testing::WriteFileText(toml, "title = \"t\"\nscript_file = \"/dev/zero\"\n");
  CliResult r = RunCli("check " + ShellQuote(toml.string()), aws::testing::kRoot, "", 20);
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_NE(r.err.find(toml.string() + ":2:15: error: cannot read script file `/dev/zero`: it is a device, "
                                       "not a regular file\n"),
            std::string::npos)
      << Describe(r);
}

// A byte that is not UTF-8 in a string literal once escaped main() as an exception of the JSON
// writer (an abort). Whatever the language decides about such bytes, every command answers with
// a diagnostic or a result, never a crash.
TEST_F(InputFiles, NonUtf8StringLiteralNeverAborts) {
  fs::path script = dir_ / "latin1.rs";
  aws::testing::WriteFileText(script, "async fn main() {\n    let s = \"caf\xE9\";\n    println!(\"{}\", s);\n}\n");
  for (const std::string& command : {std::string("check"), std::string("lower"), std::string("lower --format json"),
                                     std::string("run"), std::string("run --format json")}) {
    CliResult r = RunCli(command + " " + ShellQuote(script.string()));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == kExitBadInput) << command << Describe(r);
    EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << command << Describe(r);
    if (r.exit_code == kExitBadInput)
      EXPECT_EQ(r.err.rfind(script.string() + ":", 0), 0u) << command << ": a diagnostic names the file" << Describe(r);
  }
}

TEST_F(InputFiles, RunOutIntoADirectoryFailsWithADiagnostic) {
  CliResult r = RunCli("run scenarios/example.toml --out " + ShellQuote(dir_.string()));
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.err, dir_.string() + ": error: cannot write file: Is a directory\n") << Describe(r);
  EXPECT_TRUE(Listing().empty());
}

TEST_F(InputFiles, RunOutThatFailsHalfwayLeavesThePreviousFileWhole) {
  fs::path out = dir_ / "trace.json";
  aws::testing::WriteFileText(out, "the previous trace\n");
  // A 1 KiB file size limit (ulimit -f counts 512-byte blocks) makes the write fail with EFBIG
  // part of the way through; SIGXFSZ is ignored so that the write reports the error instead.
  CliResult r = RunCli("run scenarios/example.toml --format json --out " + ShellQuote(out.string()),
                       aws::testing::kRoot, "trap '' XFSZ; ulimit -f 2;");
  EXPECT_EQ(r.exit_code, kExitBadInput) << Describe(r);
  EXPECT_EQ(r.err, out.string() + ": error: cannot write file: File too large\n") << Describe(r);
  EXPECT_EQ(aws::testing::ReadFileText(out), "the previous trace\n");
  EXPECT_EQ(Listing(), std::vector<std::string>{"trace.json"});
}

TEST_F(InputFiles, RunOutReplacesTheFileWholeAndKeepsItsMode) {
  fs::path out = dir_ / "trace.txt";
  aws::testing::WriteFileText(out, "old\n");
  ASSERT_EQ(chmod(out.c_str(), 0640), 0);
  CliResult r = RunCli("run scenarios/example.toml --out " + ShellQuote(out.string()));
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  CliResult direct = RunCli("run scenarios/example.toml");
  EXPECT_EQ(aws::testing::ReadFileText(out), direct.out);
  struct stat st {};
  ASSERT_EQ(stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(Listing(), std::vector<std::string>{"trace.txt"});
}

}  // namespace
