// `push_back` takes `&mut self`: the queue must be declared `mut`.
use std::collections::VecDeque;

fn main() {
    let queue: VecDeque<u32> = VecDeque::new();
    queue.push_back(1);
}
