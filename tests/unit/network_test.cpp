// The network device (runtime/devices/network.cpp): the [network] schema, tokio's futures and
// std's blocking calls on the scheduled clients, and slices of byte buffers.
#include <gtest/gtest.h>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct NetRun {
  Trace trace;
  std::string text;    // the text trace
  std::string output;  // what the script printed
  std::string diags;
};

NetRun RunToml(const std::string& toml) {
  Diagnostics d;
  auto s = LoadScenarioText("net.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  NetRun r;
  if (!s) return r;
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return r;
  r.trace = RunScenario(*p, *s, {}, d);
  r.text = TraceToText(r.trace, p.get());
  for (const Event& e : r.trace.events)
    if (e.kind == EventKind::Print) r.output += r.trace.Payload(e);
  r.diags = d.Render();
  return r;
}

std::string EndWhy(const Trace& t) { return t.Payload(t.events.back()); }

// Lines of the text trace that contain `needle`, joined by newlines.
std::string Lines(const std::string& text, const std::string& needle) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (line.find(needle) != std::string::npos) out += line + "\n";
    pos = end + 1;
  }
  return out;
}

TEST(NetworkScenario, LoadsTheAddressLatenciesAndConnectionsInTimeOrder) {
  Diagnostics d;
  auto s = LoadScenarioText("n.toml", R"(title = "t"
script = '''
async fn main() {}
'''
[network]
address = "10.0.0.1:9000"
read_latency_ms = 4
write_latency_ms = 7

[[network.connection]]
t_ms = 30
close_ms = 50
[[network.connection.send]]
t_ms = 31
data = "a"
[[network.connection.send]]
t_ms = 33
data = "bc"

[[network.connection]]
t_ms = 10
peer = "192.168.1.2:4000"
)", d);
  ASSERT_TRUE(s) << d.Render();
  const NetworkSpec& n = s->network;
  EXPECT_TRUE(n.present);
  EXPECT_EQ(n.address, "10.0.0.1:9000");
  EXPECT_EQ(n.read_latency_ms, 4);
  EXPECT_EQ(n.write_latency_ms, 7);
  ASSERT_EQ(n.connections.size(), 2u);
  EXPECT_EQ(n.connections[0].t_ms, 10);  // sorted by time
  EXPECT_EQ(n.connections[0].peer, "192.168.1.2:4000");
  EXPECT_FALSE(n.connections[0].close_ms);
  EXPECT_EQ(n.connections[1].peer, "127.0.0.1:50001");  // the default: its number in the file
  ASSERT_EQ(n.connections[1].send.size(), 2u);
  EXPECT_EQ(n.connections[1].send[1].t_ms, 33);
  EXPECT_EQ(n.connections[1].send[1].data, "bc");
  EXPECT_EQ(n.connections[1].close_ms, 50);
}

const char* kEchoLoop = R"NET(title = "t"
script = '''
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

async fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").await.unwrap();
    let (mut socket, addr) = listener.accept().await.unwrap();
    println!("from {}", addr);
    let mut buf = [0; 4];
    loop {
        let n = socket.read(&mut buf).await.unwrap();
        if n == 0 {
            println!("closed");
            break;
        }
        let part = &buf[..n];
        println!("{} bytes, first {}", part.len(), part[0]);
        socket.write_all(part).await.unwrap();
    }
}
'''
[network]
[[network.connection]]
t_ms = 1
send = [{ t_ms = 2, data = "abcdef" }, { t_ms = 9, data = "g" }]
close_ms = 20
)NET";

TEST(NetworkRun, ReadsTakeWhatFitsAndWhatHasArrivedThenZeroAtTheClose) {
  NetRun r = RunToml(kEchoLoop);
  // A 4-byte buffer takes "abcd" of the 6 bytes sent at 2 ms (done at 3 ms: the 1 ms read
  // latency), the next read the rest; "g" arrives at 9 ms; the close at 20 ms reads 0.
  EXPECT_EQ(r.output, "from 127.0.0.1:50001\n4 bytes, first 97\n2 bytes, first 101\n1 bytes, first 103\nclosed\n");
  EXPECT_EQ(Lines(r.text, "device_complete device=conn"),
            "t=3ms device_complete device=conn 127.0.0.1:50001 request=3 -> Ok(4): \"abcd\"\n"
            "t=5ms device_complete device=conn 127.0.0.1:50001 request=4 -> Ok(())\n"
            "t=6ms device_complete device=conn 127.0.0.1:50001 request=5 -> Ok(2): \"ef\"\n"
            "t=8ms device_complete device=conn 127.0.0.1:50001 request=6 -> Ok(())\n"
            "t=10ms device_complete device=conn 127.0.0.1:50001 request=7 -> Ok(1): \"g\"\n"
            "t=12ms device_complete device=conn 127.0.0.1:50001 request=8 -> Ok(())\n"
            "t=21ms device_complete device=conn 127.0.0.1:50001 request=9 -> Ok(0): the client has closed its end\n");
  EXPECT_EQ(Lines(r.text, "receives"), "t=5ms diagnostic note: the client at 127.0.0.1:50001 receives \"abcd\"\n"
                                       "t=8ms diagnostic note: the client at 127.0.0.1:50001 receives \"ef\"\n"
                                       "t=12ms diagnostic note: the client at 127.0.0.1:50001 receives \"g\"\n");
  // Every socket is a device of kind "net": the listener and the accepted connection.
  ASSERT_EQ(r.trace.devices.size(), 2u);
  EXPECT_EQ(r.trace.devices[0].name, "listener 127.0.0.1:8080");
  EXPECT_EQ(r.trace.devices[1].name, "conn 127.0.0.1:50001");
  EXPECT_EQ(r.trace.devices[1].kind, "net");
}

TEST(NetworkRun, BindingAnotherAddressFailsAsTheOsWould) {
  NetRun r = RunToml(R"(title = "t"
script = '''
use std::net::TcpListener;

fn main() {
    let listener = TcpListener::bind("127.0.0.1:9999").unwrap();
}
'''
[network]
)");
  EXPECT_EQ(r.trace.events.back().a, 1);
  EXPECT_EQ(EndWhy(r.trace),
            "thread 'main' panicked: called `Result::unwrap()` on an `Err` value: Error(\"Cannot assign requested address "
            "(os error 99): the scenario's clients connect to 127.0.0.1:8080, not 127.0.0.1:9999\")");
}

TEST(NetworkRun, BindingWithoutANetworkTableFaults) {
  NetRun r = RunToml(R"(title = "t"
script = '''
use tokio::net::TcpListener;

async fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").await.unwrap();
}
'''
)");
  EXPECT_EQ(r.trace.events.back().a, 1);
  EXPECT_NE(EndWhy(r.trace).find("TcpListener::bind: this scenario has no network; give it a [network] table"),
            std::string::npos) << EndWhy(r.trace);
}

TEST(NetworkRun, BlockedThreadsThatOnlyWaitOnTheNetworkEndTheRunNormally) {
  NetRun r = RunToml(R"(title = "t"
script = '''
use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;

fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").unwrap();
    loop {
        let (mut socket, _) = listener.accept().unwrap();
        thread::spawn(move || {
            let mut buf = [0; 8];
            let n = socket.read(&mut buf).unwrap();
            socket.write_all(&buf[..n]).unwrap();
        });
    }
}
'''
[network]
[[network.connection]]
t_ms = 1
send = [{ t_ms = 3, data = "hi" }]
[[network.connection]]
t_ms = 2
)");
  // The second client never sends: its thread and main (in accept) wait forever, so the run ends
  // (finished) at the last event, 6 ms: the echo of "hi" (read done at 4 ms, written at 6 ms).
  EXPECT_EQ(r.trace.events.back().a, 0);
  EXPECT_EQ(Lines(r.text, "diagnostic note"),
            "t=6ms diagnostic note: the client at 127.0.0.1:50001 receives \"hi\"\n"
            "t=6ms diagnostic note: every thread waits on the network and no client will connect or send again: a "
            "server waits here forever; the run ends\n");
  EXPECT_NE(Lines(r.text, "device_start device=conn 127.0.0.1:50002").find("due=? read up to 8 bytes (nothing sent yet)"),
            std::string::npos) << r.text;
}

// std's non-blocking mode and the emulator's epoll (scenarios/epoll_loop.rs): a read with nothing
// to read returns WouldBlock at once, one with bytes waiting reads them without the read latency;
// epoll_wait sleeps until a connection can be read (bytes wait, or the client closed) and names it.
TEST(NetworkRun, NonBlockingReadsNeverWaitAndEpollNamesTheReadyConnections) {
  NetRun r = RunToml(R"(title = "t"
script = '''
use std::io::{ErrorKind, Read};
use std::net::{TcpListener, TcpStream};

fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").unwrap();
    let mut conns: Vec<TcpStream> = Vec::new();
    for _ in 0..2 {
        let (socket, _) = listener.accept().unwrap();
        socket.set_nonblocking(true).unwrap();
        conns.push(socket);
    }
    let mut buf = [0; 4];
    match conns[0].read(&mut buf) {
        Err(e) if e.kind() == ErrorKind::WouldBlock => println!("0: would block"),
        _ => println!("0: something else"),
    }
    let other = Error::new("full");
    println!("Error::new is Other: {}", other.kind() == ErrorKind::Other);
    for _ in 0..3 {
        let ready = epoll_wait(&conns);
        println!("epoll => {:?}", ready);
        for id in ready {
            match conns[id].read(&mut buf) {
                Ok(n) => println!("read({}) => {}", id, n),
                Err(e) => println!("read({}) => {:?}", id, e.kind()),
            }
        }
    }
}
'''
[network]
read_latency_ms = 5
[[network.connection]]
t_ms = 1
send = [{ t_ms = 10, data = "abcdef" }]
[[network.connection]]
t_ms = 2
close_ms = 20
)");
  EXPECT_EQ(r.output, "0: would block\nError::new is Other: true\nepoll => [0]\nread(0) => 4\n"
                      "epoll => [0]\nread(0) => 2\nepoll => [1]\nread(1) => 0\n");
  // epoll_wait slept from 2 ms to 10 ms and to 20 ms; the reads finish when they start, not 5 ms later.
  EXPECT_EQ(Lines(r.text, "device_complete device=conn"),
            "t=10ms device_complete device=conn 127.0.0.1:50001 request=4 -> Ok(4): \"abcd\"\n"
            "t=10ms device_complete device=conn 127.0.0.1:50001 request=5 -> Ok(2): \"ef\"\n"
            "t=20ms device_complete device=conn 127.0.0.1:50002 request=6 -> Ok(0): the client has closed its end\n");
  EXPECT_EQ(Lines(r.text, "would block:"),
            "t=2ms diagnostic note: read from 127.0.0.1:50001 would block: nothing has arrived, so the "
            "non-blocking socket returns Err(WouldBlock) at once\n");
  EXPECT_EQ(r.trace.events.back().a, 0);
}

TEST(NetworkCheck, NonBlockingModeIsStdsAndEpollTakesASliceOfStdStreams) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      // tokio's streams have no set_nonblocking: they never block a thread anyway.
      {"use tokio::net::TcpListener;\nasync fn main() {\n    let l = TcpListener::bind(\"127.0.0.1:8080\").await.unwrap();\n"
       "    let (s, _) = l.accept().await.unwrap();\n    s.set_nonblocking(true);\n}\n",
       "no method named `set_nonblocking` found"},
      {"fn main() {\n    let ready = epoll_wait(&5);\n}\n", "mismatched types"},
      {"fn main() {\n    let k = Error::new(\"x\").kind();\n    let b: bool = k;\n}\n", "ErrorKind"},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    auto s = LoadScenarioText("net.toml", "title = \"t\"\nscript = '''\n" + c.body + "'''\n[network]\n", d);
    ASSERT_TRUE(s) << d.Render();
    auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
    EXPECT_TRUE(d.HasErrors()) << c.body;
    EXPECT_NE(d.Render().find(c.message), std::string::npos) << d.Render();
  }
}

TEST(Slices, ARangeOfAnArrayOrVectorIsASliceAndOutOfRangePanics) {
  NetRun r = RunToml(R"(title = "t"
script = '''
fn main() {
    let v = vec![1, 2, 3];
    let s = &v[1..];
    println!("{} {}", s.len(), s[0]);
    let a = [5u8; 4];
    let b = &a[..=1];
    println!("{}", b.len());
    let t = &v[2..5];
}
'''
)");
  EXPECT_EQ(r.output, "2 2\n2\n");
  EXPECT_EQ(EndWhy(r.trace), "thread 'main' panicked: range end index 5 out of range for slice of length 3");
}

}  // namespace
}  // namespace aws
