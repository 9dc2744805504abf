#include "awaitscope/value.h"

namespace aws {

bool Value::operator==(const Value& o) const {
  if (k != o.k) return false;
  switch (k) {
    case K::Uninit: case K::Moved: case K::Unit: case K::Phantom: case K::Stream: return true;
    case K::Bool: case K::Int: case K::Char: case K::Duration: case K::Future: return i == o.i;
    case K::Str: case K::Error: return s == o.s;
    case K::Ref: case K::RawPtr: return i == o.i && obj == o.obj && slot == o.slot && path == o.path;
    default: return i == o.i && s == o.s && v == o.v && names == o.names && mode == o.mode && rev == o.rev && end == o.end;
  }
}

}  // namespace aws
