// The generated server scenario the benchmarks share (bench_main.cpp, gui/frame_bench.cpp).
#pragma once
#include <fmt/format.h>

#include <string>

// Each task reads a request, sleeps, and writes a reply: three awaits.
inline std::string ServerScenario(int tasks) {
  return fmt::format(R"(title = "generated server: {0} tasks"
executor = "waker"
queue_capacity = {0}
step_budget = 100000000
script = '''
async fn handle(id: u64) {{
    let request = async_read_file("request.txt").await;
    sleep(Duration::from_millis(5)).await;
    async_write_file("reply.txt", request).await;
}}

async fn main() {{
    let mut id = 0;
    while id < {0} {{
        spawn(handle(id));
        id += 1;
    }}
}}
'''
[files."request.txt"]
contents = "GET /"
read_latency_ms = 30
[files."reply.txt"]
contents = ""
read_latency_ms = 1
)",
                     tasks);
}
