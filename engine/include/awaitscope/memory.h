// The emulated address space: where the values of a run live, byte by byte. A scenario that
// teaches memory (pinning, moves, self-references) records memory events in its trace
// (trace.h: MemAlloc, MemMove, MemFree, MemWrite, MemDangling); the state at a step is the fold
// of those events (WorldState::memory), so stepping back undoes a move.
//
// Regions: the stack (locals of the running code), the heap (`Box`), and the task area where the
// executor keeps each spawned future boxed and pinned (the blog's `Task`). A block is one value
// with an address: a state machine, a boxed value, a stack frame's locals. Blocks keep their id
// when they move; the bytes a move leaves behind stay readable as a stale range, which is what a
// dangling pointer still sees.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aws {

enum class MemRegion : uint8_t { Stack, Heap, Tasks };
const char* MemRegionName(MemRegion r);  // "stack" | "heap" | "tasks"

// Default region bases (a scenario's [memory] table may change them or fix single addresses).
constexpr uint64_t kDefaultStackBase = 0x7ffc0000;
constexpr uint64_t kDefaultHeapBase = 0x55550000;
constexpr uint64_t kDefaultTasksBase = 0x44440000;

// Blocks keep at most this many bytes (a large array shows its first 4 KiB).
constexpr uint64_t kMaxBlockBytes = 4096;

// One field of a block, as laid out by the lowering (state machines) or the type layout rules.
struct MemField {
  std::string name;     // "array", "element", "self_ptr", "<tag>"
  std::string type;     // Rust spelling: "[i32; 3]", "&i32", "*const SelfReferential"
  uint64_t offset = 0;  // from the start of the block
  uint64_t size = 0;
  std::string value;        // as the program sees it: "[1, 2, 3]", "0x1001C", "<moved>"
  int variant = -1;         // state machines: the state (Program machine state index) it belongs
                            // to; -1: shared by all (the tag, structs, frames)
  bool is_pointer = false;  // a reference or raw pointer: `target` is the address it holds
  uint64_t target = 0;      // 0: null (or not a pointer)
  bool dangling = false;    // pointer whose target is not where the pointee lives now
  bool self_ref = false;    // pointer into its own block (a self-reference)
  bool offset_ref = false;  // "offsets" policy: the bytes hold an offset from the start of the
                            // state's fields; `target` is the address it designates now
  bool stale = false;       // moved out: the bytes are still there, the value is gone
  std::string target_name;  // what the pointer designates, e.g. "array[2]" ("" unknown)
  bool operator==(const MemField&) const = default;
};

struct MemBlock {
  int id = -1;  // stable for the block's whole life, across moves
  uint64_t address = 0;
  uint64_t size = 0;
  uint64_t align = 1;
  MemRegion region = MemRegion::Stack;
  std::string type_name;  // "PinExampleStateMachine", "SelfReferential", "frame of main"
  std::string owner;      // who holds it: "task 0", "heap_value", "main"
  int object = -1;        // Trace::objects id of a state machine (or -1)
  int state = -1;         // state machines: the state in force (its variant's fields are live)
  bool pinned = false;    // behind Pin (Box::pin, spawn): moving it is forbidden when !Unpin
  bool unpin = true;      // false: the type is !Unpin (PhantomPinned, self-referential machine)
  bool live = true;       // false: freed
  std::vector<MemField> fields;  // by offset; variants of a machine overlap
  std::vector<uint8_t> bytes;    // the first min(size, kMaxBlockBytes) bytes, little-endian;
                                 // opaque parts (strings' heap buffers, leaf futures) are zero
  uint64_t moved_from = 0;       // address before the last move (0: never moved)
  int64_t moved_step = -1;       // step of the last move
  bool Contains(uint64_t addr) const { return addr >= address && addr < address + size; }
  bool operator==(const MemBlock&) const = default;
};

// Bytes left behind by a move or a free: still in memory, but no longer any value.
struct MemStale {
  int block = -1;  // the block that lived here
  uint64_t address = 0;
  uint64_t size = 0;
  int64_t step = -1;             // when it was left behind
  std::vector<MemField> fields;  // what the bytes held then (names as they were)
  std::vector<uint8_t> bytes;
  bool Contains(uint64_t addr) const { return addr >= address && addr < address + size; }
  bool operator==(const MemStale&) const = default;
};

// A pointer field and what it aims at (for arrows).
struct MemPointer {
  int from_block = -1;
  uint64_t from = 0;      // address of the pointer field
  std::string name;       // the pointer field's name
  uint64_t target = 0;    // address it holds
  int target_block = -1;  // live block containing `target`, -1 none
  bool in_stale = false;  // `target` lies in a stale range (and no live block)
  bool dangling = false;
  bool operator==(const MemPointer&) const = default;
};

// A dereference of a dangling pointer (undefined behaviour), as recorded by MemDangling.
struct MemUb {
  int64_t step = -1;
  uint64_t address = 0;  // the address dereferenced
  int block = -1;        // the block that used to live there (-1: unknown / never mapped)
  std::string message;   // what the program meant and what memory holds there
  bool operator==(const MemUb&) const = default;
};

// What an address designates.
struct MemLookup {
  const MemBlock* block = nullptr;  // live block containing it, or null
  const MemStale* stale = nullptr;  // otherwise the newest stale range containing it, or null
  uint64_t offset = 0;              // from the start of that block / range
  const MemField* field = nullptr;  // the field (in force) containing it, or null
};

// The address space: blocks by id, stale ranges, undefined-behaviour reports. The runtime uses
// the operations; the world fold applies the results recorded in memory events.
struct AddressSpace {
  std::map<int, MemBlock> blocks;  // live and freed blocks, by id
  std::vector<MemStale> stale;     // oldest first
  std::vector<MemUb> ub;
  uint64_t next[3] = {kDefaultStackBase, kDefaultHeapBase, kDefaultTasksBase};  // bump pointers
  int next_id = 0;

  // A new block of `size` bytes aligned to `align` in `region` (or at `fixed` when not 0);
  // returns its id. Bytes are zero. The bump pointer never goes back: freed stack memory is
  // not reused, so stale bytes stay visible.
  int Allocate(MemRegion region, uint64_t size, uint64_t align, uint64_t fixed = 0);
  // Copies the block's bytes to `to` and retires the old range as stale (kept readable).
  // False when the block does not exist or is freed.
  bool Move(int id, uint64_t to, int64_t step);
  // Like Move, to the next free address of `region`.
  bool MoveToRegion(int id, MemRegion region, int64_t step);
  void Free(int id, int64_t step);  // the range becomes stale
  MemLookup Lookup(uint64_t addr) const;
  const MemBlock* Find(int id) const;
  MemBlock* Find(int id);
  const MemBlock* FindObject(int object) const;  // the live block of a state machine, or null
  // Every pointer field of the live blocks (only the variant in force for machines).
  std::vector<MemPointer> Pointers() const;
  bool operator==(const AddressSpace&) const = default;
};

// Memory events carry block snapshots in their payload, one text record per block:
//   block <id> <address hex> <size> <align> <region> <pinned 0/1> <unpin 0/1> <live 0/1> <object>
//   <state> name <type_name> owner <owner> moved <address before the last move, hex> <step of that
//   move>      (only when it moved) field <offset> <size> <variant> <flags> <target
//   hex>|<name>|<type>|<value>|<target_name> bytes <hex>
// flags: p pointer, d dangling, s self_ref, o offset_ref, x stale ('-' none).
std::string EncodeBlock(const MemBlock& b);
// Parses the records of `text` (lines that are not records are ignored); false on malformed text.
bool DecodeBlocks(std::string_view text, std::vector<MemBlock>* out);

// Formats an address as the documents write it: 0x1001C (upper-case hex digits).
std::string HexAddress(uint64_t addr);

}  // namespace aws
