// Operator precedence and printed values: how tightly a piece of printed text binds.
#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

int BinPrec(BinOp op) {
  switch (op) {
    case BinOp::Mul:
    case BinOp::Div:
    case BinOp::Rem:
      return 70;
    case BinOp::Add:
    case BinOp::Sub:
      return 60;
    case BinOp::Shl:
    case BinOp::Shr:
      return 55;
    case BinOp::BitAnd:
      return 50;
    case BinOp::BitXor:
      return 45;
    case BinOp::BitOr:
      return 40;
    case BinOp::Eq:
    case BinOp::Ne:
    case BinOp::Lt:
    case BinOp::Le:
    case BinOp::Gt:
    case BinOp::Ge:
      return 30;
    case BinOp::And:
      return 20;
    case BinOp::Or:
      return 15;
  }
  return 60;
}

bool IsComparison(BinOp op) {
  return BinPrec(op) == 30;
}

Val Pure(std::string text) {
  return Val{std::move(text), kPrecPostfix, true};
}

Val Unit() {
  return Pure("()");
}

}  // namespace aws::desugar_detail
