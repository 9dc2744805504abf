// What each fuzz harness does with one input, shared by the libFuzzer executables (the `fuzz`
// preset, one per harness) and the test suite, which replays the committed corpus and the
// regression inputs (tests/fuzz/corpus, tests/fuzz/regressions) through the same code.
//
// Runs are bounded (kMaxEvents, kMaxStatementsPerPoll, kMaxTimeMs), so that an input which is
// merely slow (a long but legal run) is not reported as a hang. A crash, a sanitizer report, an
// uncaught exception, a hang past libFuzzer's -timeout or a returned problem is a finding.
#pragma once
#include <cstdint>
#include <string>

namespace aws::fuzz {

constexpr int64_t kMaxEvents = 20'000;
constexpr int64_t kMaxStatementsPerPoll = 20'000;
constexpr int64_t kMaxTimeMs = 3'600'000;

// Each returns "" or a description of a broken promise (not a crash) worth stopping for.

// Script text (a bare `.rs` file) through parse -> check -> lower -> run.
std::string Script(const std::string& text);
// Scenario TOML through load -> compile -> resolve the spawn entries -> run -> text trace.
std::string ScenarioToml(const std::string& text);
// A native trace (JSON) through read -> its embedded scenario -> compile -> re-run with the
// recorded options (clamped) -> replay in a Session: step forward and back, seek, run-until.
std::string NativeTrace(const std::string& text);
// The writers on what a script compiles to: machines as text and JSON, each body's CFG, the
// desugared views, the traces as text, Chrome JSON and native JSON; the native JSON must read
// back.
std::string Writers(const std::string& text);

// The harness of that name ("script", "scenario", "trace", "writers"), or null.
using Target = std::string (*)(const std::string&);
Target FindTarget(const std::string& name);

}  // namespace aws::fuzz
