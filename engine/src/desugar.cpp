// The desugared text of a machine: the entry points. The generator itself is split by concept
// under engine/src/desugar/ (see desugar/desugar_impl.h for the index).
#include <string>

#include "awaitscope/lower.h"
#include "desugar/desugar_impl.h"

namespace aws {

DesugaredCode DesugarWithLines(const Program& prog, const Machine& m) {
  return desugar_detail::Desugarer(prog, m).Run();
}

std::string Desugar(const Program& prog, const Machine& m) {
  return DesugarWithLines(prog, m).text;
}

}  // namespace aws
