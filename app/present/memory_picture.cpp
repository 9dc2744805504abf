#include "present/memory_picture.h"

#include <fmt/format.h>

#include "present/i18n.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

namespace aws::present {

namespace {

// What a run of rows shows: a live block or a stale range.
struct Range {
  uint64_t start = 0, end = 0;
  int block = -1;  // live block id
  int stale = -1;  // AddressSpace::stale index
};

bool InForce(const MemField& f, const MemBlock& b) { return f.variant < 0 || f.variant == b.state; }

uint64_t RowStart(uint64_t addr, int per_row) { return addr - addr % uint64_t(per_row); }
uint64_t RowEnd(uint64_t addr, int per_row) {  // one past the last row's end
  uint64_t r = RowStart(addr, per_row);
  return r == addr ? r : r + uint64_t(per_row);
}

// The field of `fields` (in force per `keep`) containing byte `offset`, -1 none. Later fields
// win, so a field nested in a wider one (none today) would show.
template <class Keep>
int FieldAt(const std::vector<MemField>& fields, uint64_t offset, Keep keep) {
  int found = -1;
  for (size_t i = 0; i < fields.size(); ++i)
    if (keep(fields[i]) && offset >= fields[i].offset && offset < fields[i].offset + fields[i].size) found = int(i);
  return found;
}

// A Header line for a block or stale range, then a Variant line per state of a machine block.
void AddHeader(MemPicture& pic, const AddressSpace& space, const Range& r) {
  MemLine h;
  h.kind = MemLineKind::Header;
  h.address = r.start;
  if (r.block >= 0) {
    const MemBlock& b = *space.Find(r.block);
    h.block = b.id;
    pic.lines.push_back(h);
    if (b.object < 0 || b.state < 0) return;
    // A machine: one line per state with fields, so the variants' overlap shows.
    std::vector<int> variants;
    for (const MemField& f : b.fields)
      if (f.variant >= 0 && std::find(variants.begin(), variants.end(), f.variant) == variants.end())
        variants.push_back(f.variant);
    std::sort(variants.begin(), variants.end());
    for (int v : variants) {
      MemLine vl;
      vl.kind = MemLineKind::Variant;
      vl.address = b.address;
      vl.block = b.id;
      vl.variant = v;
      vl.in_force = v == b.state;
      for (size_t f = 0; f < b.fields.size(); ++f)
        if (b.fields[f].variant == v || b.fields[f].variant < 0) vl.fields.push_back(int(f));
      pic.lines.push_back(std::move(vl));
    }
  } else {
    h.stale = r.stale;
    h.block = space.stale[size_t(h.stale)].block;
    pic.lines.push_back(h);
  }
}

}  // namespace

uint64_t MeantTarget(const MemBlock& b, const MemField& ptr) {
  const std::string& t = ptr.target_name;
  const size_t open = t.find('[');
  if (open == std::string::npos || t.back() != ']') return 0;
  const std::string base = t.substr(0, open);
  const int index = std::atoi(t.c_str() + open + 1);
  for (const MemField& f : b.fields) {
    if (f.name != base || (f.variant >= 0 && f.variant != b.state)) continue;
    const size_t semi = f.type.rfind("; ");
    if (f.type.empty() || f.type[0] != '[' || semi == std::string::npos) return 0;
    const int count = std::atoi(f.type.c_str() + semi + 2);
    if (count <= 0 || index < 0 || index >= count) return 0;
    return b.address + f.offset + f.size / uint64_t(count) * uint64_t(index);
  }
  return 0;
}

std::string FieldLabel(const MemField& f, uint64_t meant) {
  std::string text = f.name;
  if (f.stale) return text + _(" (moved out)");
  if (f.value.empty()) return text;
  text += " = " + f.value;
  if (f.is_pointer) {
    if (f.target == 0) return text;
    if (f.dangling)
      text += f.target_name.empty() ? _(" (dangling)")
              : meant != 0  ? TrFormat(N_(" (dangling: {} is now at {})"), f.target_name, HexAddress(meant))
                            : TrFormat(N_(" (dangling: {} is not there)"), f.target_name);
    else if (!f.target_name.empty())
      text += " -> " + f.target_name;
  }
  return text;
}

// The memory regions' names (MemRegionName), listed for the catalog; shown through _().
[[maybe_unused]] constexpr const char* kRegionNames[] = {N_("stack"), N_("heap"), N_("tasks")};

std::string GapText(uint64_t bytes) {
  if (bytes < 1024) return TrFormat(N_("{} bytes"), bytes);
  // Three significant digits in the largest unit that keeps the number under 1000.
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = double(bytes) / 1024;
  size_t unit = 0;
  while (v >= 1000 && unit + 1 < std::size(kUnits)) v /= 1024, ++unit;
  return TrFormat(N_("{:.3g} {} of addresses"), v, kUnits[unit]);
}

std::string BlockHeader(const MemBlock& b, const std::string& state_label) {
  std::string text = TrFormat(N_("{} at {}, {} bytes, {}"), b.type_name, HexAddress(b.address), b.size,
                                 _(MemRegionName(b.region)));
  if (!state_label.empty()) text += TrFormat(N_(", in {}"), state_label);
  if (b.moved_from != 0) text += TrFormat(N_("; moved from {} at step {}"), HexAddress(b.moved_from), b.moved_step);
  return text;
}

std::string StaleHeader(const MemStale& st, const MemBlock* was, bool freed) {
  const std::string what = was != nullptr ? was->type_name : std::string(_("a value"));
  return TrFormat(freed ? N_("{}..{}: {} bytes left behind by the free of {} at step {}")
                        : N_("{}..{}: {} bytes left behind by the move of {} at step {}"),
                  HexAddress(st.address), HexAddress(st.address + st.size), st.size, what, st.step);
}

bool MemPicture::Locate(uint64_t address, size_t* line, int* column) const {
  for (size_t i = 0; i < lines.size(); ++i) {
    const MemLine& l = lines[i];
    if (l.kind != MemLineKind::Bytes || address < l.address || address >= l.address + uint64_t(bytes_per_row)) continue;
    *line = i;
    *column = int(address - l.address);
    return true;
  }
  return false;
}

MemPicture BuildMemoryPicture(const AddressSpace& space, int bytes_per_row) {
  MemPicture pic;
  pic.bytes_per_row = std::max(1, bytes_per_row);
  const int per_row = pic.bytes_per_row;

  std::vector<Range> ranges;
  for (const auto& [id, b] : space.blocks)
    if (b.live && b.size > 0) ranges.push_back({b.address, b.address + b.size, id, -1});
  for (size_t i = 0; i < space.stale.size(); ++i) {
    const MemStale& st = space.stale[i];
    if (st.size == 0) continue;
    // A stale range entirely under live blocks shows nothing; leave it out.
    bool covered = true;
    for (uint64_t a = st.address; a < st.address + st.size && covered; ++a) covered = space.Lookup(a).block != nullptr;
    if (!covered) ranges.push_back({st.address, st.address + st.size, -1, int(i)});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return a.start != b.start ? a.start < b.start : a.block > b.block;  // live before stale at one address
  });

  // Runs of rows: ranges whose rows are less than two rows apart share one.
  std::vector<std::pair<size_t, size_t>> runs;  // [first, last] range indexes
  uint64_t run_end = 0;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const uint64_t start = RowStart(ranges[i].start, per_row), end = RowEnd(ranges[i].end, per_row);
    if (runs.empty() || start > run_end + uint64_t(per_row)) {
      runs.push_back({i, i});
      run_end = end;
    } else {
      runs.back().second = i;
      run_end = std::max(run_end, end);
    }
  }

  uint64_t previous_end = 0;
  for (const auto& [first, last] : runs) {
    uint64_t start = RowStart(ranges[first].start, per_row), end = 0;
    for (size_t i = first; i <= last; ++i) end = std::max(end, RowEnd(ranges[i].end, per_row));
    if (!pic.lines.empty()) {
      MemLine gap;
      gap.kind = MemLineKind::Gap;
      gap.address = previous_end;
      gap.gap_bytes = start - previous_end;
      pic.lines.push_back(std::move(gap));
    }
    previous_end = end;

    size_t next_range = first;  // ranges are sorted by start: headers go before their first row
    for (uint64_t row = start; row < end; row += uint64_t(per_row)) {
      for (; next_range <= last && RowStart(ranges[next_range].start, per_row) == row; ++next_range)
        AddHeader(pic, space, ranges[next_range]);
      MemLine l;
      l.kind = MemLineKind::Bytes;
      l.address = row;
      for (int c = 0; c < per_row; ++c) {
        MemCell cell;
        cell.address = row + uint64_t(c);
        const MemLookup look = space.Lookup(cell.address);
        if (look.block != nullptr) {
          const MemBlock& b = *look.block;
          cell.mapped = true;
          cell.block = b.id;
          if (look.offset < b.bytes.size()) cell.value = b.bytes[look.offset];
          cell.field = FieldAt(b.fields, look.offset, [&](const MemField& f) { return InForce(f, b); });
          cell.other_variant = FieldAt(b.fields, look.offset, [&](const MemField& f) { return !InForce(f, b); }) >= 0;
          if (cell.field >= 0 && b.fields[size_t(cell.field)].offset == look.offset) {
            const MemField& f = b.fields[size_t(cell.field)];
            const uint64_t meant = f.dangling ? MeantTarget(b, f) : 0;
            l.labels.push_back({c, b.id, -1, cell.field, FieldLabel(f, meant), f.dangling});
          }
        } else if (look.stale != nullptr) {
          const MemStale& st = *look.stale;
          cell.mapped = true;
          cell.stale = true;
          cell.block = st.block;
          cell.stale_range = int(look.stale - space.stale.data());
          if (look.offset < st.bytes.size()) cell.value = st.bytes[look.offset];
          // The block's state when it left is not kept; its fields with a value were in force.
          cell.field = FieldAt(st.fields, look.offset, [](const MemField& f) { return f.variant < 0 || !f.value.empty(); });
          if (cell.field >= 0 && st.fields[size_t(cell.field)].offset == look.offset) {
            const MemField& f = st.fields[size_t(cell.field)];
            l.labels.push_back({c, st.block, cell.stale_range, cell.field, _("was ") + FieldLabel(f), false});
          }
        }
        l.cells.push_back(cell);
      }
      pic.lines.push_back(std::move(l));
    }
  }

  for (const MemPointer& p : space.Pointers()) {
    MemArrow a;
    if (p.target == 0 || !pic.Locate(p.from, &a.from_line, &a.from_column) || !pic.Locate(p.target, &a.to_line, &a.to_column))
      continue;
    a.block = p.from_block;
    a.name = p.name;
    a.dangling = p.dangling || p.in_stale;
    a.self_ref = p.target_block == p.from_block;
    if (a.dangling)
      if (const MemBlock* b = space.Find(p.from_block))
        for (const MemField& f : b->fields)
          if (f.is_pointer && f.name == p.name && InForce(f, *b))
            if (const uint64_t meant = MeantTarget(*b, f); meant != 0)
              a.meant_known = pic.Locate(meant, &a.meant_line, &a.meant_column);
    pic.arrows.push_back(std::move(a));
  }
  return pic;
}

}  // namespace aws::present
