// The scenario loader's device tables: [disk], [threads], [network] and its connections,
// [[key]] and [[op]].
#include <fmt/format.h>

#include <algorithm>

#include "scenario/loader.h"

namespace aws::scenario_load {

void Loader::Disk(const toml::table& t) {
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "write_latency_ms") {
      if (auto n = Millis(*v, key)) s_.disk.write_latency_ms = *n;
    } else {
      Unknown(*k, "[disk]");
    }
  }
}

void Loader::Threads(const toml::table& t) {
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "preemptive_slice_ms") {
      if (auto n = Millis(*v, key)) {
        if (*n < 1)
          Err(v->source(), fmt::format("`preemptive_slice_ms` must be at least 1 (got {})", *n));
        else
          s_.preemptive_slice_ms = *n;
      }
    } else {
      Unknown(*k, "[threads]");
    }
  }
}

void Loader::Network(const toml::table& t) {
  s_.network.present = true;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "address") {
      if (auto a = NonEmptyStr(*v, key)) {
        if (!IsSocketAddr(*a))
          Err(v->source(), fmt::format("`address` must be an IPv4 address and port such as \"127.0.0.1:8080\", "
                                       "not \"{}\"", Shown(*a)));
        else
          s_.network.address = *a;
      }
    } else if (key == "read_latency_ms") {
      if (auto n = Millis(*v, key)) s_.network.read_latency_ms = *n;
    } else if (key == "write_latency_ms") {
      if (auto n = Millis(*v, key)) s_.network.write_latency_ms = *n;
    } else if (key == "connection") {
      for (const toml::table* c : TableList(*v, "network.connection")) Connection(*c);
    } else {
      Unknown(*k, "[network]");
    }
  }
  auto& cs = s_.network.connections;
  std::stable_sort(cs.begin(), cs.end(), [](const ConnectionSpec& a, const ConnectionSpec& b) { return a.t_ms < b.t_ms; });
}

bool Loader::IsSocketAddr(const std::string& a) {
  int parts[5], n = 0;
  char tail = 0;
  if (std::sscanf(a.c_str(), "%d.%d.%d.%d:%d%c", &parts[0], &parts[1], &parts[2], &parts[3], &parts[4], &tail) != 5)
    return false;
  for (n = 0; n < 4; ++n)
    if (parts[n] < 0 || parts[n] > 255) return false;
  return parts[4] > 0 && parts[4] <= 65535 && a.find_first_not_of("0123456789.:") == std::string::npos;
}

void Loader::Connection(const toml::table& t) {
  ConnectionSpec c;
  const std::string where = "[[network.connection]]";
  bool has_t = false;
  const toml::node* close_node = nullptr;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "t_ms") {
      has_t = true;
      if (auto n = Millis(*v, key)) c.t_ms = *n;
    } else if (key == "peer") {
      if (auto a = NonEmptyStr(*v, key)) {
        if (!IsSocketAddr(*a))
          Err(v->source(), fmt::format("`peer` must be an IPv4 address and port such as \"127.0.0.1:50001\", "
                                       "not \"{}\"", Shown(*a)));
        else
          c.peer = *a;
      }
    } else if (key == "send") {
      for (const toml::table* ch : TableList(*v, "send")) {
        NetChunkSpec chunk;
        bool has_ct = false, has_data = false;
        for (const auto& [ck, cv] : Entries(*ch)) {
          std::string_view ckey = ck->str();
          if (ckey == "t_ms") {
            has_ct = true;
            if (auto n = Millis(*cv, ckey)) chunk.t_ms = *n;
          } else if (ckey == "data") {
            has_data = true;
            if (auto d = Str(*cv, ckey)) {
              if (d->empty()) Err(cv->source(), "`data` must not be empty: a chunk sends at least one byte");
              else chunk.data = *d;
            }
          } else {
            Unknown(*ck, "a `send` chunk of [[network.connection]]");
          }
        }
        if (!has_ct) Missing(ch->source(), "t_ms", "a `send` chunk of [[network.connection]]");
        if (!has_data) Missing(ch->source(), "data", "a `send` chunk of [[network.connection]]");
        if (has_t && chunk.t_ms < c.t_ms)
          Err(ch->source(), fmt::format("a chunk is sent at {} ms, before its client connects at {} ms", chunk.t_ms, c.t_ms));
        if (!c.send.empty() && chunk.t_ms < c.send.back().t_ms)
          Err(ch->source(), fmt::format("`send` chunks must be in time order ({} ms comes after {} ms)", chunk.t_ms,
                                        c.send.back().t_ms));
        c.send.push_back(std::move(chunk));
      }
    } else if (key == "close_ms") {
      close_node = v;
      if (auto n = Millis(*v, key)) c.close_ms = *n;
    } else {
      Unknown(*k, where);
    }
  }
  if (!has_t) Missing(t.source(), "t_ms", where);
  if (close_node && c.close_ms) {
    int64_t last = c.send.empty() ? c.t_ms : c.send.back().t_ms;
    if (*c.close_ms < last)
      Err(close_node->source(), fmt::format("`close_ms` is {} ms, before the client's last byte or its connection "
                                            "at {} ms", *c.close_ms, last));
  }
  if (s_.network.connections.size() >= 10000) {
    Err(t.source(), "more than 10000 connections in [network]");
    return;
  }
  if (c.peer.empty()) c.peer = fmt::format("127.0.0.1:{}", 50001 + s_.network.connections.size());
  s_.network.connections.push_back(std::move(c));
}

void Loader::Key(const toml::table& t) {
  KeySpec ks;
  bool has_t = false, has_code = false;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "t_ms") {
      has_t = true;
      if (auto n = Millis(*v, key)) ks.t_ms = *n;
    } else if (key == "scancode") {
      has_code = true;
      if (auto n = Int(*v, key)) {
        if (*n < 0 || *n > 255)
          Err(v->source(),
              fmt::format("`scancode` must be between 0 and 255 (0x00 to 0xFF), not {}", *n));
        else
          ks.scancode = static_cast<uint8_t>(*n);
      }
    } else if (key == "during_poll") {
      if (auto b = Bool(*v, key)) ks.during_poll = *b;
    } else {
      Unknown(*k, "[[keyboard]]");
    }
  }
  if (!has_t) Missing(t.source(), "t_ms", "[[keyboard]]");
  if (!has_code) Missing(t.source(), "scancode", "[[keyboard]]");
  s_.keyboard.push_back(ks);
}

void Loader::Op(const toml::table& t) {
  OpSpec op;
  op.result = "()";
  LineCol at = toml_.src().Locate(toml_.Offset(t.source().begin));
  op.line = at.line;
  op.col = at.col;
  op.file = path_;
  bool has_name = false;
  const toml::node* latency = nullptr;
  const toml::node* name_node = nullptr;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "name") {
      has_name = true;
      name_node = v;
      if (auto s = Str(*v, key)) {
        if (!IsIdent(*s))
          Err(v->source(), fmt::format("op name `{}` is not a Rust identifier", Shown(*s)));
        else
          op.name = *s;
      }
    } else if (key == "receiver") {
      if (auto s = Str(*v, key)) {
        if (!s->empty() && !IsIdent(*s))
          Err(v->source(),
              fmt::format("`receiver` must name a struct type, not `{}`", Shown(*s)));
        else
          op.receiver = *s;
      }
    } else if (key == "params") {
      if (auto l = StrList(*v, key, false)) {
        op.params = std::move(*l);
        for (const toml::node& e : *v->as_array()) op.param_pos.push_back(TextPos(e));
      }
    } else if (key == "returns") {
      if (auto s = NonEmptyStr(*v, key)) {
        op.returns = *s;
        op.returns_pos = TextPos(*v);
      }
    } else if (key == "async") {
      if (auto b = Bool(*v, key)) op.is_async = *b;
    } else if (key == "latency_ms") {
      latency = v;
      if (auto n = Millis(*v, key)) op.latency_ms = *n;
    } else if (key == "result") {
      if (auto s = NonEmptyStr(*v, key)) {
        op.result = *s;
        op.result_pos = TextPos(*v);
      }
    } else {
      Unknown(*k, "[[op]]");
    }
  }
  if (!has_name) Missing(t.source(), "name", "[[op]]");
  if (!op.is_async && latency && op.latency_ms > 0)
    Err(latency->source(),
        "`latency_ms` is only for async ops; a synchronous op (async = false) returns at once");
  if (!op.name.empty()) {
    std::string full = op.receiver.empty() ? op.name : op.receiver + "::" + op.name;
    auto [it, fresh] = op_lines_.emplace(full, op.line);
    if (!fresh)
      Err(name_node->source(),
          fmt::format("op `{}` is declared twice (first on line {})", full, it->second));
  }
  s_.ops.push_back(std::move(op));
}

}  // namespace aws::scenario_load
