// A MIR-like control-flow graph for each body: what the lowering analyses (liveness across
// awaits, transitions) and what the runtime executes. Every intermediate value has a slot.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/ast.h"
#include "awaitscope/builtins.h"
#include "awaitscope/types.h"

namespace aws {

// A place: a slot (local or temporary) with a projection path.
struct Projection {
  enum class Kind { Field, TupleIndex, Index, Deref, VariantField };
  Kind kind = Kind::Field;
  std::string name;   // Field: the field name; VariantField: the variant ("Some", "Ok", "Err", "Ready")
  uint32_t index = 0; // TupleIndex / VariantField: the position
  int index_slot = -1;  // Index: the slot holding the index
};

struct Place {
  int slot = -1;
  std::vector<Projection> proj;
  bool IsWholeSlot() const { return proj.empty(); }
};

struct Operand {
  enum class Kind { Copy, Move, Const, Ref };  // Ref: a borrow of the place (`&place`)
  Kind kind = Kind::Const;
  Place place;
  int constant = -1;  // index into IrBody::constants
  bool is_mut = false;  // Ref: `&mut`
  Span span;            // the expression it was read or borrowed from (diagnostics)
};

struct Constant {
  enum class Kind { Unit, Int, Bool, Char, Str, None, PollPending, PhantomPinned, NullPtr };
  Kind kind = Kind::Unit;
  uint64_t int_value = 0;
  std::string str;
  TypeRef type = nullptr;
};

enum class RvalueKind {
  Use,        // operands[0]
  Unary,      // un_op operands[0]
  Binary,     // bin_op operands[0], operands[1]
  Cast,       // operands[0] as type
  Aggregate,  // Array/Tuple/Vec/Struct/Some/Ok/Err/PollReady/ArrayRepeat/VecRepeat: operands
  Call,       // a script fn (fn), a built-in (builtin), or a scenario op (op); operands = args
  Closure,    // a closure value of `body` capturing operands (in the body's capture order)
  AsyncBlock, // an `async` block future of `body` capturing operands
  IsVariant,  // bool: operands[0] holds the variant names[0] ("Some", "None", "Ok", "Err", ...)
  IntoIter,   // an iterator over operands[0] (array, Vec, reference to one, range, iterator)
  Format,     // format!/println! text: constant format string + operands
  Len,        // length of a sequence (for loops over arrays)
};

// Variant: a script enum's variant `struct_decl->variants[variant]`, its fields named as `names`.
enum class AggregateKind { Array, ArrayRepeat, Tuple, Vec, VecRepeat, Struct, Some, Ok, Err, PollReady, Range, RangeInclusive, Variant };

struct Rvalue {
  RvalueKind kind = RvalueKind::Use;
  std::vector<Operand> operands;
  BinOp bin_op = BinOp::Add;
  UnOp un_op = UnOp::Neg;
  AggregateKind agg = AggregateKind::Tuple;
  const FnDecl* fn = nullptr;
  const Builtin* builtin = nullptr;
  int op = -1;
  int body = -1;
  uint64_t count = 0;               // ArrayRepeat length
  std::vector<std::string> names;   // Struct: field names in operand order
  const StructDecl* struct_decl = nullptr;
  int variant = -1;                 // Variant: the index in struct_decl->variants
  std::string macro;                // Format: "println", "print", "format", "panic", "eprintln"
  int format_constant = -1;
};

struct Statement {
  enum class Kind { Assign, Eval, StorageDead };  // Eval: evaluate and discard (a call for effects)
  Kind kind = Kind::Assign;
  Place dst;
  Rvalue rv;
  Span span;
};

enum class TermKind { Goto, Branch, Return, Await, Panic, Unreachable, IterNext };

struct Terminator {
  TermKind kind = TermKind::Unreachable;
  Span span;
  int target = -1;          // Goto; Branch true; Await resume; IterNext: has-item block
  int else_target = -1;     // Branch false; IterNext: exhausted block
  Operand cond;             // Branch: bool operand
  // Await: the awaited future lives in `awaitee` (a slot), the output goes to `dst`.
  int awaitee = -1;
  Place dst;
  int await_index = -1;     // which `.await` (source order) = Suspend<k>
  const Expr* await_expr = nullptr;
  // IterNext: `iter` slot advanced; item stored in dst.
  int iter = -1;
  std::string message;      // Panic: message (or empty to take operand cond as a String)
  bool is_condition = false;  // Branch: an `if`/`while` condition written by the user
  std::string when_true, when_false;  // Branch: how a transition through it is explained
};

struct BasicBlock {
  std::vector<Statement> stmts;
  Terminator term;
};

struct Slot {
  std::string name;         // source name, `iter0`, or `__tmp3` / `__awaitee2`
  TypeRef type = nullptr;
  int local = -1;           // the checker's local index, or -1 for temporaries
  bool is_param = false;
  bool is_capture = false;
  bool is_capture_by_ref = false;  // a non-`move` block or closure: the slot holds a reference
  bool is_temp = false;
  bool is_awaitee = false;
  Span span;
};

// Where values go out of scope: the `let` bindings of a block at its closing brace, or the
// temporaries of a statement at its end. Only the borrow checker reads these (the runtime and the
// liveness of the lowering do not), so they are kept beside the blocks, not in them.
struct ScopeEnd {
  int block = -1;
  size_t stmt = 0;          // before stmts[stmt] of `block` (stmts.size(): before the terminator)
  std::vector<int> slots;
  Span span;                // the closing `}` or the statement's last character
  bool temporaries = false;
};

struct IrBody {
  int body = -1;            // index in CheckedProgram::bodies
  std::vector<Slot> slots;  // first: the checker's locals in order, then temporaries
  std::vector<Constant> constants;
  std::vector<BasicBlock> blocks;  // block 0 is the entry
  int return_slot = -1;
  std::vector<int> await_blocks;   // block index whose terminator is Await k, by k
  std::vector<ScopeEnd> scope_ends;  // in the order the lowering met them
};

// Human-readable dump of a body's CFG (tests, `awaitscope lower --ir`).
std::string DumpIr(const IrBody& ir);

}  // namespace aws
