#include "gui/machine_svg.h"

#include <graphviz/gvc.h>

#include <cstring>
#include <map>
#include <string>

namespace aws::gui {
namespace {

// Object IDs in the order names first appear. cgraph's default ID discipline uses the address
// of each interned name as its ID, and orders subgraphs by ID: the clusters (one per machine)
// then came out in an order that followed the heap, so the same program gave differently laid
// out SVGs in two processes (the window and the CLI). Named objects get even IDs, anonymous ones
// odd IDs, as in the default discipline.
struct IdState {
  std::map<std::string, IDTYPE, std::less<>> ids;
  std::map<IDTYPE, std::string> names;
  IDTYPE next_named = 2;
  IDTYPE next_anonymous = 1;
};

void* IdOpen(Agraph_t*, Agdisc_t*) { return new IdState; }

long IdMap(void* state, int, char* name, IDTYPE* id, int create) {
  auto* s = static_cast<IdState*>(state);
  if (name == nullptr) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  if (auto it = s->ids.find(std::string_view(name)); it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (!create) return 0;
  *id = s->next_named;
  s->next_named += 2;
  s->ids.emplace(name, *id);
  s->names.emplace(*id, name);
  return 1;
}

long IdAlloc(void*, int, IDTYPE) { return 0; }  // no caller-chosen IDs, as the default
void IdFree(void*, int, IDTYPE) {}             // names live until the graph closes
char* IdPrint(void* state, int, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  auto it = s->names.find(id);
  return it == s->names.end() ? nullptr : it->second.data();
}
void IdClose(void* state) { delete static_cast<IdState*>(state); }
void IdRegister(void*, int, void*) {}

Agiddisc_t kIdDisc = {IdOpen, IdMap, IdAlloc, IdFree, IdPrint, IdClose, IdRegister};

// Reads the DOT text from memory a line at a time, as agmemread does.
struct Reader {
  const std::string* text;
  size_t pos = 0;
};

int ReadLine(void* chan, char* buf, int size) {
  auto* r = static_cast<Reader*>(chan);
  int n = 0;
  while (n < size && r->pos < r->text->size()) {
    const char c = (*r->text)[r->pos++];
    buf[n++] = c;
    if (c == '\n') break;
  }
  return n;
}

}  // namespace

bool RenderMachinesSvg(const Program& program, std::string* svg, std::string* error) {
  // One context per process, as graph_layout.cpp keeps its own: gvContext reads the plugin
  // configuration, which is slow to repeat. Graphviz is not thread-safe; the callers are the
  // CLI and the window's frame loop, one thread each.
  static GVC_t* gvc = gvContext();
  if (gvc == nullptr) {
    *error = "Graphviz: no context";
    return false;
  }
  const std::string dot = DumpMachinesDot(program);
  static Agiodisc_t io = {ReadLine, AgIoDisc.putstr, AgIoDisc.flush};
  Agdisc_t disc = {&AgMemDisc, &kIdDisc, &io};
  Reader reader{&dot};
  Agraph_t* g = agread(&reader, &disc);
  if (g == nullptr) {
    *error = "Graphviz could not read the state machines' DOT";
    return false;
  }
  bool ok = false;
  if (gvLayout(gvc, g, "dot") != 0) {
    *error = "Graphviz: dot layout failed";
  } else {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, g, "svg", &data, &length) != 0 || data == nullptr) {
      *error = "Graphviz: no svg renderer (is libgvc's core plugin installed?)";
    } else {
      svg->assign(data, length);
      ok = true;
    }
    if (data != nullptr) gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  return ok;
}

}  // namespace aws::gui
