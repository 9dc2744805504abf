// Teaching scenarios as data: a TOML file (or a bare `.rs` script) describing the script, the
// devices, the executor and what the run is expected to print. See scenarios/README.md.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/source.h"

namespace aws {

struct FileSpec {
  std::string name;                 // "foo.txt"
  std::string contents;
  int64_t read_latency_ms = 30;
  std::optional<int64_t> write_latency_ms;  // falls back to DiskSpec::write_latency_ms
};

struct DiskSpec {
  int64_t write_latency_ms = 15;
};

struct KeySpec {
  int64_t t_ms = 0;
  uint8_t scancode = 0;
  bool during_poll = false;  // fault injection: arrives inside `poll_next`, right after the waker
                             // is registered (the blog's race), at the first such moment >= t_ms
};

// `[network]`: the network device (runtime/devices/network.cpp). Clients connect to the address
// the script binds, each at its time, send their bytes in chunks, and may close their end.
struct NetChunkSpec {
  int64_t t_ms = 0;                 // when the bytes arrive at the server
  std::string data;
};
struct ConnectionSpec {
  int64_t t_ms = 0;                 // when the client connects (its connection waits in the
                                    // listener's backlog until `accept` takes it)
  std::string peer;                 // the client's address; default 127.0.0.1:(50000 + its number)
  std::vector<NetChunkSpec> send;   // in time order
  std::optional<int64_t> close_ms;  // when the client closes its end (a read then returns 0
                                    // once the data before it is read); none: never
};
struct NetworkSpec {
  bool present = false;             // a [network] table was given
  std::string address = "127.0.0.1:8080";  // the one address a script may bind
  int64_t read_latency_ms = 1;      // a read copies bytes that have arrived after this long
  int64_t write_latency_ms = 2;     // a write_all is sent after this long
  std::vector<ConnectionSpec> connections;  // in time order
};

// A leaf operation the scenario declares by name, e.g. `load_message(id)` (issue text: "leaf
// operations a scenario declares by name ... with a latency and a result").
struct OpSpec {
  std::string name;                 // as called from the script
  std::string receiver;             // non-empty: a method on this script struct type (by value)
  std::vector<std::string> params;  // Rust type text per parameter, e.g. "u64", "&Message"
  std::string returns = "()";       // Rust type text of the result (the future's Output if async)
  bool is_async = true;
  int64_t latency_ms = 0;
  std::string result;               // a script expression evaluated when the op completes
  uint32_t line = 0;                // where it is declared in the scenario file
  uint32_t col = 0;
  std::string file;                 // the scenario file (for diagnostics about its types)
  std::vector<LineCol> param_pos;   // where each `params` entry's text starts
  LineCol returns_pos;              // where the `returns` text starts (line 0: unknown)
  LineCol result_pos;               // where the `result` text starts (line 0: unknown)
};

struct NoteSpec {
  int64_t step = 0;
  std::string text;
};

// `[[question]]`: a prediction question the scenario's author asks before `step` (revealed by
// stepping onto it), beside the ones derived from the trace (app/present/quiz.h).
struct QuestionSpec {
  int64_t step = 0;
  std::string prompt;
  std::vector<std::string> choices;  // two or more, all different
  int answer = 0;                    // index into choices (the file names the choice's text)
  std::string explanation;
};

// A move the emulator performs on a state machine (fault injection for the pinning lessons).
struct MoveSpec {
  std::string future;               // async fn name: its first state machine moves
  int64_t after_polls = 1;          // once it has been polled this often (0: before its first poll)
  uint64_t to = 0;                  // destination address (0: the next free stack address)
  uint32_t line = 0;                // where it is declared in the scenario file (its `future` key)
  std::string line_text;            // that line (for diagnostics about the move)
};

// `[memory]`: the scenario records memory events (memory.h) with these addresses.
struct MemorySpec {
  bool track = false;               // [memory] given (a script using raw pointers, Pin, Box or
                                    // mem::replace/swap is tracked even without it)
  uint64_t stack_base = 0x7ffc0000;
  uint64_t heap_base = 0x55550000;
  uint64_t tasks_base = 0x44440000;
  std::vector<std::pair<std::string, uint64_t>> at;  // async fn -> address of its first machine
  std::string self_refs = "dangle"; // what a move does to self-references: dangle | update |
                                    // offsets | forbid (the three solutions, and none)
  std::vector<MoveSpec> moves;
  int64_t connections = 0;          // > 0: note what that many connections cost as threads and
  std::string connection;           //      as futures of this async fn (its machine's real size)
  int64_t thread_stack_mb = 8;      //      with this much stack per thread
};

// A scenario's own texts in one language other than English: `[zh]` (title, description,
// document, section, errata) and the `zh` sub-tables of each [[note]] and [[question]]
// (scenarios/README.md, "Translations"). "" or a missing entry: not translated (English shows).
struct QuestionTranslation {
  std::string prompt;
  std::vector<std::string> choices;  // empty, or one per QuestionSpec::choices, in its order
  std::string explanation;
};
struct ScenarioTranslation {
  std::string title;
  std::string document;
  std::string section;
  std::string description;
  std::vector<std::string> errata;                // empty, or one per Scenario::errata
  std::vector<std::string> notes;                 // one per Scenario::notes
  std::vector<QuestionTranslation> questions;     // one per Scenario::questions
};

// The languages a scenario may be translated into ("zh"); English is the file's own text.
const std::vector<std::string_view>& ScenarioLanguages();

struct Scenario {
  std::string path;                 // the file it was loaded from
  std::string id;                   // file stem unless given
  std::string title;
  std::string source;               // document tags joined by "/": D1..D4, R1..R3 (documents.h); "" for
                                    // user scripts
  std::string document;             // human name of the document
  std::string section;              // section(s) of the document it teaches
  std::string description;
  std::vector<std::string> errata;  // where the documents this scenario cites are wrong, and why
  std::string next;                 // the id of the scenario that follows in the course ("": none)
  std::string executor = "waker";   // busy | simple | waker | channel
  std::string layout;               // GUI layout preset name; "" = default
  std::vector<std::string> spawn;   // script expressions spawned as tasks, in order;
                                    // empty means `main()`
  std::vector<LineCol> spawn_pos;   // where each spawn entry's text starts in the file
  std::vector<std::string> spawn_lines;  // the file's line holding each entry, for diagnostics
  bool script_only = false;         // a bare `.rs` script: the conventions' defaults, no file of its own
  bool naive_sleep_if_idle = false;
  bool drop_spawner = true;         // channel executor: drop the spawner before run()
  bool poll_after_ready = false;
  int64_t queue_capacity = 100;     // waker executor's task queue (the blog's ArrayQueue: 100)    // poll the first task once more after it returned Ready
  int64_t step_budget = 1000000;    // events before a run is stopped as non-yielding
  std::vector<FileSpec> files;      // defaults: foo.txt "Hello" 30 ms, bar.txt " World" 20 ms
  DiskSpec disk;
  std::vector<KeySpec> keyboard;
  NetworkSpec network;
  int64_t preemptive_slice_ms = 0;  // [threads]: > 0, emulated threads share the core in slices
                                    // this long, switched by a timer interrupt (round robin)
  std::vector<OpSpec> ops;
  std::vector<NoteSpec> notes;
  std::vector<QuestionSpec> questions;
  MemorySpec memory;
  std::map<std::string, ScenarioTranslation> translations;  // by language code ("zh")
  std::vector<std::string> expect_output;  // printed lines, in order
  std::vector<std::string> expect_trace;   // text-trace lines that must appear, in order
  SourceFile script{"", ""};        // the script, positioned so diagnostics point into the
                                    // file the user edits (the .toml or the sibling .rs)
};

// Loads a scenario from a `.toml` file or a bare `.rs` script (defaults of the conventions, the
// `waker` executor, spawning `main()`). Errors go to `diags` as FILE:LINE:COL; returns nullopt
// when the scenario cannot be used.
std::optional<Scenario> LoadScenario(const std::string& path, Diagnostics& diags);

// Same, from text already in memory (the GUI editor). `path` names it in diagnostics and
// resolves `script_file`.
std::optional<Scenario> LoadScenarioText(const std::string& path, const std::string& text, Diagnostics& diags);

// The default device set of the emulation conventions (scenarios/README.md).
std::vector<FileSpec> DefaultFiles();

// A scenario's texts as a reader of `lang` sees them: each field's translation, or the English
// text where the scenario has none (then `missing` names the field, e.g. "description" or
// "[[note]] 2 (step 5): text"). The section of a D1/D2 scenario that has no `section`
// translation is given D2's Chinese headings (documents.h TranslateSection); the document, the
// document table's name in `lang`. `lang` "en" (or any language not translated) gives the file's
// own texts.
struct ScenarioTexts {
  std::string title;
  std::string document;
  std::string section;
  std::string description;
  std::vector<std::string> errata;
  std::vector<std::string> notes;             // one per Scenario::notes
  std::vector<QuestionSpec> questions;        // Scenario::questions with their texts in `lang`
  std::vector<std::string> missing;
};
ScenarioTexts TextsIn(const Scenario& s, std::string_view lang);

// `s` with its texts (title, document, section, description, errata, notes, questions)
// replaced by TextsIn(s, lang); everything else as loaded.
Scenario Localized(const Scenario& s, std::string_view lang);

struct ScenarioInfo {
  std::string id;
  std::string title;
  std::string source;
  std::string path;
  std::string next;
};

// Every `*.toml` scenario in `dir`, sorted by id. Files that fail to load are skipped and
// reported in `diags`.
std::vector<ScenarioInfo> ListScenarios(const std::string& dir, Diagnostics& diags);

}  // namespace aws
