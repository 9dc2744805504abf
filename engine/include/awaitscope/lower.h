// The lowering: every `async fn` and `async` block becomes a state machine whose states are its
// `.await` points and whose state structs hold exactly the values still needed after each point.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "awaitscope/checker.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/ir.h"

namespace aws {

enum class FieldRole { Param, Local, Awaitee, Temp };
const char* FieldRoleName(FieldRole r);

struct StateField {
  std::string name;
  TypeRef type = nullptr;
  FieldRole role = FieldRole::Local;
  int slot = -1;            // the IR slot it saves
  uint64_t size = 0;
  uint64_t align = 1;
  uint64_t offset = 0;      // from the start of the machine (the tag is at offset 0)
  int points_into = -1;     // self-reference: index of the field of this state it borrows from
};

enum class StateKind { Unresumed, Suspend, Returned, Panicked };

struct State {
  int index = 0;            // position in Machine::states
  StateKind kind = StateKind::Unresumed;
  std::string name;         // rustc's: Unresumed, Suspend0, Suspend1, ..., Returned, Panicked
  std::string label;        // teaching label: Start, WaitingOnFooTxt, ..., End
  int await_index = -1;     // Suspend: which await
  const Expr* await_expr = nullptr;
  uint32_t line = 0;        // source line of the await (Suspend) or of the fn (others)
  std::vector<StateField> fields;
  uint64_t size = 0;        // tag plus this variant's fields, rounded to the machine's alignment
  bool self_referential = false;
};

enum class TransitionKind { Start, Resume, Pending, Panic };
const char* TransitionKindName(TransitionKind k);

struct Transition {
  int from = 0;
  int to = 0;
  TransitionKind kind = TransitionKind::Resume;
  std::string label;        // e.g. "first poll", "foo.txt ready", "Pending"
  std::vector<std::string> conditions;  // branch conditions on the way, e.g. "content.len() < min_len"
};

// Lines of the desugared text, 1-based and inclusive; first == 0 when there are none.
struct LineRange {
  uint32_t first = 0;
  uint32_t last = 0;
  bool empty() const { return first == 0; }
  bool Contains(uint32_t line) const { return first != 0 && line >= first && line <= last; }
  bool operator==(const LineRange&) const = default;
};

// Where one state appears in the desugared text (all empty for Panicked, which has no code).
struct DesugaredState {
  LineRange struct_lines;              // `struct XState { ... }`
  std::vector<uint32_t> field_lines;   // the line of each of State::fields, in the same order
  uint32_t variant_line = 0;           // `X(XState), // SuspendN` in the enum
  LineRange arm;                       // `Enum::X(state) => { ... }` in `poll`'s match
  bool operator==(const DesugaredState&) const = default;
};

// The desugared text of a machine and, by state index, where each state's parts are in it.
struct DesugaredCode {
  std::string text;
  std::vector<DesugaredState> states;
  // Nodes the desugarer indexed or walked to find the code after each await: linear in the size
  // of the body (the stress tests count it).
  uint64_t search_steps = 0;
};

struct Machine {
  int body = -1;
  std::string name;          // `example`, `main::{async block#0}`
  std::string kind;          // "async fn" | "async block"
  std::string enum_name;     // `ExampleStateMachine`
  TypeRef output = nullptr;
  std::vector<State> states; // Unresumed, Suspend0..n-1, Returned, Panicked
  std::vector<Transition> transitions;
  uint64_t size = 0;
  uint64_t align = 1;
  uint64_t tag_size = 1;
  uint32_t line = 0;         // line of the `async fn` / `async` keyword
  std::string desugared;     // generated Rust-like text (desugar.cpp)
  std::vector<DesugaredState> desugared_states;  // by state index: its lines in `desugared`
  bool self_referential = false;  // some state holds a field pointing into the machine (!Unpin)
  const State* FindState(std::string_view name_or_label) const;
};

struct Program {
  std::unique_ptr<CheckedProgram> checked;
  std::vector<IrBody> ir;          // one per checked body (same index); empty for bad bodies
  std::vector<Machine> machines;   // async fns then async blocks, in source order
  std::vector<int> machine_of_body;  // body index -> machine index or -1
  const Machine* FindMachine(std::string_view name) const;
  Layout LayoutOfType(TypeRef t) const;
  Layout StructLayout(const StructDecl* s) const;
};

// Parses, checks and lowers a script. Returns null only if nothing could be parsed at all;
// otherwise bodies with errors are left out of `machines`. Diagnostics go to `diags`.
std::unique_ptr<Program> Compile(std::unique_ptr<SourceFile> src, const std::vector<OpSpec>& ops, Diagnostics& diags);

// Builds the CFG of one body (lower_ir.cpp).
IrBody BuildIr(CheckedProgram& prog, int body);

// Generates the desugared Rust-like view of a machine (desugar.cpp).
std::string Desugar(const Program& prog, const Machine& m);
// The same text with the lines of each state's struct, enum variant and `poll` arm.
DesugaredCode DesugarWithLines(const Program& prog, const Machine& m);

// Text and JSON dumps of all machines (`awaitscope lower`).
std::string DumpMachinesText(const Program& prog);
std::string DumpMachinesJson(const Program& prog, int indent = 2);
// Graphviz DOT of all machines, one cluster each, labelled as the window's State machine panel
// (machine_dot.cpp; `awaitscope lower --format dot`, the window's SVG export).
std::string DumpMachinesDot(const Program& prog);
// A transition's label as the window and the DOT show it: its label, then "if" and its branch
// conditions joined by && on a second line.
std::string TransitionLabelText(const Transition& t);

}  // namespace aws
