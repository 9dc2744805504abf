// The blog's Executor keeps its tasks in a `BTreeMap<TaskId, Task>`: iteration is in key order,
// `entry(..).or_insert_with(..)` fills a vacant key once (its waker cache).
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TaskId(u64);

fn main() {
    let mut tasks: BTreeMap<TaskId, String> = BTreeMap::new();
    tasks.insert(TaskId(2), String::from("keyboard"));
    tasks.insert(TaskId(0), String::from("example"));
    println!("{:?}", tasks.insert(TaskId(1), String::from("timer")));
    println!("{:?}", tasks.insert(TaskId(1), String::from("timer2")));
    for (id, name) in tasks.iter() {
        println!("{:?} {}", id, name);
    }
    if let Some(name) = tasks.get_mut(&TaskId(0)) {
        name.push_str("!");
    }
    println!("{:?} {}", tasks.get(&TaskId(0)), tasks.contains_key(&TaskId(5)));
    let mut cache: BTreeMap<TaskId, u32> = BTreeMap::new();
    let mut made = 0;
    for id in [0, 1, 0, 0] {
        let waker = cache.entry(TaskId(id)).or_insert_with(|| 100 + id as u32);
        *waker += 1;
        made += 1;
    }
    println!("{:?} made {}", cache, made);
    println!("{:?} len {}", tasks.remove(&TaskId(2)), tasks.len());
}
