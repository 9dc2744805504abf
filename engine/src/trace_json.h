// What the trace writers and the reader share (private to trace_io.cpp, trace_read.cpp and
// trace_chrome.cpp): the native format's name and limits, the names events are written with,
// and JObj, which writes a compact JSON object straight into the output string.
#pragma once
#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "awaitscope/lower.h"
#include "awaitscope/trace.h"

namespace aws::trace_json {

constexpr const char* kFormat = "awaitscope-trace";
constexpr int kVersion = 1;
// The run options a trace may ask for: what a scenario may (its step_budget), a poll 50 times
// longer than the default, a year of virtual time. A trace is input like any other file: past
// these a replay could run for hours.
constexpr int64_t kMaxTraceEvents = 1'000'000'000;
constexpr int64_t kMaxTraceStatementsPerPoll = 100'000'000;
constexpr int64_t kMaxTraceTimeMs = 365LL * 24 * 3600 * 1000;

const char* EndReasonName(int64_t a);  // RunEnd.a: "finished", "faulted", "stopped", "idle"
const char* LevelName(int64_t a);      // Diagnostic.a: "note", "warning", "error"
std::string FutureName(const Trace& t, int32_t obj);     // "name#id", "none"
std::string DeviceName(const Trace& t, int32_t device);
// A machine state's teaching label (its name when it has none), or null when unknown.
const char* StateLabel(const Trace& t, const Program* program, int32_t obj, int64_t state);

// Events are written straight into the output string (10^6-event traces): no JSON objects are
// built per event. Strings go through nlohmann's serializer whenever they need escaping, so the
// output is what nlohmann would write.
bool PlainJson(std::string_view s);
void AppendJsonString(std::string& out, std::string_view s);
// A transition's saved fields, "a=1\nb=2" -> {"a":"1","b":"2"} (a repeated name keeps its first
// place and last value).
void AppendStateFields(std::string& out, std::string_view p);

// One compact JSON object, keys in the order written. Members are gathered in a small buffer
// and appended to `out` a row at a time (a 10^6-event trace has ~10^7 members).
class JObj {
 public:
  explicit JObj(std::string& out) : out_(out) { Put('{'); }
  JObj(const JObj&) = delete;
  ~JObj() {
    Put('}');
    Spill();
  }
  // The output after `"k":`, for a value written directly (a nested object).
  std::string& Key(std::string_view k) {
    PutKey(k);
    Spill();
    return out_;
  }
  void Int(std::string_view k, int64_t v) {
    PutKey(k);
    fmt::format_int f(v);
    Put(f.data(), f.size());
  }
  void Id(std::string_view k, int64_t v) {  // -1: null
    if (v < 0) {
      PutKey(k);
      Put("null", 4);
    } else {
      Int(k, v);
    }
  }
  void Str(std::string_view k, std::string_view v) {
    PutKey(k);
    PutString(v);
  }
  void Bool(std::string_view k, bool v) {
    PutKey(k);
    if (v)
      Put("true", 4);
    else
      Put("false", 5);
  }

 private:
  void Spill() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  void Put(char c) {
    if (n_ == sizeof buf_) Spill();
    buf_[n_++] = c;
  }
  void Put(const char* p, size_t k) {
    if (n_ + k > sizeof buf_) {
      Spill();
      if (k > sizeof buf_) {
        out_.append(p, k);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, k);
    n_ += k;
  }
  void PutString(std::string_view s) {
    if (!PlainJson(s)) {
      Spill();
      AppendJsonString(out_, s);
      return;
    }
    Put('"');
    Put(s.data(), s.size());
    Put('"');
  }
  void PutKey(std::string_view k) {
    if (!first_) Put(',');
    first_ = false;
    PutString(k);
    Put(':');
  }

  std::string& out_;
  char buf_[240];
  size_t n_ = 0;
  bool first_ = true;
};

}  // namespace aws::trace_json
