// `awaitscope lower --format dot`: the state machines as Graphviz DOT, checked line by line and
// rendered by the real `dot` program for every shipped scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace aws::testing {
namespace {

namespace fs = std::filesystem;

TEST(LowerDot, ExampleHasTheWindowsLabels) {
  CliResult r = RunCli("lower scenarios/example.toml --format dot");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* line : {
           "  subgraph cluster_0 {\n    label=\"async fn example\\nExampleStateMachine: 56 bytes\";\n",
           "    m0_s1 [label=\"Suspend0\\nWaitingOnFooTxt\"];\n",
           "    m0_s3 [label=\"Returned\\nEnd\", peripheries=2];\n",
           "    m0_s1 -> m0_s1 [label=\"Pending\", style=dashed];\n",
           "    m0_s1 -> m0_s2 [label=\"foo_txt_future ready\\nif content.len() < min_len\"];\n",
           "    m1_s1 -> m1_s2 [label=\"example_future ready\"];\n"})
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\nin:\n" << r.out;
  // Panicked is drawn only when a transition reaches it (as in the window).
  EXPECT_EQ(r.out.find("Panicked"), std::string::npos) << r.out;
}

TEST(LowerDot, GraphvizRendersEveryShippedScenario) {
  if (!fs::exists("/usr/bin/dot")) GTEST_SKIP() << "Graphviz's dot is not installed (Debian package graphviz)";
  fs::path dir = fs::temp_directory_path() / ("awaitscope_lower_dot_" + std::to_string(getpid()));
  fs::create_directories(dir);
  int rendered = 0;
  for (const auto& entry : fs::directory_iterator(kRoot / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    fs::path svg = dir / (entry.path().stem().string() + ".svg");
    CliResult r = RunCli("lower " + ShellQuote(entry.path().string()) + " --format dot | /usr/bin/dot -Tsvg -o " +
                         ShellQuote(svg.string()));
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_EQ(r.err, "") << entry.path();
    std::string text = ReadFileText(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos) << svg;
    // echo_server_sync (threads, blocking calls), epoll_loop (one thread, non-blocking calls) and
    // preemptive_threads (two threads on one core) have no async fn: an empty graph.
    const std::string stem = entry.path().stem().string();
    EXPECT_EQ(text.find("Unresumed") != std::string::npos,
              stem != "echo_server_sync" && stem != "epoll_loop" && stem != "preemptive_threads") << svg;
    ++rendered;
  }
  EXPECT_GE(rendered, 40);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aws::testing
