// The writers stream (out_stream.h): the bytes handed to a sink are exactly the std::string
// forms' at any chunk size, no chunk grows with the trace, and a failing sink fails the write.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "awaitscope/file_io.h"
#include "awaitscope/out_stream.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct ServerTrace {
  std::optional<Scenario> scenario;
  std::unique_ptr<Program> program;
  Trace trace;
  NativeTraceSource source;
};

// `tasks` tasks that each read, sleep and write (the benchmark's server), plus one task still
// polling a `work` and a keyboard task when the budget ends, so that the Chrome writer holds
// slices open across many rows.
ServerTrace ServerRun(int tasks, int64_t max_events = 0) {
  std::string toml = "title = \"server\"\nexecutor = \"waker\"\nqueue_capacity = 1000\nscript = '''\n"
                     "async fn handle(id: u64) {\n"
                     "    let request = async_read_file(\"request.txt\").await;\n"
                     "    sleep(Duration::from_millis(5)).await;\n"
                     "    async_write_file(\"reply.txt\", request).await;\n"
                     "}\n"
                     "async fn main() {\n"
                     "    let mut id = 0;\n"
                     "    while id < " + std::to_string(tasks) + " {\n"
                     "        spawn(handle(id));\n"
                     "        id += 1;\n"
                     "    }\n"
                     "    println!(\"spawned \\\"all\\\"\");\n"
                     "}\n'''\n"
                     "[files.\"request.txt\"]\ncontents = \"GET /\"\nread_latency_ms = 30\n"
                     "[files.\"reply.txt\"]\ncontents = \"\"\nread_latency_ms = 1\n";
  ServerTrace r;
  Diagnostics d;
  r.scenario = LoadScenarioText("server.toml", toml, d);
  EXPECT_TRUE(r.scenario) << d.Render();
  if (!r.scenario) return r;
  r.program = Compile(std::make_unique<SourceFile>(r.scenario->script), r.scenario->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  RunOptions options;
  if (max_events > 0) options.max_events = max_events;
  r.trace = RunScenario(*r.program, *r.scenario, options, d);
  r.source = MakeTraceSource(*r.scenario, toml, options);
  return r;
}

struct Chunks {
  std::string bytes;
  size_t count = 0;
  size_t largest = 0;
};

template <typename Write>
Chunks Stream(size_t chunk, Write&& write) {
  Chunks c;
  OutStream out(
      [&](std::string_view s) {
        c.bytes += s;
        c.count++;
        c.largest = std::max(c.largest, s.size());
        return true;
      },
      chunk);
  write(out);
  EXPECT_TRUE(out.Flush());
  return c;
}

TEST(TraceStream, StreamedBytesAreTheStringFormsAtAnyChunkSize) {
  // 40 tasks run to the end; a budget of 700 events stops 40 more with polls, requests and a
  // halt still open (the Chrome writer closes them at the end).
  for (int64_t budget : {int64_t{0}, int64_t{700}}) {
    ServerTrace r = ServerRun(40, budget);
    ASSERT_GT(r.trace.events.size(), 600u);
    const Program* p = r.program.get();
    const std::string text = TraceToText(r.trace, p);
    const std::string json = TraceToJson(r.trace, p, r.source);
    const std::string chrome = TraceToChrome(r.trace, p);
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, OutStream::kChunkBytes}) {
      SCOPED_TRACE(testing::Message() << "budget " << budget << ", chunk " << chunk);
      EXPECT_EQ(Stream(chunk, [&](OutStream& o) { WriteTraceText(r.trace, p, o); }).bytes, text);
      EXPECT_EQ(Stream(chunk, [&](OutStream& o) { WriteTraceJson(r.trace, p, r.source, o); }).bytes, json);
      EXPECT_EQ(Stream(chunk, [&](OutStream& o) { WriteTraceChrome(r.trace, p, o); }).bytes, chrome);
    }
  }
}

TEST(TraceStream, NoChunkGrowsWithTheTrace) {
  ServerTrace r = ServerRun(400);
  ASSERT_GT(r.trace.events.size(), 20000u);
  const Program* p = r.program.get();
  // A chunk is handed over once it holds 4 KiB, so it is at most 4 KiB plus one row (here the
  // JSON's embedded scenario text, or one event).
  const size_t kChunk = 4096, kBound = 2 * kChunk;
  Chunks text = Stream(kChunk, [&](OutStream& o) { WriteTraceText(r.trace, p, o); });
  Chunks json = Stream(kChunk, [&](OutStream& o) { WriteTraceJson(r.trace, p, r.source, o); });
  Chunks chrome = Stream(kChunk, [&](OutStream& o) { WriteTraceChrome(r.trace, p, o); });
  for (const Chunks* c : {&text, &json, &chrome}) {
    EXPECT_LE(c->largest, kBound);
    EXPECT_GE(c->count, c->bytes.size() / kBound);
  }
  EXPECT_GT(chrome.bytes.size(), 1000000u);
}

TEST(TraceStream, AFailingSinkStopsTheStream) {
  ServerTrace r = ServerRun(20);
  int calls = 0;
  OutStream out(
      [&](std::string_view) {
        ++calls;
        return calls < 2;  // the second chunk fails
      },
      256);
  WriteTraceJson(r.trace, r.program.get(), r.source, out);
  EXPECT_FALSE(out.Flush());
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(out.buf().empty());  // later bytes are dropped, not kept
}

TEST(TraceStream, FilesGetTheStreamedBytesOrAnErrorAndNoTemporaryFile) {
  ServerTrace r = ServerRun(30);
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("awaitscope_stream_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "trace.json").string();
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(
      path, [&](OutStream& o) { WriteTraceJson(r.trace, r.program.get(), r.source, o); }, &error))
      << error;
  std::ifstream in(path);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_EQ(got.str(), TraceToJson(r.trace, r.program.get(), r.source));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);

  // A device that refuses the bytes (/dev/full: no space left) fails with its reason.
  EXPECT_FALSE(WriteFileAtomically(
      "/dev/full", [&](OutStream& o) { WriteTraceChrome(r.trace, r.program.get(), o); }, &error));
  EXPECT_EQ(error, "No space left on device");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aws
