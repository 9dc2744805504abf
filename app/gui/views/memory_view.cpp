// Memory panel: the emulated address space at the cursor. Bytes in rows with their addresses,
// each field a coloured block named with its value, one bar per variant of a state machine (the
// variants share the same bytes), pointers as arrows to the byte they hold the address of, a lock
// on pinned values, dangling pointers in red into the stale bytes a move left behind, and the
// block sliding from its old rows to its new ones when the step is a move.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "gui/fonts.h"
#include "present/memory_picture.h"
#include "gui/theme.h"
#include "gui/views/views.h"

namespace aws::gui {

namespace {

struct Metrics {
  ImVec2 origin;     // top-left of line 0
  float line_h = 0;  // every line is this high
  float char_w = 0;
  float addr_w = 0;  // address column
  float gutter_w = 0;  // arrows turn here
  float cell_w = 0;
  float CellsX() const { return origin.x + addr_w + gutter_w; }
  float CellX(int col) const { return CellsX() + float(col) * cell_w; }
  float LabelsX(int per_row) const { return CellX(per_row) + char_w; }
  float LineY(size_t line) const { return origin.y + float(line) * line_h; }
};

ImU32 WithAlpha(ImU32 c, int alpha) { return (c & 0x00FFFFFF) | (ImU32(alpha) << 24); }

// A field's colour: the tag neutral, the others from the colour-blind-safe set by position.
ImU32 FieldColor(const MemField& f, int index) {
  if (f.name == "<tag>") return IM_COL32(150, 150, 160, 255);
  if (f.dangling) return kDanglingColor;
  return TaskColor(index + 1);
}

std::string StateLabel(const Session& s, const MemBlock& b, int state) {
  const Program* p = s.program();
  const auto& objects = s.trace().objects;
  if (p == nullptr || b.object < 0 || size_t(b.object) >= objects.size()) return "";
  const int m = objects[size_t(b.object)].machine;
  if (m < 0 || size_t(m) >= p->machines.size()) return "";
  const Machine& machine = p->machines[size_t(m)];
  if (state < 0 || size_t(state) >= machine.states.size()) return "";
  return machine.states[size_t(state)].label;
}

void DrawLock(ImDrawList* dl, ImVec2 at, float h, ImU32 col) {
  const float w = h * 0.62f;
  const ImVec2 body_a(at.x, at.y + h * 0.45f), body_b(at.x + w, at.y + h);
  dl->PathArcTo(ImVec2(at.x + w * 0.5f, at.y + h * 0.45f), w * 0.32f, 3.14159f, 2 * 3.14159f, 10);
  dl->PathStroke(col, 0, std::max(1.5f, h * 0.12f));
  dl->AddRectFilled(body_a, body_b, col, h * 0.08f);
}

// Hatching for bytes that are no longer any value: 45-degree lines cut to the cell by hand (a
// clip rectangle per cell would cost a draw call each).
void Hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  const float step = 5.0f, h = b.y - a.y;
  for (float x = a.x - h; x < b.x; x += step) {
    const float t0 = std::max(0.0f, a.x - x), t1 = std::min(h, b.x - x);
    if (t1 > t0) dl->AddLine(ImVec2(x + t0, b.y - t0), ImVec2(x + t1, b.y - t1), col, 1.0f);
  }
}

// An orthogonal arrow: from the left edge of the pointer's first cell out to the gutter, along
// it to the row of the target, across the top of that row, and down into the target cell.
void DrawPointer(ImDrawList* dl, const Metrics& m, size_t from_line, int from_col, size_t to_line, int to_col,
                 float lane_x, ImU32 col, float thickness) {
  const ImVec2 start(m.CellX(from_col) + 2, m.LineY(from_line) + m.line_h * 0.5f);
  const float top = m.LineY(to_line) + 1.5f;
  const float tip_x = m.CellX(to_col) + m.cell_w * 0.5f;
  const ImVec2 pts[] = {start, ImVec2(lane_x, start.y), ImVec2(lane_x, top), ImVec2(tip_x, top)};
  dl->AddPolyline(pts, 4, col, 0, thickness);
  const float s = 3.0f + thickness * 1.5f;
  const ImVec2 tip(tip_x, top + m.line_h * 0.42f);
  dl->AddLine(ImVec2(tip_x, top), ImVec2(tip_x, tip.y - s * 0.5f), col, thickness);
  dl->AddTriangleFilled(tip, ImVec2(tip_x - s * 0.6f, tip.y - s), ImVec2(tip_x + s * 0.6f, tip.y - s), col);
  dl->AddCircleFilled(start, thickness + 1.5f, col);
}

void CellTooltip(const Session& s, const AddressSpace& space, const MemCell& cell) {
  ImGui::BeginTooltip();
  ImGui::Text("%s: %02X", HexAddress(cell.address).c_str(), cell.value);
  const MemLookup look = space.Lookup(cell.address);
  if (look.block != nullptr) {
    const MemBlock& b = *look.block;
    ImGui::Text(_("%s (%s), byte %llu"), b.type_name.c_str(), b.owner.c_str(), static_cast<unsigned long long>(look.offset));
    for (const MemField& f : b.fields) {
      if (look.offset < f.offset || look.offset >= f.offset + f.size) continue;
      const bool in_force = f.variant < 0 || f.variant == b.state;
      std::string where = f.variant < 0 ? _("every state") : StateLabel(s, b, f.variant);
      if (in_force)
        ImGui::Text("%s: %s = %s  (%s)", f.name.c_str(), f.type.c_str(), f.value.empty() ? "?" : f.value.c_str(), where.c_str());
      else
        ImGui::TextDisabled(_("%s: %s  (only in %s; shares these bytes)"), f.name.c_str(), f.type.c_str(), where.c_str());
    }
  } else if (look.stale != nullptr) {
    ImGui::TextColored(ImColor(kDanglingColor), _("stale: left behind at step %lld; no value lives here"),
                       static_cast<long long>(look.stale->step));
    if (look.field != nullptr) ImGui::Text(_("the bytes still hold what was %s"), look.field->name.c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

bool TracksMemory(const Session& s) { return s.scenario() != nullptr && s.scenario()->memory.track; }

void DrawMemoryView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const AddressSpace& space = s.memory();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  if (space.blocks.empty()) {
    ImGui::TextDisabled(_("Nothing allocated yet at this step."));
    return;
  }

  // Summary and options.
  size_t live = 0;
  uint64_t live_bytes = 0;
  for (const auto& [id, b] : space.blocks)
    if (b.live) ++live, live_bytes += b.size;
  ImGui::Text(_("%zu live blocks, %llu bytes"), live, static_cast<unsigned long long>(live_bytes));
  if (!space.stale.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled(_("  %zu stale ranges"), space.stale.size());
  }
  if (!space.ub.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImColor(kDanglingColor), _("  undefined behaviour: %zu"), space.ub.size());
  }
  ImGui::SameLine();
  bool wide = ctx.view.memory_bytes_per_row == 16;
  const float check_w = ImGui::GetFrameHeight() + ImGui::CalcTextSize(_("16 bytes per row")).x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 10, ImGui::GetWindowContentRegionMax().x - check_w));
  if (ImGui::Checkbox(_("16 bytes per row"), &wide)) ctx.view.memory_bytes_per_row = wide ? 16 : 8;

  const MemPicture pic = BuildMemoryPicture(space, ctx.view.memory_bytes_per_row);
  const int per_row = pic.bytes_per_row;

  // Undefined behaviour so far: listed under the picture, its height reserved here.
  const float ub_h = space.ub.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing() * float(std::min<size_t>(space.ub.size(), 3) * 2 + 1);
  ImGui::BeginChild("##memory", ImVec2(0, -ub_h), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(CurrentFonts().mono);
  Metrics m;
  m.char_w = ImGui::CalcTextSize("0").x;
  m.line_h = ImGui::GetTextLineHeight() * 1.35f;
  m.addr_w = m.char_w * 11;
  const size_t lanes = std::max<size_t>(1, pic.arrows.size() + 1);
  m.gutter_w = m.char_w * (2.0f + 1.5f * float(std::min<size_t>(lanes, 8)));
  m.cell_w = m.char_w * 3;
  m.origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float text_dy = (m.line_h - ImGui::GetTextLineHeight()) * 0.5f;
  const ImVec2 clip_a = ImGui::GetWindowPos(), clip_b(clip_a.x + ImGui::GetWindowWidth(), clip_a.y + ImGui::GetWindowHeight());

  // Where the current event happened, to outline it and scroll to it once per step.
  const int64_t cursor = s.cursor();
  uint64_t focus = 0;
  int follow = -1;  // a block to scroll to
  EventKind focus_kind = EventKind::Diagnostic;
  if (cursor >= 0 && cursor < s.size()) {
    const Event& e = s.trace().events[size_t(cursor)];
    focus_kind = e.kind;
    if (e.kind == EventKind::MemMove) focus = uint64_t(e.b);
    else if (e.kind >= EventKind::MemAlloc && e.kind <= EventKind::MemDangling && e.a >= 0) focus = uint64_t(e.a);
    // Other events of a future: scroll to the block of its state machine (for a leaf future,
    // the machine awaiting it), not outlined.
    else {
      const auto& objects = s.trace().objects;
      for (int obj = e.obj, hops = 0; obj >= 0 && size_t(obj) < objects.size() && hops < 64; obj = objects[size_t(obj)].parent, ++hops)
        if (const MemBlock* b = space.FindObject(obj)) {
          follow = b->id;
          break;
        }
    }
  }
  size_t focus_line = 0, follow_line = 0;
  int focus_col = 0;
  const bool focus_drawn = focus != 0 && pic.Locate(focus, &focus_line, &focus_col);
  bool follow_drawn = focus_drawn;
  if (focus_drawn) follow_line = focus_line;
  for (size_t i = 0; i < pic.lines.size() && !follow_drawn && follow >= 0; ++i)
    if (pic.lines[i].kind == MemLineKind::Header && pic.lines[i].stale < 0 && pic.lines[i].block == follow)
      follow_drawn = true, follow_line = i;  // its header, so the block's name shows too

  float widest = 0;
  for (size_t i = 0; i < pic.lines.size(); ++i) {
    const MemLine& l = pic.lines[i];
    const float y = m.LineY(i);
    if (y > clip_b.y || y + m.line_h < clip_a.y) {
      if (l.kind == MemLineKind::Bytes) widest = std::max(widest, m.LabelsX(per_row) + m.char_w * 40 - m.origin.x);
      continue;
    }
    switch (l.kind) {
      case MemLineKind::Header: {
        const MemBlock* b = space.Find(l.block);
        std::string title;
        float x = m.origin.x;
        if (l.stale >= 0) {
          const MemStale& st = space.stale[size_t(l.stale)];
          const bool freed = b != nullptr && !b->live && b->address == st.address;
          title = StaleHeader(st, b, freed);
          dl->AddText(ImVec2(x, y + text_dy), dim, title.c_str());
        } else if (b != nullptr) {
          if (b->pinned) {
            DrawLock(dl, ImVec2(x + 2, y + text_dy + 1), ImGui::GetTextLineHeight() - 2, kPinnedColor);
            x += m.char_w * 2;
          }
          title = BlockHeader(*b, b->object >= 0 && b->state >= 0 ? StateLabel(s, *b, b->state) : "");
          std::string tags;
          if (b->pinned) tags += _("  pinned");
          if (!b->unpin) tags += "  !Unpin";
          dl->AddText(ImVec2(x, y + text_dy), text, title.c_str());
          const float tw = ImGui::CalcTextSize(title.c_str()).x;
          if (!tags.empty()) dl->AddText(ImVec2(x + tw, y + text_dy), b->pinned ? kPinnedColor : pal.warning, tags.c_str());
          x += ImGui::CalcTextSize(tags.c_str()).x;
          if (ImGui::IsMouseHoveringRect(ImVec2(m.origin.x, y), ImVec2(x + tw, y + m.line_h)) && ImGui::IsWindowHovered()) {
            ImGui::BeginTooltip();
            ImGui::Text(_("owner: %s"), b->owner.c_str());
            ImGui::Text(_("align %llu; %s"), static_cast<unsigned long long>(b->align), b->unpin ? _("Unpin: moving it is harmless") : _("!Unpin: it must not move once pinned"));
            if (b->pinned) ImGui::Text(_("pinned: behind Pin, safe code cannot move it"));
            ImGui::EndTooltip();
          }
        }
        widest = std::max(widest, x + ImGui::CalcTextSize(title.c_str()).x - m.origin.x);
        break;
      }
      case MemLineKind::Variant: {
        const MemBlock* b = space.Find(l.block);
        if (b == nullptr || b->size == 0) break;
        // The whole block as one bar as wide as a row of cells, its fields at their offsets.
        const float bar_x = m.CellsX(), bar_w = m.cell_w * float(per_row);
        const float k = bar_w / float(b->size);
        const ImVec2 a(bar_x, y + m.line_h * 0.2f), z(bar_x + bar_w, y + m.line_h * 0.8f);
        dl->AddRect(a, z, l.in_force ? text : dim);
        for (int f : l.fields) {
          const MemField& fd = b->fields[size_t(f)];
          const ImVec2 fa(bar_x + k * float(fd.offset), a.y), fz(bar_x + k * float(fd.offset + fd.size), z.y);
          dl->AddRectFilled(fa, fz, WithAlpha(FieldColor(fd, f), l.in_force ? 230 : 70));
        }
        std::string label = StateLabel(s, *b, l.variant);
        std::string names;
        for (int f : l.fields)
          if (b->fields[size_t(f)].variant >= 0) names += (names.empty() ? "" : ", ") + b->fields[size_t(f)].name;
        label += l.in_force ? _("  (in force): ") : ": ";
        label += names;
        dl->AddText(ImVec2(m.origin.x + m.char_w, y + text_dy), l.in_force ? text : dim, _("variant"));
        dl->AddText(ImVec2(m.LabelsX(per_row), y + text_dy), l.in_force ? text : dim, label.c_str());
        widest = std::max(widest, m.LabelsX(per_row) + ImGui::CalcTextSize(label.c_str()).x - m.origin.x);
        break;
      }
      case MemLineKind::Gap: {
        const std::string gap = "... " + GapText(l.gap_bytes) + " ...";
        dl->AddText(ImVec2(m.CellsX(), y + text_dy), dim, gap.c_str());
        break;
      }
      case MemLineKind::Bytes: {
        const std::string addr = HexAddress(l.address);
        dl->AddText(ImVec2(m.origin.x, y + text_dy), dim, addr.c_str());
        for (int c = 0; c < int(l.cells.size()); ++c) {
          const MemCell& cell = l.cells[size_t(c)];
          const ImVec2 a(m.CellX(c) + 1, y + 1), z(m.CellX(c + 1) - 1, y + m.line_h - 1);
          if (!cell.mapped) {
            dl->AddText(ImVec2(a.x + m.char_w * 0.5f, y + text_dy), WithAlpha(dim, 90), "..");
            continue;
          }
          const MemField* f = nullptr;
          if (cell.stale) {
            const MemStale& st = space.stale[size_t(cell.stale_range)];
            if (cell.field >= 0) f = &st.fields[size_t(cell.field)];
            if (f != nullptr) dl->AddRectFilled(a, z, WithAlpha(FieldColor(*f, cell.field), 45));
            Hatch(dl, a, z, WithAlpha(dim, 110));
          } else if (const MemBlock* b = space.Find(cell.block); b != nullptr && cell.field >= 0) {
            f = &b->fields[size_t(cell.field)];
            dl->AddRectFilled(a, z, WithAlpha(FieldColor(*f, cell.field), 150));
          } else {
            dl->AddRect(a, z, WithAlpha(dim, 80));
          }
          if (cell.other_variant) dl->AddRectFilled(ImVec2(a.x, z.y - 3), z, WithAlpha(dim, 200));
          char hex[4];
          std::snprintf(hex, sizeof hex, "%02X", cell.value);
          dl->AddText(ImVec2(a.x + m.char_w * 0.5f - 1, y + text_dy), cell.stale ? dim : text, hex);
          if (ImGui::IsMouseHoveringRect(a, z) && ImGui::IsWindowHovered()) CellTooltip(s, space, cell);
        }
        // Field names on the row where they start.
        float x = m.LabelsX(per_row);
        for (const MemLabel& label : l.labels) {
          const MemField* f = nullptr;
          if (label.stale >= 0) f = &space.stale[size_t(label.stale)].fields[size_t(label.field)];
          else if (const MemBlock* b = space.Find(label.block)) f = &b->fields[size_t(label.field)];
          if (f == nullptr) continue;
          const float sw = ImGui::GetTextLineHeight() * 0.6f;
          const ImVec2 sa(x, y + (m.line_h - sw) * 0.5f);
          dl->AddRectFilled(sa, ImVec2(sa.x + sw, sa.y + sw), WithAlpha(FieldColor(*f, label.field), label.stale >= 0 ? 90 : 255));
          x += sw + m.char_w * 0.5f;
          const ImU32 col = label.dangling ? kDanglingColor : label.stale >= 0 ? dim : text;
          dl->AddText(ImVec2(x, y + text_dy), col, label.text.c_str());
          x += ImGui::CalcTextSize(label.text.c_str()).x + m.char_w * 2;
        }
        widest = std::max(widest, x - m.origin.x);
        break;
      }
    }
  }

  // The current event's place, outlined.
  if (focus_drawn) {
    const float y = m.LineY(focus_line);
    const ImU32 col = focus_kind == EventKind::MemDangling ? kDanglingColor : pal.lit_state;
    dl->AddRect(ImVec2(m.CellX(focus_col) - 1, y - 1), ImVec2(m.CellX(focus_col + 1) + 1, y + m.line_h + 1), col, 0, 0, 2.5f);
  }

  // Pointers: each in its own lane of the gutter, dangling ones in red; for a dangling
  // self-reference, a thin line to where the value it meant lives now.
  for (size_t i = 0; i < pic.arrows.size(); ++i) {
    const MemArrow& a = pic.arrows[i];
    const float lane_x = m.CellsX() - m.char_w * (1.0f + 1.5f * float(i % 8));
    DrawPointer(dl, m, a.from_line, a.from_column, a.to_line, a.to_column, lane_x, a.dangling ? kDanglingColor : kPointerColor,
                a.dangling ? 3.0f : 2.5f);
    if (!a.meant_known) continue;
    const ImVec2 p0(m.CellX(a.from_column) + m.cell_w * 0.5f, m.LineY(a.from_line) + m.line_h - 2);
    const ImVec2 p1(m.CellX(a.meant_column) + m.cell_w * 0.5f, m.LineY(a.meant_line) + m.line_h - 2);
    const ImVec2 c0(p0.x + m.cell_w * 1.5f, p0.y + m.line_h * 0.8f), c1(p1.x + m.cell_w * 1.5f, p1.y + m.line_h * 0.8f);
    dl->AddBezierCubic(p0, c0, c1, p1, WithAlpha(kPointerColor, 170), 2.0f);
    dl->AddCircle(ImVec2(p1.x, p1.y - m.line_h * 0.35f), m.cell_w * 0.55f, kPointerColor, 0, 2.0f);
  }

  // A move: the block's outline slides from its old rows to its new ones while the step animates.
  if (focus_kind == EventKind::MemMove && cursor >= 0) {
    const float progress = StepAnimation(ctx.view);
    const Event& e = s.trace().events[size_t(cursor)];
    const MemBlock* b = space.Find(e.obj);
    size_t l0 = 0, l1 = 0;
    int c0 = 0, c1 = 0;
    if (b != nullptr && progress < 1.0f && pic.Locate(uint64_t(e.a), &l0, &c0) && pic.Locate(uint64_t(e.b), &l1, &c1)) {
      const float y0 = m.LineY(l0) + (m.LineY(l1) - m.LineY(l0)) * progress;
      const float rows = std::ceil(float(b->size + uint64_t(c1)) / float(per_row));
      dl->AddRectFilled(ImVec2(m.CellsX(), y0), ImVec2(m.CellX(per_row), y0 + rows * m.line_h), WithAlpha(pal.lit_state, 60));
      dl->AddRect(ImVec2(m.CellsX(), y0), ImVec2(m.CellX(per_row), y0 + rows * m.line_h), pal.lit_state, 0, 0, 2.0f);
    }
  }

  ImGui::Dummy(ImVec2(widest, m.line_h * float(pic.lines.size())));
  if (follow_drawn && ctx.view.memory_scrolled_cursor != cursor) {
    ctx.view.memory_scrolled_cursor = cursor;
    const float local = m.LineY(follow_line) - m.origin.y;
    const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
    if (local < top || local + m.line_h > top + h) ImGui::SetScrollY(std::max(0.0f, local - h * 0.3f));
  }
  ImGui::PopFont();
  ImGui::EndChild();

  for (size_t i = space.ub.size() > 3 ? space.ub.size() - 3 : 0; i < space.ub.size(); ++i) {
    const MemUb& ub = space.ub[i];
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(kDanglingColor), _("step %lld, %s: %s"), static_cast<long long>(ub.step), HexAddress(ub.address).c_str(),
                       ub.message.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace aws::gui
