// The address space (memory.h): bump allocation per region, moves that leave stale bytes behind,
// lookups, and the text records memory events carry.
#include "awaitscope/memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace aws {

const char* MemRegionName(MemRegion r) {
  switch (r) {
    case MemRegion::Stack:
      return "stack";
    case MemRegion::Heap:
      return "heap";
    case MemRegion::Tasks:
      return "tasks";
  }
  return "?";
}

std::string HexAddress(uint64_t addr) {
  return fmt::format("0x{:X}", addr);
}

// [SECTION] Operations

int AddressSpace::Allocate(MemRegion region, uint64_t size, uint64_t align, uint64_t fixed) {
  if (align == 0) align = 1;
  uint64_t& bump = next[static_cast<int>(region)];
  uint64_t addr = fixed;
  if (addr == 0) {
    addr = (bump + align - 1) / align * align;
    // Blocks never share an address, even when empty: the next one starts a byte later.
    bump = addr + std::max<uint64_t>(size, 1);
  }
  MemBlock b;
  b.id = next_id++;
  b.address = addr;
  b.size = size;
  b.align = align;
  b.region = region;
  b.bytes.assign(static_cast<size_t>(std::min<uint64_t>(size, kMaxBlockBytes)), 0);
  blocks[b.id] = std::move(b);
  return next_id - 1;
}

bool AddressSpace::Move(int id, uint64_t to, int64_t step) {
  MemBlock* b = Find(id);
  if (b == nullptr || !b->live) return false;
  MemStale s;
  s.block = id;
  s.address = b->address;
  s.size = b->size;
  s.step = step;
  s.fields = b->fields;
  s.bytes = b->bytes;
  stale.push_back(std::move(s));
  b->moved_from = b->address;
  b->moved_step = step;
  b->address = to;
  return true;
}

bool AddressSpace::MoveToRegion(int id, MemRegion region, int64_t step) {
  MemBlock* b = Find(id);
  if (b == nullptr || !b->live) return false;
  uint64_t& bump = next[static_cast<int>(region)];
  uint64_t align = std::max<uint64_t>(b->align, 1);
  uint64_t to = (bump + align - 1) / align * align;
  bump = to + std::max<uint64_t>(b->size, 1);
  b->region = region;
  return Move(id, to, step);
}

void AddressSpace::Free(int id, int64_t step) {
  MemBlock* b = Find(id);
  if (b == nullptr || !b->live) return;
  stale.push_back({id, b->address, b->size, step, b->fields, b->bytes});
  b->live = false;
}

const MemBlock* AddressSpace::Find(int id) const {
  auto it = blocks.find(id);
  return it == blocks.end() ? nullptr : &it->second;
}

MemBlock* AddressSpace::Find(int id) {
  auto it = blocks.find(id);
  return it == blocks.end() ? nullptr : &it->second;
}

const MemBlock* AddressSpace::FindObject(int object) const {
  for (const auto& [id, b] : blocks)
    if (b.object == object && b.live && b.type_name.rfind("locals of ", 0) != 0) return &b;
  return nullptr;
}

namespace {
const MemField* FieldAt(const std::vector<MemField>& fields, uint64_t offset, int state) {
  const MemField* best = nullptr;
  for (const MemField& f : fields) {
    if (offset < f.offset || offset >= f.offset + std::max<uint64_t>(f.size, 1)) continue;
    if (f.variant >= 0 && state >= 0 && f.variant != state) continue;
    best = &f;
  }
  return best;
}
}  // namespace

MemLookup AddressSpace::Lookup(uint64_t addr) const {
  MemLookup r;
  for (const auto& [id, b] : blocks) {
    if (!b.live || !b.Contains(addr)) continue;
    r.block = &b;
    r.offset = addr - b.address;
    r.field = FieldAt(b.fields, r.offset, b.state);
    return r;
  }
  for (auto it = stale.rbegin(); it != stale.rend(); ++it) {
    if (!it->Contains(addr)) continue;
    r.stale = &*it;
    r.offset = addr - it->address;
    r.field = FieldAt(it->fields, r.offset, -1);
    return r;
  }
  return r;
}

std::vector<MemPointer> AddressSpace::Pointers() const {
  std::vector<MemPointer> out;
  for (const auto& [id, b] : blocks) {
    if (!b.live) continue;
    for (const MemField& f : b.fields) {
      if (!f.is_pointer || f.stale) continue;
      if (f.variant >= 0 && f.variant != b.state) continue;
      MemPointer p;
      p.from_block = id;
      p.from = b.address + f.offset;
      p.name = f.name;
      p.target = f.target;
      MemLookup l = Lookup(p.target);
      p.target_block = l.block ? l.block->id : -1;
      p.in_stale = l.block == nullptr && l.stale != nullptr;
      p.dangling = f.dangling;
      out.push_back(std::move(p));
    }
  }
  return out;
}

// [SECTION] Records

namespace {

// Field text cannot contain '|' or newlines: both are escaped.
void AppendField(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '|')
      out += "\\p";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\\')
      out += "\\\\";
    else
      out += c;
  }
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 'p' ? '|' : n == 'n' ? '\n' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Splits on unescaped '|'.
std::vector<std::string_view> SplitBars(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '\\') {
      ++i;
      continue;
    }
    if (i == s.size() || s[i] == '|') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

template <typename T>
bool Num(std::string_view s, T* out, int base = 10) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  bool neg = false;
  if (base == 16 && s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) b += 2;
  if (base == 10 && *b == '-') {
    neg = true;
    ++b;
  }
  uint64_t v = 0;
  auto r = std::from_chars(b, e, v, base);
  if (r.ec != std::errc() || r.ptr != e) return false;
  *out = neg ? static_cast<T>(-static_cast<int64_t>(v)) : static_cast<T>(v);
  return true;
}

}  // namespace

std::string EncodeBlock(const MemBlock& b) {
  std::string out = fmt::format("block {} {} {} {} {} {} {} {} {} {}\n", b.id,
                                HexAddress(b.address), b.size, b.align, MemRegionName(b.region),
                                int(b.pinned), int(b.unpin), int(b.live), b.object, b.state);
  out += "name ";
  AppendField(out, b.type_name);
  out += "\nowner ";
  AppendField(out, b.owner);
  out += '\n';
  if (b.moved_from != 0)
    out += fmt::format("moved {} {}\n", HexAddress(b.moved_from), b.moved_step);
  for (const MemField& f : b.fields) {
    std::string flags;
    if (f.is_pointer) flags += 'p';
    if (f.dangling) flags += 'd';
    if (f.self_ref) flags += 's';
    if (f.offset_ref) flags += 'o';
    if (f.stale) flags += 'x';
    if (flags.empty()) flags = "-";
    out += fmt::format("field {} {} {} {} {}|", f.offset, f.size, f.variant, flags,
                       HexAddress(f.target));
    AppendField(out, f.name);
    out += '|';
    AppendField(out, f.type);
    out += '|';
    AppendField(out, f.value);
    out += '|';
    AppendField(out, f.target_name);
    out += '\n';
  }
  out += "bytes ";
  for (uint8_t byte : b.bytes)
    out += fmt::format("{:02x}", byte);
  out += '\n';
  return out;
}

bool DecodeBlocks(std::string_view text, std::vector<MemBlock>* out) {
  MemBlock* cur = nullptr;
  for (std::string_view line : Split(text, '\n')) {
    size_t sp = line.find(' ');
    std::string_view key = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
    if (key == "block") {
      std::vector<std::string_view> w = Split(rest, ' ');
      if (w.size() != 10) return false;
      MemBlock b;
      int pinned = 0, unpin = 1, live = 1;
      std::string_view region = w[4];
      if (!Num(w[0], &b.id) || !Num(w[1], &b.address, 16) || !Num(w[2], &b.size) ||
          !Num(w[3], &b.align) || !Num(w[5], &pinned) || !Num(w[6], &unpin) || !Num(w[7], &live) ||
          !Num(w[8], &b.object) || !Num(w[9], &b.state))
        return false;
      if (region == "stack")
        b.region = MemRegion::Stack;
      else if (region == "heap")
        b.region = MemRegion::Heap;
      else if (region == "tasks")
        b.region = MemRegion::Tasks;
      else
        return false;
      b.pinned = pinned != 0;
      b.unpin = unpin != 0;
      b.live = live != 0;
      out->push_back(std::move(b));
      cur = &out->back();
    } else if (cur == nullptr) {
      continue;
    } else if (key == "name") {
      cur->type_name = Unescape(rest);
    } else if (key == "owner") {
      cur->owner = Unescape(rest);
    } else if (key == "moved") {
      std::vector<std::string_view> w = Split(rest, ' ');
      if (w.size() != 2 || !Num(w[0], &cur->moved_from, 16) || !Num(w[1], &cur->moved_step))
        return false;
    } else if (key == "field") {
      size_t bar = rest.find('|');
      if (bar == std::string_view::npos) return false;
      std::vector<std::string_view> w = Split(rest.substr(0, bar), ' ');
      std::vector<std::string_view> t = SplitBars(rest.substr(bar + 1));
      if (w.size() != 5 || t.size() != 4) return false;
      MemField f;
      if (!Num(w[0], &f.offset) || !Num(w[1], &f.size) || !Num(w[2], &f.variant) ||
          !Num(w[4], &f.target, 16))
        return false;
      for (char c : w[3]) {
        if (c == 'p')
          f.is_pointer = true;
        else if (c == 'd')
          f.dangling = true;
        else if (c == 's')
          f.self_ref = true;
        else if (c == 'o')
          f.offset_ref = true;
        else if (c == 'x')
          f.stale = true;
      }
      f.name = Unescape(t[0]);
      f.type = Unescape(t[1]);
      f.value = Unescape(t[2]);
      f.target_name = Unescape(t[3]);
      cur->fields.push_back(std::move(f));
    } else if (key == "bytes") {
      if (rest.size() % 2 != 0) return false;
      cur->bytes.clear();
      for (size_t i = 0; i < rest.size(); i += 2) {
        uint8_t v = 0;
        if (!Num(rest.substr(i, 2), &v, 16)) return false;
        cur->bytes.push_back(v);
      }
    }
  }
  return true;
}

}  // namespace aws
