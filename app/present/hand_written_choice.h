// Hand-written futures in the State machine panel. A script struct with `impl Future` has no
// generated state machine: its state is its fields and its `poll` is the code the student wrote.
// The panel gives it an entry of its own beside the compiler's machines: the struct, the outcome of
// each poll so far, the futures its last poll polled in turn, and its `poll` with the running line.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/world.h"
#include "present/machine_choice.h"

namespace aws::present {

struct HandWrittenField {
  std::string name;
  std::string type;       // as declared: `F`, `Option<Waker>`
};

struct HandWrittenEntry {  // one `impl Future for X` of the script, in source order
  const StructDecl* decl = nullptr;   // the declaration (a generic struct's, not an instance's)
  std::string name;                   // `StringLen<F>`
  std::string output;                 // `usize`
  std::vector<HandWrittenField> fields;
  uint32_t poll_first_line = 0;       // its `poll`, lines as the Source panel numbers them
  uint32_t poll_last_line = 0;
  std::vector<std::string> poll_lines;  // the text of those lines
};

// The script's hand-written futures (empty without a program).
std::vector<HandWrittenEntry> HandWrittenFutures(const Program& p);

// The entry a trace object is an instance of (objects are named by their type, `StringLen<..>`),
// or -1.
int HandWrittenEntryOf(const std::vector<HandWrittenEntry>& entries, const ObjectInfo& o);

struct InnerPoll {                    // a future its poll polled in turn
  int object = -1;
  std::string name;
  int result = -1;                    // 1 Ready, 0 Pending, -1 still being polled
};

struct HandWrittenChoice {
  int entry = -1;                     // index into the entries; -1: none to show
  int object = -1;                    // the instance shown (trace object), -1 before one exists
  int64_t polls = 0;                  // polls begun up to the cursor
  int64_t pending = 0;                // ... that returned Pending
  bool ready = false;                 // a poll returned Ready
  int last_result = -1;               // of the last finished poll: 1 Ready, 0 Pending, -1 none yet
  bool polling = false;               // its poll runs at the cursor
  uint32_t line = 0;                  // the line of its poll running at the cursor (0: none)
  std::vector<InnerPoll> inner;       // what its last (or running) poll polled, in order
};

// The hand-written future of the current event: the innermost one being polled, or the object of a
// poll event. -1 entry when the cursor is not in one.
int CurrentHandWrittenObject(const Session& s, const std::vector<HandWrittenEntry>& entries);

// The instance of `entry` to show (the current object when it is one, else the one polled last,
// else the newest created) and its polls up to the cursor.
HandWrittenChoice ChooseHandWritten(const Session& s, const std::vector<HandWrittenEntry>& entries, int entry,
                                    int current_object);

// What the State machine and Desugared code panels show: a compiler-made machine or a hand-written
// future. `pinned` is the panels' selector: -1 follows the current event, [0, machines) pins a
// machine, machines + k the k-th hand-written future. Following, the hand-written future whose
// poll runs wins over the machine that polls it.
struct ShownFuture {
  int hand_written = -1;              // entry shown, or -1: `machine` is
  MachineChoice machine;
  HandWrittenChoice future;
};
ShownFuture ChooseShownFuture(const Session& s, const std::vector<HandWrittenEntry>& entries, int pinned);

}  // namespace aws::present
