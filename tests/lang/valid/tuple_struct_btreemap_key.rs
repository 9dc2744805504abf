// A tuple struct deriving `Ord` as a `BTreeMap` key: iteration in key order, lookup by a new key.
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TaskId(u64);

fn main() {
    let mut tasks = BTreeMap::new();
    tasks.insert(TaskId(2), "second");
    tasks.insert(TaskId(1), "first");
    for (id, name) in tasks.iter() {
        println!("{} {}", id.0, name);
    }
    if let Some(name) = tasks.get(&TaskId(2)) {
        println!("found {}", name);
    }
}
