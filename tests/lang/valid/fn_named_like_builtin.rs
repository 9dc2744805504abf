// A script's own function may have a built-in's name: its calls reach the script's function, as
// a crate's own items shadow the names a glob import brings in.
use std::collections::VecDeque;

fn spawn(queue: &mut VecDeque<&'static str>, name: &'static str) {
    queue.push_back(name);
}

fn sleep(queue: &VecDeque<&'static str>) -> usize {
    queue.len()
}

fn main() {
    let mut queue = VecDeque::new();
    spawn(&mut queue, "first");
    spawn(&mut queue, "second");
    println!("{} queued", sleep(&queue));
    while let Some(name) = queue.pop_front() {
        println!("{}", name);
    }
}
