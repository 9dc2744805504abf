// `VecDeque` pushes at either end: it has `push_back` and `push_front`, no `push`.
use std::collections::VecDeque;

fn main() {
    let mut queue: VecDeque<u32> = VecDeque::new();
    queue.push(1);
}
